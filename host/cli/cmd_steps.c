/*
 * cmd_steps.c - the rectification commands (整改): assign, submit, close,
 * reject, waive, reopen. Each is one commit of one event per finding, refused
 * with the reason when the transition is illegal or the actor lacks the role.
 */
#include "cli/cli.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/json.h"
#include "cli/ledger_cli.h"
#include "ledger/ledger_commit.h"
#include "base/sha256.h"
#include "base/array.h"
#include "base/date.h"
#include "cli/filter_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <time.h>

/* A step on more findings than this writes its objects as one pack, as a big
 * run does, instead of thousands of loose files to be consolidated after. */
#define STEP_PACK_THRESHOLD 2000

struct step {
	const char *cmd;
	enum hk_event_type type;
	struct hk_strlist args;                 /* ids as given */
	char (*ids)[HK_FINDING_ID_LEN + 1];     /* resolved ids */
	size_t nids, capids;
	int bulk;                               /* ids chosen by filter: findings that do not qualify are skipped */
	int dry_run;
	const char *unit, *person, *due, *note, *reason;
	const char *plan[6]; /* measure, goal, lead_unit, support_unit, leader, deadline_kind */
	char due_day[11]; /* --due as YYYY-MM-DD; due points here once read */
	const char *filter_text; /* the filter, for the commit message */
	struct hk_evidence_ref *evidence;
	char **evidence_data;
	size_t *evidence_len;
	size_t nevidence;
	/* results of the last call of step_change: */
	char **skip_why;  /* per id: NULL when it qualifies, else why not (malloc'd) */
	char (*from)[16]; /* per id: its status before */
	size_t nqualify;
	/* for the index: the commit the change was built on, and per qualifying
	 * finding (in id order) its id and state after the step */
	char parent[GIT_OID_HEXSZ + 1];
	char (*done_ids)[HK_FINDING_ID_LEN + 1];
	struct hk_fstate *after;
};

static const char *const plan_opt[6] = {"--measure", "--goal", "--lead-unit", "--support-unit", "--leader",
					"--deadline-kind"};

#define FILTER_USAGE(unit_opt)                                                                                   \
	"\nInstead of IDs, filters choose the findings (as 'huikan findings' does): --rule,\n"                   \
	"--village, --town, --status, --overdue, --db FILE, and " unit_opt ". Findings that\n"                 \
	"do not qualify are skipped and listed with why; the others change in one commit.\n"                     \
	"--dry-run lists what would change and writes nothing. An ID is the whole id or\n"                       \
	"a unique prefix of at least 6 hex digits.\n"

