/*
 * cmd_steps.c - the rectification commands (整改): assign, submit, close,
 * reject, waive, reopen. Each is one commit of one event per finding, refused
 * with the reason when the transition is illegal or the actor lacks the role.
 */
#include "cli/cli.h"
#include "base/error.h"
#include "base/json.h"
#include "cli/ledger_cli.h"
#include "ledger/ledger_commit.h"
#include "base/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct step {
	const char *cmd;
	enum hk_event_type type;
	struct hk_strlist ids;
	const char *unit, *person, *due, *note, *reason;
	char due_day[11]; /* --due as YYYY-MM-DD; due points here once read */
	struct hk_evidence_ref *evidence;
	char **evidence_data;
	size_t *evidence_len;
	size_t nevidence;
};

static const char *const usage_text[HK_EV_NTYPES] = {
	[HK_EV_ASSIGNED] = "usage: huikan assign ID... --unit UNIT --due DATE [--person NAME]\n"
			   "                        [--ledger DIR] [--as \"Name <email>\"]\n\n"
			   "Assigns findings to a rectification unit (a unit of the ledger, see\n"
			   "'huikan ledger role add unit NAME') with a due date (YYYY-MM-DD,\n"
			   "YYYY/M/D or YYYYMMDD). Needs an officer.\n",
	[HK_EV_SUBMITTED] = "usage: huikan submit ID --note TEXT [--evidence FILE]... [--ledger DIR] [--as ...]\n\n"
			    "Submits a rectification of an assigned (or absent) finding. Evidence files\n"
			    "are stored in the ledger by content (evidence/<aa>/<sha256>): regular files\n"
			    "of at most 64 MiB each (not a device, FIFO or directory).\n",
	[HK_EV_CLOSED] = "usage: huikan close ID [--note TEXT] [--ledger DIR] [--as ...]\n\n"
			 "Verifies and closes (销号) a submitted or absent finding. Needs an officer who\n"
			 "did not submit the rectification; refused while the last run still\n"
			 "reproduces the finding.\n",
	[HK_EV_REJECTED] = "usage: huikan reject ID --reason TEXT [--ledger DIR] [--as ...]\n\n"
			   "Rejects a submitted rectification: the finding goes back to its unit.\n"
			   "Needs an officer or inspector.\n",
	[HK_EV_WAIVED] = "usage: huikan waive ID --reason TEXT [--ledger DIR] [--as ...]\n\n"
			 "Waives a finding (false positive or accepted). Needs an officer.\n",
	[HK_EV_REOPENED] = "usage: huikan reopen ID --reason TEXT [--ledger DIR] [--as ...]\n\n"
			   "Reopens a closed or waived finding. Needs an officer or inspector.\n",
};

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int step_change(void *ctx, struct hk_change *c)
{
	struct step *st = ctx;
	hk_roles *roles = NULL;
	hk_buf dir = HK_BUF_INIT;
	int err = 0;

	if ((err = hk_ledger_read_roles(&roles, c->l, c->head_tree)) < 0)
		goto done;
	for (size_t i = 0; i < st->nevidence && !err; i++) {
		hk_buf_clear(&dir);
		if ((err = hk_buf_printf(&dir, "evidence/%.2s/%s", st->evidence[i].sha256, st->evidence[i].sha256)) == 0)
			err = hk_ledger_commit_put(c, dir.ptr, st->evidence_data[i], st->evidence_len[i]);
	}
	for (size_t i = 0; i < st->ids.n && !err; i++) {
		struct hk_ledger_finding f;
		struct hk_fstate s;
		struct hk_event e = {0};
		char why[512];
		const char *id = st->ids.v[i];
		if ((err = hk_ledger_read_finding(&f, c->l, c->head_tree, id)) < 0) {
			hk_ledger_finding_clear(&f);
			break;
		}
		hk_ledger_finding_replay(&f, roles, &s, NULL, NULL);
		e.type = st->type;
		e.lamport = c->lamport;
		e.actor = (char *)c->actor;
		e.time = c->time;
		e.finding = (char *)id;
		e.prev = s.last_hash;
		e.unit = (char *)st->unit;
		e.person = (char *)st->person;
		e.due = (char *)st->due;
		e.note = (char *)st->note;
		e.reason = (char *)st->reason;
		e.evidence = st->evidence;
		e.nevidence = st->nevidence;
		if (hk_fstate_check(&s, &e, roles, why, sizeof(why))) {
			err = hk_error_setc(HK_EINPUT, "%s refused for %s (%s): %s", st->cmd, id, hk_fstate_status_name(s.status), why);
		} else if (s.last_time[0] && strcmp(c->time, s.last_time) < 0) {
			err = hk_error_setc(HK_EINPUT, "%s refused for %s: the clock says %s, before its last event (%s)",
					    st->cmd, id, c->time, s.last_time);
		} else {
			e.actor = NULL;
			e.time = NULL;
			hk_buf_clear(&dir);
			if ((err = hk_ledger_finding_dir(&dir, id)) == 0 && (err = hk_buf_puts(&dir, "/events")) == 0)
				err = hk_ledger_commit_put_event(c, dir.ptr, &e);
			if (!err)
				err = hk_ledger_commit_trailer(c, "Finding", "%s", id);
		}
		hk_ledger_finding_clear(&f);
	}
	if (err)
		goto done;
	{
		const char *what = hk_event_type_name(st->type);
		const char *first = st->ids.v[0];
		hk_buf *m = &c->message;
		switch (st->type) {
		case HK_EV_ASSIGNED:
			if (st->ids.n == 1)
				err = hk_buf_printf(m, "assign %s to %s%s%s, due %s\n", first, st->unit,
						    st->person ? " / " : "", st->person ? st->person : "", st->due);
			else
				err = hk_buf_printf(m, "assign %zu findings to %s%s%s, due %s\n\n", st->ids.n, st->unit,
						    st->person ? " / " : "", st->person ? st->person : "", st->due);
			break;
		case HK_EV_SUBMITTED:
			err = hk_buf_printf(m, "submit rectification of %s (%zu evidence file%s)\n\n%s\n", first,
					    st->nevidence, st->nevidence == 1 ? "" : "s", st->note);
			break;
		case HK_EV_CLOSED:
			err = hk_buf_printf(m, "close %s: verified and closed (销号)\n%s%s", first, st->note ? "\n" : "",
					    st->note ? st->note : "");
			break;
		default:
			err = hk_buf_printf(m, "%s %s\n\n%s\n", st->cmd, first, st->reason ? st->reason : "");
			break;
		}
		if (!err)
			err = hk_ledger_commit_trailer(c, "Event", "%s", what);
	}
done:
	hk_roles_free(roles);
	hk_buf_free(&dir);
	return err;
}