static const char *const usage_text[HK_EV_NTYPES] = {
	[HK_EV_ASSIGNED] = "usage: huikan assign ID...|FILTERS --unit UNIT --due DATE [--person NAME]\n"
			   "                        [--measure TEXT] [--goal TEXT] [--lead-unit UNIT]\n"
			   "                        [--support-unit UNITS] [--leader NAME]\n"
			   "                        [--deadline-kind immediate|dated|ongoing] [--allow-past-due]\n"
			   "                        [--dry-run] [--ledger DIR] [--as \"Name <email>\"] [--key FILE]\n\n"
			   "Assigns findings to a rectification unit (a unit of the ledger, see\n"
			   "'huikan ledger role add unit NAME') with a due date (YYYY-MM-DD,\n"
			   "YYYY/M/D or YYYYMMDD), and its rectification plan (整改台账): 整改措施\n"
			   "--measure, 整改目标 --goal, 牵头单位 --lead-unit, 配合单位 --support-unit,\n"
			   "责任领导 --leader, 责任人 --person, the kind of deadline --deadline-kind:\n"
			   "immediate 立行立改, dated 限期整改 (the default), ongoing 长期坚持.\n"
			   "A due date before today is refused unless --allow-past-due confirms it.\n"
			   "Assigning an assigned finding again edits its plan: what is not given\n"
			   "(even --unit and --due) is kept. Needs an officer.\n"
			   FILTER_USAGE("--from-unit UNIT (the unit it is assigned to now)"),
	[HK_EV_SUBMITTED] = "usage: huikan submit ID --note TEXT [--evidence FILE]... [--ledger DIR] [--as ...] [--key FILE]\n\n"
			    "Submits a rectification of an assigned (or absent) finding. Evidence files\n"
			    "are stored in the ledger by content (evidence/<aa>/<sha256>): regular files\n"
			    "of at most 64 MiB each (not a device, FIFO or directory).\n",
	[HK_EV_CLOSED] = "usage: huikan close ID|FILTERS [--note TEXT] [--dry-run] [--ledger DIR] [--as ...] [--key FILE]\n\n"
			 "Verifies and closes (销号) a submitted or absent finding. Needs an officer who\n"
			 "did not submit the rectification; refused while the last run still\n"
			 "reproduces the finding ('--status ready' picks those ready to close).\n"
			 FILTER_USAGE("--unit UNIT"),
	[HK_EV_REJECTED] = "usage: huikan reject ID --reason TEXT [--ledger DIR] [--as ...] [--key FILE]\n\n"
			   "Rejects a submitted rectification: the finding goes back to its unit.\n"
			   "Needs an officer or inspector.\n",
	[HK_EV_WAIVED] = "usage: huikan waive ID|FILTERS --reason TEXT [--dry-run] [--ledger DIR] [--as ...] [--key FILE]\n\n"
			 "Waives a finding (false positive or accepted). Needs an officer.\n"
			 FILTER_USAGE("--unit UNIT"),
	[HK_EV_REOPENED] = "usage: huikan reopen ID|FILTERS --reason TEXT [--dry-run] [--ledger DIR] [--as ...] [--key FILE]\n\n"
			   "Reopens a closed or waived finding. Needs an officer or inspector.\n"
			   FILTER_USAGE("--unit UNIT"),
};