static int load_evidence(struct step *st, struct hk_strlist *files)
{
	st->nevidence = files->n;
	st->evidence = calloc(files->n + 1, sizeof(*st->evidence));
	st->evidence_data = calloc(files->n + 1, sizeof(char *));
	st->evidence_len = calloc(files->n + 1, sizeof(size_t));
	if (!st->evidence || !st->evidence_data || !st->evidence_len)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < files->n; i++) {
		char hex[65];
		int err = hk_path_read_regular(&st->evidence_data[i], &st->evidence_len[i], files->v[i],
					       HK_EVIDENCE_MAX);
		if (err < 0) {
			hk_error_prefix("--evidence");
			return err;
		}
		hk_sha256_hex(hex, st->evidence_data[i], st->evidence_len[i]);
		st->evidence[i].name = strdup(base_name(files->v[i]));
		st->evidence[i].sha256 = strdup(hex);
		st->evidence[i].size = (long long)st->evidence_len[i];
		if (!st->evidence[i].name || !st->evidence[i].sha256)
			return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	return 0;
}

static void step_free(struct step *st)
{
	for (size_t i = 0; i < st->nevidence; i++) {
		if (st->evidence) {
			free(st->evidence[i].name);
			free(st->evidence[i].sha256);
		}
		if (st->evidence_data)
			free(st->evidence_data[i]);
	}
	free(st->evidence);
	free(st->evidence_data);
	free(st->evidence_len);
}