/* Whether the step takes filters instead of ids. */
static int takes_filters(enum hk_event_type t)
{
	return t == HK_EV_ASSIGNED || t == HK_EV_CLOSED || t == HK_EV_WAIVED || t == HK_EV_REOPENED;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The events of a finding that replay did not apply. */
struct flagged {
	const struct hk_event *v[64];
	size_t n;
};

static void note_flagged(void *ctx, const struct hk_event *e, const char *why)
{
	struct flagged *fl = ctx;
	(void)why;
	if (fl->n < sizeof(fl->v) / sizeof(fl->v[0]))
		fl->v[fl->n++] = e;
}

/* The last assigned event of f that replay applied, or NULL. */
static const struct hk_event *last_assignment(const struct hk_ledger_finding *f, const struct flagged *fl)
{
	for (size_t i = f->nevents; i-- > 0;) {
		int bad = 0;
		if (f->events[i].type != HK_EV_ASSIGNED)
			continue;
		for (size_t k = 0; k < fl->n; k++)
			bad |= fl->v[k] == &f->events[i];
		if (!bad)
			return &f->events[i];
	}
	return NULL;
}

/* Notes that finding i does not qualify, and why. Returns 0 or HK_EINTERNAL. */
static int skip(struct step *st, size_t i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int skip(struct step *st, size_t i, const char *fmt, ...)
{
	char buf[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free((st->skip_why)[i]);
	if (!((st->skip_why)[i] = strdup(buf)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	return 0;
}

static int step_change(void *ctx, struct hk_change *c)
{
	struct step *st = ctx;
	char **why_of = st->skip_why;
	hk_roles *roles = NULL;
	hk_buf dir = HK_BUF_INIT;
	int err = 0;

	st->nqualify = 0;
	st->parent[0] = '\0';
	if (c->head)
		git_oid_tostr(st->parent, sizeof(st->parent), git_commit_id(c->head));
	for (size_t i = 0; i < st->nids; i++) {
		free(why_of[i]);
		why_of[i] = NULL;
	}
	if ((err = hk_ledger_read_roles(&roles, c->l, c->head_tree)) < 0)
		goto done;
	for (size_t i = 0; i < st->nevidence && !err && !st->dry_run; i++) {
		hk_buf_clear(&dir);
		if ((err = hk_buf_printf(&dir, "evidence/%.2s/%s", st->evidence[i].sha256, st->evidence[i].sha256)) == 0)
			err = hk_ledger_commit_put(c, dir.ptr, st->evidence_data[i], st->evidence_len[i]);
	}
	for (size_t i = 0; i < st->nids && !err; i++) {
		struct hk_ledger_finding f;
		struct hk_fstate s;
		struct hk_event e = {0};
		struct flagged fl = {{0}, 0};
		char why[512];
		const char *id = st->ids[i];
		if ((err = hk_ledger_read_finding(&f, c->l, c->head_tree, id)) < 0) {
			hk_ledger_finding_clear(&f);
			break;
		}
		hk_ledger_finding_replay(&f, roles, &s, note_flagged, &fl);
		snprintf(st->from[i], sizeof(st->from[i]), "%s", hk_fstate_status_name(s.status));
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
		if (st->type == HK_EV_ASSIGNED) {
			/* a new assignment of an assigned finding keeps what is not given */
			const struct hk_event *prev = s.status == HK_FS_ASSIGNED ? last_assignment(&f, &fl) : NULL;
			char **mine[6] = {&e.measure, &e.goal, &e.lead_unit, &e.support_unit, &e.leader, &e.deadline_kind};
			const char *theirs[6] = {0};
			if (prev) {
				theirs[0] = prev->measure, theirs[1] = prev->goal, theirs[2] = prev->lead_unit;
				theirs[3] = prev->support_unit, theirs[4] = prev->leader, theirs[5] = prev->deadline_kind;
				if (!e.unit)
					e.unit = prev->unit;
				if (!e.due)
					e.due = prev->due;
				if (!e.person)
					e.person = prev->person;
			}
			for (int k = 0; k < 6; k++)
				*mine[k] = (char *)(st->plan[k] ? st->plan[k] : theirs[k]);
			for (int k = 0; k < 6; k++) /* an empty value clears it */
				if (*mine[k] && !**mine[k])
					*mine[k] = NULL;
			if (e.person && !*e.person)
				e.person = NULL;
		}
		if (st->type == HK_EV_ASSIGNED && (!e.unit || !e.due)) {
			err = st->bulk ? skip(st, i, "it is not assigned yet: give --unit and --due")
				       : hk_error_setc(HK_EINPUT, "%s refused for %s (%s): it is not assigned yet: give --unit "
								  "and --due", st->cmd, id, hk_fstate_status_name(s.status));
		} else if (hk_fstate_check(&s, &e, roles, why, sizeof(why))) {
			err = st->bulk ? skip(st, i, "%s", why)
				       : hk_error_setc(HK_EINPUT, "%s refused for %s (%s): %s", st->cmd, id,
						       hk_fstate_status_name(s.status), why);
		} else if (s.last_time[0] && strcmp(c->time, s.last_time) < 0) {
			err = hk_error_setc(HK_EINPUT, "%s refused for %s: the clock says %s, before its last event (%s)",
					    st->cmd, id, c->time, s.last_time);
		} else if (!st->dry_run) {
			e.actor = NULL;
			e.time = NULL;
			hk_buf_clear(&dir);
			if ((err = hk_ledger_finding_dir(&dir, id)) == 0 && (err = hk_buf_puts(&dir, "/events")) == 0)
				err = hk_ledger_commit_put_event(c, dir.ptr, &e);
			if (!err)
				err = hk_ledger_commit_trailer(c, "Finding", "%s", id);
			if (!err) {
				/* the state the index will hold: as index.c replays it,
				 * the file problems counted as flagged, then this event */
				struct hk_fstate *a = &st->after[st->nqualify];
				*a = s;
				a->flagged += (int)f.nproblems;
				e.actor = (char *)c->actor;
				e.time = c->time;
				e.office = c->l->office;
				hk_fstate_step(a, &e, roles, why, sizeof(why));
				memcpy(st->done_ids[st->nqualify], id, sizeof(st->done_ids[0]));
			}
			st->nqualify++;
		} else {
			st->nqualify++;
		}
		hk_ledger_finding_clear(&f);
	}
	if (err || st->dry_run)
		goto done;
	if (st->nqualify == 0) {
		err = hk_error_setc(HK_EINPUT, "%s: none of the %zu findings chosen qualifies (listed above); nothing written",
				    st->cmd, st->nids);
		goto done;
	}
	{
		const char *what = hk_event_type_name(st->type);
		const char *first = NULL;
		hk_buf *m = &c->message;
		for (size_t i = 0; i < st->nids && !first; i++)
			if (!why_of[i])
				first = st->ids[i];
		switch (st->type) {
		case HK_EV_ASSIGNED:
			if (st->nqualify == 1 && !st->bulk)
				err = hk_buf_printf(m, "assign %s to %s%s%s, due %s\n", first, st->unit ? st->unit : "its unit",
						    st->person ? " / " : "", st->person ? st->person : "",
						    st->due ? st->due : "as before");
			else
				err = hk_buf_printf(m, "assign %zu findings to %s%s%s, due %s\n\n", st->nqualify,
						    st->unit ? st->unit : "their units", st->person ? " / " : "",
						    st->person ? st->person : "", st->due ? st->due : "as before");
			break;
		case HK_EV_SUBMITTED:
			err = hk_buf_printf(m, "submit rectification of %s (%zu evidence file%s)\n\n%s\n", first,
					    st->nevidence, st->nevidence == 1 ? "" : "s", st->note);
			break;
		case HK_EV_CLOSED:
			if (st->bulk)
				err = hk_buf_printf(m, "close %zu findings: verified and closed (销号)\n%s%s", st->nqualify,
						    st->note ? "\n" : "", st->note ? st->note : "");
			else
				err = hk_buf_printf(m, "close %s: verified and closed (销号)\n%s%s", first,
						    st->note ? "\n" : "", st->note ? st->note : "");
			break;
		default:
			if (st->bulk)
				err = hk_buf_printf(m, "%s %zu findings\n\n%s\n", st->cmd, st->nqualify,
						    st->reason ? st->reason : "");
			else
				err = hk_buf_printf(m, "%s %s\n\n%s\n", st->cmd, first, st->reason ? st->reason : "");
			break;
		}
		if (!err && st->bulk && st->filter_text)
			err = hk_buf_printf(m, "%schosen by %s\n", m->len && m->ptr[m->len - 1] == '\n' &&
									   m->len > 1 && m->ptr[m->len - 2] == '\n' ? "" : "\n",
					    st->filter_text);
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
	for (size_t i = 0; st->skip_why && i < st->nids; i++)
		free(st->skip_why[i]);
	free(st->skip_why);
	free(st->from);
	free(st->after);
	free(st->done_ids);
	free(st->ids);
	free(st->evidence);
	free(st->evidence_data);
	free(st->evidence_len);
}

/* The deadline kinds of --deadline-kind: the word, or its Chinese name. */
static const char *const deadline_kinds[3][2] = {
	{"immediate", "立行立改"}, {"dated", "限期整改"}, {"ongoing", "长期坚持"}};

/* Checks the assign options: --due (a date, not past unless allowed), the
 * plan's lengths, --deadline-kind. Returns 0 or the exit code printed. */
static int check_assign(struct step *st, int allow_past_due)
{
	int rc;
	if (st->unit && !*st->unit)
		return hk_cli_usage_error(st->cmd, "--unit is empty: name a unit of the ledger");
	if (st->due) {
		char today[11];
		if ((rc = hk_cli_date(st->due_day, st->cmd, "--due", st->due)) != 0)
			return rc;
		st->due = st->due_day;
		hk_date_today(today);
		if (strcmp(st->due, today) < 0 && !allow_past_due)
			return hk_cli_usage_error(st->cmd, "--due %s is already past (today is %s): give a later date, or "
							   "confirm this one with --allow-past-due", st->due, today);
	}
	if ((st->unit && strlen(st->unit) >= HK_FSTATE_TEXT) || (st->person && strlen(st->person) >= HK_FSTATE_TEXT))
		return hk_cli_usage_error(st->cmd, "--unit or --person longer than %d bytes", HK_FSTATE_TEXT - 1);
	for (int k = 0; k < 6; k++)
		if (st->plan[k] && strlen(st->plan[k]) > 4000)
			return hk_cli_usage_error(st->cmd, "%s: %zu bytes, at most 4000", plan_opt[k], strlen(st->plan[k]));
	if (st->plan[5] && *st->plan[5]) {
		int ok = 0;
		for (int k = 0; k < 3 && !ok; k++)
			if (strcmp(st->plan[5], deadline_kinds[k][0]) == 0 || strcmp(st->plan[5], deadline_kinds[k][1]) == 0) {
				st->plan[5] = deadline_kinds[k][0];
				ok = 1;
			}
		if (!ok)
			return hk_cli_usage_error(st->cmd, "--deadline-kind '%s': use immediate (立行立改), dated (限期整改) "
							   "or ongoing (长期坚持)", st->plan[5]);
	}
	return 0;
}

/* Chooses the findings: the ids given (whole or short) or the filter's.
 * Returns 0 or the exit code printed. */
static int choose(struct step *st, struct hk_filter *flt, hk_ledger *l, hk_index **ix, const char *as_of)
{
	int err, rc = 0;
	sqlite3_stmt *q = NULL;
	hk_buf sql = HK_BUF_INIT;
	int need_index = st->bulk;
	char day[11];
	for (size_t i = 0; i < st->args.n; i++)
		need_index |= strlen(st->args.v[i]) < HK_FINDING_ID_LEN;
	if (need_index && (err = hk_index_open(ix, l)) < 0)
		return hk_cli_fail(st->cmd, err);
	if (!st->bulk) {
		if ((err = HK_ARRAY_GROW(st->ids, st->capids, st->args.n + 1)) < 0)
			return hk_cli_fail(st->cmd, err);
		for (size_t i = 0; i < st->args.n; i++) {
			if ((rc = hk_filter_resolve_id(st->ids[i], st->cmd, *ix, st->args.v[i])) != 0)
				return rc;
			st->nids++;
		}
		return 0;
	}
	if (as_of) {
		if ((rc = hk_cli_date(day, st->cmd, "--as-of", as_of)) != 0)
			return rc;
	} else {
		hk_date_today(day);
	}
	hk_buf_puts(&sql, "SELECT id FROM findings WHERE 1");
	if ((rc = hk_filter_where(&sql, st->cmd, flt, *ix, l)) != 0)
		goto done;
	hk_buf_puts(&sql, " ORDER BY id");
	if (hk_buf_error(&sql) || sqlite3_prepare_v2(hk_index_db(*ix), sql.ptr, -1, &q, NULL) != SQLITE_OK) {
		rc = hk_cli_fail(st->cmd, hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(hk_index_db(*ix))));
		goto done;
	}
	hk_filter_bind(q, flt, day);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if ((err = HK_ARRAY_GROW(st->ids, st->capids, st->nids + 1)) < 0) {
			rc = hk_cli_fail(st->cmd, err);
			goto done;
		}
		snprintf(st->ids[st->nids++], HK_FINDING_ID_LEN + 1, "%s", (const char *)sqlite3_column_text(q, 0));
	}
	if (st->nids == 0)
		rc = hk_cli_fail(st->cmd, hk_error_setc(HK_ENOTFOUND, "no finding matches the filters: nothing to %s "
								   "(see 'huikan findings' with the same filters)", st->cmd));
done:
	sqlite3_finalize(q);
	hk_buf_free(&sql);
	return rc;
}

/* The filter as given, for the commit message ("--town 450922101 --status open"). */
static void filter_text(hk_buf *out, int argc, char **argv)
{
	static const char *const opts[] = {"--status", "--unit", "--from-unit", "--rule", "--village", "--town",
					   "--overdue", "--as-of"};
	for (int i = 1; i < argc; i++)
		for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
			size_t n = strlen(opts[k]);
			if (strncmp(argv[i], opts[k], n) != 0 || (argv[i][n] && argv[i][n] != '='))
				continue;
			hk_buf_printf(out, "%s%s", out->len ? " " : "", argv[i]);
			if (!argv[i][n] && strcmp(opts[k], "--overdue") != 0 && i + 1 < argc)
				hk_buf_printf(out, " %s", argv[++i]);
		}
}

static int run_step(enum hk_event_type type, int argc, char **argv)
{
	struct step st = {0};
	struct hk_strlist files = {0};
	struct hk_filter flt = {0};
	const char *ledger = NULL, *as = NULL, *as_of = NULL, *key = NULL;
	const char *filter_unit = NULL;
	int allow_past_due = 0;
	hk_ledger *l = NULL;
	hk_index *ix = NULL;
	hk_buf ftext = HK_BUF_INIT;
	char *actor = NULL;
	git_oid oid;
	int rc, err;
	const struct hk_opt opts[] = {
		{"--ledger", HK_OPT_VALUE, &ledger}, {"--as", HK_OPT_VALUE, &as},
		{"--key", HK_OPT_VALUE, &key},
		{"--unit", HK_OPT_VALUE, type == HK_EV_ASSIGNED || !takes_filters(type) ? &st.unit : &filter_unit},
		{"--person", HK_OPT_VALUE, &st.person},
		{"--due", HK_OPT_VALUE, &st.due},     {"--note", HK_OPT_VALUE, &st.note},
		{"--reason", HK_OPT_VALUE, &st.reason}, {"--evidence", HK_OPT_LIST, &files},
		{"--measure", HK_OPT_VALUE, &st.plan[0]}, {"--goal", HK_OPT_VALUE, &st.plan[1]},
		{"--lead-unit", HK_OPT_VALUE, &st.plan[2]}, {"--support-unit", HK_OPT_VALUE, &st.plan[3]},
		{"--leader", HK_OPT_VALUE, &st.plan[4]}, {"--deadline-kind", HK_OPT_VALUE, &st.plan[5]},
		{"--allow-past-due", HK_OPT_FLAG, &allow_past_due}, {"--dry-run", HK_OPT_FLAG, &st.dry_run},
		{"--as-of", HK_OPT_VALUE, &as_of},
		{"--from-unit", HK_OPT_VALUE, &filter_unit},
		{"--status", HK_OPT_VALUE, &flt.status}, {"--rule", HK_OPT_VALUE, &flt.rule},
		{"--village", HK_OPT_VALUE, &flt.village}, {"--town", HK_OPT_VALUE, &flt.town},
		{"--overdue", HK_OPT_FLAG, &flt.overdue}, {"--db", HK_OPT_VALUE, &flt.db},
		{NULL, 0, NULL},
	};
	st.cmd = argv[0];
	st.type = type;
	rc = hk_cli_opts_parse(st.cmd, argc, argv, opts, &st.args, usage_text[type]);
	if (rc)
		return rc < 0 ? 0 : rc;
	flt.unit = filter_unit;
	if (!takes_filters(type) && (hk_filter_given(&flt) || st.dry_run || filter_unit))
		return hk_cli_usage_error(st.cmd, "%s takes one finding id, not filters or --dry-run", st.cmd);
	if (type != HK_EV_ASSIGNED && filter_unit && strcmp(argv[0], "assign") != 0 && st.unit)
		return hk_cli_usage_error(st.cmd, "--from-unit belongs to 'huikan assign'");
	st.bulk = hk_filter_given(&flt);
	if (st.args.n == 0 && !st.bulk)
		return hk_cli_usage_error(st.cmd, "name the finding (an id like F-0123456789ab)%s",
					  takes_filters(type) ? ", or choose findings with filters" : "");
	if (st.args.n && st.bulk)
		return hk_cli_usage_error(st.cmd, "give finding ids or filters, not both");
	if (st.args.n > 1 && type != HK_EV_ASSIGNED)
		return hk_cli_usage_error(st.cmd, "one finding at a time (got %zu); choose several with filters",
					  st.args.n);
	if (type != HK_EV_ASSIGNED && (st.unit || st.person || st.due))
		return hk_cli_usage_error(st.cmd, "--unit, --person and --due belong to 'huikan assign'");
	if (type != HK_EV_ASSIGNED && (allow_past_due || st.plan[0] || st.plan[1] || st.plan[2] || st.plan[3] ||
				       st.plan[4] || st.plan[5]))
		return hk_cli_usage_error(st.cmd, "the plan (--measure, --goal, --lead-unit, --support-unit, --leader, "
						  "--deadline-kind, --allow-past-due) belongs to 'huikan assign'");
	if (type != HK_EV_SUBMITTED && files.n)
		return hk_cli_usage_error(st.cmd, "--evidence belongs to 'huikan submit'");
	if (type == HK_EV_ASSIGNED && (rc = check_assign(&st, allow_past_due)) != 0)
		return rc;
	if (type == HK_EV_SUBMITTED && (!st.note || !*st.note))
		return hk_cli_usage_error(st.cmd, "submit needs --note TEXT saying what was done");
	if ((type == HK_EV_REJECTED || type == HK_EV_WAIVED || type == HK_EV_REOPENED) && (!st.reason || !*st.reason))
		return hk_cli_usage_error(st.cmd, "%s needs --reason TEXT", st.cmd);
	if (type != HK_EV_REJECTED && type != HK_EV_WAIVED && type != HK_EV_REOPENED && st.reason)
		return hk_cli_usage_error(st.cmd, "--reason belongs to reject, waive and reopen");
	if ((rc = hk_ledger_cli_open(st.cmd, ledger, as, key, &l, &actor)) != 0)
		goto done;
	if ((rc = choose(&st, &flt, l, &ix, as_of)) != 0)
		goto done;
	filter_text(&ftext, argc, argv);
	st.filter_text = ftext.ptr;
	if (!(st.skip_why = calloc(st.nids + 1, sizeof(*st.skip_why))) || !(st.from = calloc(st.nids + 1, sizeof(*st.from))) ||
	    !(st.after = calloc(st.nids + 1, sizeof(*st.after))) ||
	    !(st.done_ids = calloc(st.nids + 1, sizeof(*st.done_ids)))) {
		rc = hk_cli_fail(st.cmd, hk_error_setc(HK_EINTERNAL, "out of memory"));
		goto done;
	}
	if ((err = load_evidence(&st, &files)) < 0 ||
	    (err = hk_ledger_commit(l, actor, st.nids > STEP_PACK_THRESHOLD, 0, step_change, &st, &oid)) < 0) {
		if (st.bulk && st.nqualify == 0)
			for (size_t i = 0; i < st.nids; i++)
				if (st.skip_why[i])
					printf("%s skipped (%s): %s\n", st.ids[i], st.from[i], st.skip_why[i]);
		rc = hk_cli_fail(st.cmd, err);
		goto done;
	}
	{
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &oid);
		for (size_t i = 0; i < st.nids; i++) {
			if (st.skip_why[i])
				printf("%s skipped (%s): %s\n", st.ids[i], st.from[i], st.skip_why[i]);
			else if (st.dry_run)
				printf("%s would be %s (now %s)\n", st.ids[i], hk_event_type_name(type), st.from[i]);
			else
				printf("%s %s (commit %.12s)\n", st.ids[i], hk_event_type_name(type), hex);
		}
		if (st.bulk || st.dry_run)
			printf("%zu of %zu findings %s%s%s; %zu skipped\n", st.nqualify, st.nids,
			       st.dry_run ? "would be " : "", hk_event_type_name(type),
			       st.dry_run ? " (dry run: nothing written)" : " in one commit", st.nids - st.nqualify);
	}
	rc = st.dry_run && st.nqualify == 0 ? HK_EXIT_USAGE : HK_EXIT_OK;
	if (!st.dry_run) {
		/* the index follows the step at once (the next query reads no git):
		 * the states computed above when it was at the step's parent */
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &oid);
		if ((!ix && (err = hk_index_open_raw(&ix, l)) < 0) ||
		    (err = hk_index_apply_states(ix, st.parent, hex, (const char(*)[HK_FINDING_ID_LEN + 1])st.done_ids,
						 st.after, st.nqualify)) < 0)
			fprintf(stderr, _("huikan %s: warning: the step is recorded, the index not updated (the next query "
					  "catches up): %s\n"),
				st.cmd, hk_error_last());
	}
done:
	step_free(&st);
	hk_filter_clear(&flt);
	hk_buf_free(&ftext);
	hk_index_free(ix);
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