static int run_step(enum hk_event_type type, int argc, char **argv)
{
	struct step st = {0};
	struct hk_strlist files = {0};
	const char *ledger = NULL, *as = NULL;
	hk_ledger *l = NULL;
	char *actor = NULL;
	git_oid oid;
	int rc, err;
	const struct hk_opt opts[] = {
		{"--ledger", HK_OPT_VALUE, &ledger}, {"--as", HK_OPT_VALUE, &as},
		{"--unit", HK_OPT_VALUE, &st.unit},  {"--person", HK_OPT_VALUE, &st.person},
		{"--due", HK_OPT_VALUE, &st.due},     {"--note", HK_OPT_VALUE, &st.note},
		{"--reason", HK_OPT_VALUE, &st.reason}, {"--evidence", HK_OPT_LIST, &files},
		{NULL, 0, NULL},
	};
	st.cmd = argv[0];
	st.type = type;
	rc = hk_cli_opts_parse(st.cmd, argc, argv, opts, &st.ids, usage_text[type]);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (st.ids.n == 0)
		return hk_cli_usage_error(st.cmd, "name the finding (an id like F-0123456789ab)");
	if (st.ids.n > 1 && type != HK_EV_ASSIGNED)
		return hk_cli_usage_error(st.cmd, "one finding at a time (got %zu)", st.ids.n);
	for (size_t i = 0; i < st.ids.n; i++) {
		hk_buf tmp = HK_BUF_INIT;
		err = hk_ledger_finding_dir(&tmp, st.ids.v[i]);
		hk_buf_free(&tmp);
		if (err < 0)
			return hk_cli_usage_error(st.cmd, "%s", hk_error_last());
	}
	if (type != HK_EV_ASSIGNED && (st.unit || st.person || st.due))
		return hk_cli_usage_error(st.cmd, "--unit, --person and --due belong to 'huikan assign'");
	if (type != HK_EV_SUBMITTED && files.n)
		return hk_cli_usage_error(st.cmd, "--evidence belongs to 'huikan submit'");
	if (type == HK_EV_ASSIGNED) {
		if (!st.unit || !*st.unit || !st.due)
			return hk_cli_usage_error(st.cmd, "assign needs --unit UNIT and --due DATE");
		if ((rc = hk_cli_date(st.due_day, st.cmd, "--due", st.due)) != 0)
			return rc;
		st.due = st.due_day;
		if (strlen(st.unit) >= HK_FSTATE_TEXT || (st.person && strlen(st.person) >= HK_FSTATE_TEXT))
			return hk_cli_usage_error(st.cmd, "--unit or --person longer than %d bytes", HK_FSTATE_TEXT - 1);
	}
	if (type == HK_EV_SUBMITTED && (!st.note || !*st.note))
		return hk_cli_usage_error(st.cmd, "submit needs --note TEXT saying what was done");
	if ((type == HK_EV_REJECTED || type == HK_EV_WAIVED || type == HK_EV_REOPENED) && (!st.reason || !*st.reason))
		return hk_cli_usage_error(st.cmd, "%s needs --reason TEXT", st.cmd);
	if (type != HK_EV_REJECTED && type != HK_EV_WAIVED && type != HK_EV_REOPENED && st.reason)
		return hk_cli_usage_error(st.cmd, "--reason belongs to reject, waive and reopen");
	if ((rc = hk_ledger_cli_open(st.cmd, ledger, as, &l, &actor)) != 0)
		goto done;
	if ((err = load_evidence(&st, &files)) < 0 ||
	    (err = hk_ledger_commit(l, actor, 0, 0, step_change, &st, &oid)) < 0) {
		rc = hk_cli_fail(st.cmd, err);
		goto done;
	}
	{
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &oid);
		for (size_t i = 0; i < st.ids.n; i++)
			printf("%s %s (commit %.12s)\n", st.ids.v[i], hk_event_type_name(type), hex);
	}
	/* the index catches up from git on its next use: steps do not wait for it */
	rc = HK_EXIT_OK;
done:
	step_free(&st);
	free(actor);
	hk_ledger_free(l);
	return rc;
}

int hk_cmd_assign(int argc, char **argv)
{
	return run_step(HK_EV_ASSIGNED, argc, argv);
}

int hk_cmd_submit(int argc, char **argv)
{
	return run_step(HK_EV_SUBMITTED, argc, argv);
}

int hk_cmd_close(int argc, char **argv)
{
	return run_step(HK_EV_CLOSED, argc, argv);
}

int hk_cmd_reject(int argc, char **argv)
{
	return run_step(HK_EV_REJECTED, argc, argv);
}

int hk_cmd_waive(int argc, char **argv)
{
	return run_step(HK_EV_WAIVED, argc, argv);
}

int hk_cmd_reopen(int argc, char **argv)
{
	return run_step(HK_EV_REOPENED, argc, argv);
}
