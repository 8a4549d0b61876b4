/*
 * cmd_run.c - `huikan run PACK --db FILE ...`: select rules, resolve their
 * parameters, run them (engine.h), write the findings, summarise per rule,
 * and record the run in a ledger when asked.
 *
 * Everything a run produced is gathered in struct run (pack, as_of, selected
 * rules with their params, overrides, sorted findings, per-rule results) so
 * that the writers and the ledger hook read one place.
 */
#include "cli/cli.h"
#include "engine/engine.h"
#include "cli/engine_cli.h"
#include "base/error.h"
#include "base/json.h"
#include "ledger/ledger.h"
#include "ledger/ledger_run.h"
#include "registry/place.h"
#include "registry/registry_ro.h"
#include "engine/output.h"
#include "engine/select.h"
#include "base/sha256.h"
#include "base/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: huikan run PACK --db FILE [options]\n"
	"\n"
	"Runs the rules of an audit pack (a directory, a rule file, or a pack name\n"
	"under audits/) on a registry db, read-only, and writes one finding per record.\n"
	"\n"
	"options:\n"
	"  --db FILE              the registry (from huikan import)\n"
	"  --as-of YYYY-MM-DD     the audit date (default: today, local time)\n"
	"  --rules EXPR           which rules: ids, globs (* ?), categories, severities,\n"
	"                         'all', with and, or (or ','), not, parentheses;\n"
	"                         e.g. \"precision and not precision.id-*\" (default all)\n"
	"  --param NAME=VALUE     set a parameter (repeatable); the value is converted\n"
	"                         to the type of its default; a table parameter takes a\n"
	"                         Lua table constructor, e.g. 'poverty_line={[2020]=4000}'\n"
	"  --format FMT           table (default), json, jsonl or csv\n"
	"  -o, --output FILE      write the findings to FILE (replaced whole, never half)\n"
	"  -j, --jobs N           rules run in parallel (default: number of cores);\n"
	"                         the output does not depend on N\n"
	"  --ledger DIR           record the run in the findings ledger at DIR\n"
	"  --as 'NAME <EMAIL>'    who records the run (default $HUIKAN_USER, git config)\n"
	"  -q, --quiet            no per-rule summary on stderr\n" HK_BUDGET_HELP
	"\n"
	"Records have id (F- + 12 hex of SHA-256 of rule id and entity: the same\n"
	"problem has the same id in every run), rule, entity, category, severity,\n"
	"message, evidence; sorted by rule, entity, id. A per-rule summary (findings,\n"
	"time) goes to stderr, with a progress line when stderr is a terminal.\n"
	"\n"
	"A rule that errors, exceeds a budget or reports a malformed finding is\n"
	"reported with its file:line and reason, its findings are dropped, and the\n"
	"other rules run on.\n"
	"\n"
	"exit codes:\n"
	"  0  complete, no findings\n"
	"  1  complete, findings reported\n"
	"  2  usage or input error (bad option, pack, db, --rules, --param)\n"
	"  3  incomplete: a rule failed or did not load (see stderr), or internal error\n";

struct run {
	struct hk_pack *pack;
	char as_of[11];
	struct hk_engine_job *jobs; /* the selected rules, in id order, with params */
	size_t njobs;
	struct hk_override *ov;
	size_t nov;
	struct hk_engine_opts eo;
	struct hk_engine_result res;
};

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->njobs; i++)
		hk_params_free((struct hk_param *)r->jobs[i].params, r->jobs[i].nparams);
	free(r->jobs);
	free(r->ov);
	hk_engine_result_clear(&r->res);
	hk_pack_free(r->pack);
}

/* Selects the rules and resolves their params into r->jobs. */
static int select_rules(struct run *r, const char *expr)
{
	const struct hk_pack *p = r->pack;
	const char **ids = calloc(p->nrules + 1, sizeof(*ids)), **cats = calloc(p->nrules + 1, sizeof(*cats)),
		   **sevs = calloc(p->nrules + 1, sizeof(*sevs));
	hk_select *sel = NULL;
	int err = HK_EINTERNAL;

	r->jobs = calloc(p->nrules + 1, sizeof(*r->jobs));
	if (!ids || !cats || !sevs || !r->jobs) {
		hk_error_set("out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < p->nrules; i++) {
		ids[i] = p->rules[i].id;
		cats[i] = p->rules[i].category;
		sevs[i] = p->rules[i].severity;
	}
	if ((err = hk_select_parse(&sel, expr)) != 0 ||
	    (p->nrules && (err = hk_select_check(sel, ids, cats, sevs, p->nrules)) != 0))
		goto cleanup;
	if ((err = hk_params_check(p, r->ov, r->nov)) != 0)
		goto cleanup;
	for (size_t i = 0; i < p->nrules; i++) {
		struct hk_engine_job *j;
		struct hk_param *v;
		size_t n;
		if (!hk_select_match(sel, ids[i], cats[i], sevs[i]))
			continue;
		if ((err = hk_params_resolve(&v, &n, p, &p->rules[i], r->ov, r->nov)) != 0) {
			hk_error_prefix("rule %s", ids[i]);
			goto cleanup;
		}
		j = &r->jobs[r->njobs++];
		j->rule = &p->rules[i];
		j->params = v;
		j->nparams = n;
	}
	err = 0;
	if (r->njobs == 0 && p->nrules > 0)
		err = hk_error_setc(HK_EINPUT, "--rules '%s' selects no rule", expr);
cleanup:
	hk_select_free(sel);
	free(ids);
	free(cats);
	free(sevs);
	return err;
}

/* Writes the findings to `path` ("-" or NULL = stdout) through a temporary
 * file renamed into place, so a failed run never leaves half a file. */
static int write_findings(const struct run *r, enum hk_format fmt, const char *path)
{
	char tmp[4200];
	struct stat st;
	FILE *f;
	int err;

	if (!path || strcmp(path, "-") == 0)
		return hk_output_write(stdout, fmt, r->res.findings, r->res.nfindings);
	/* A device or FIFO (-o /dev/null) is written to, never replaced. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		if (!(f = fopen(path, "w")))
			return hk_error_setc(HK_EINPUT, "%s: cannot write: %s", path, strerror(errno));
		err = hk_output_write(f, fmt, r->res.findings, r->res.nfindings);
		if (fclose(f) != 0 && !err)
			err = hk_error_setc(HK_EINTERNAL, "%s: %s", path, strerror(errno));
		return err;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
	if (!(f = fopen(tmp, "w")))
		return hk_error_setc(HK_EINPUT, "%s: cannot write: %s", tmp, strerror(errno));
	err = hk_output_write(f, fmt, r->res.findings, r->res.nfindings);
	if (fclose(f) != 0 && !err)
		err = hk_error_setc(HK_EINTERNAL, "%s: %s", tmp, strerror(errno));
	if (!err && rename(tmp, path) != 0)
		err = hk_error_setc(HK_EINPUT, "%s: cannot write: %s", path, strerror(errno));
	if (err)
		unlink(tmp);
	return err;
}

static void print_summary(const struct run *r, int quiet)
{
	const struct hk_engine_result *res = &r->res;
	size_t w = 4;

	for (size_t i = 0; i < res->nrules; i++)
		if (strlen(res->rules[i].rule->id) > w)
			w = strlen(res->rules[i].rule->id);
	if (!quiet) {
		hk_text_printf(stderr, "huikan run: pack %s %s, as of %s, %zu rules, -j %d\n", r->pack->name,
			       r->pack->version, r->as_of, res->nrules, r->eo.jobs);
		fprintf(stderr, "  %-*s %9s %9s %9s\n", (int)w, "RULE", "FINDINGS", "TIME", "CPU");
		for (size_t i = 0; i < res->nrules; i++) {
			const struct hk_rule_result *x = &res->rules[i];
			if (x->failed)
				fprintf(stderr, "  %-*s %9s %8.3fs %8.3fs\n", (int)w, x->rule->id, "FAILED", x->seconds,
					x->cpu_seconds);
			else
				fprintf(stderr, "  %-*s %9zu %8.3fs %8.3fs\n", (int)w, x->rule->id, x->nfindings,
					x->seconds, x->cpu_seconds);
		}
	}
	for (size_t i = 0; i < res->nrules; i++)
		if (res->rules[i].failed) {
			fprintf(stderr, "huikan run: rule %s failed: ", res->rules[i].rule->id);
			hk_text_fputs(stderr, res->rules[i].error, 0);
			fputc('\n', stderr);
		}
	if (res->nfailed || r->pack->nbroken)
		fprintf(stderr, "huikan run: INCOMPLETE: %zu rule(s) failed, %zu rule file(s) did not load; "
			"%zu findings from the %zu rules that ran (%.2fs)\n", res->nfailed, r->pack->nbroken,
			res->nfindings, res->nrules - res->nfailed, res->seconds);
	else if (!quiet)
		fprintf(stderr, "huikan run: %zu findings from %zu rules (%.2fs)\n", res->nfindings, res->nrules,
			res->seconds);
}

/* SHA-256 hex of the db file: the data fingerprint of a ledger run. */
static int file_fingerprint(char out[65], const char *path)
{
	hk_sha256_ctx c;
	unsigned char buf[1 << 16], h[32];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return hk_error_setc(HK_EINPUT, "%s: %s", path, strerror(errno));
	hk_sha256_init(&c);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		hk_sha256_update(&c, buf, n);
	fclose(f);
	hk_sha256_final(&c, h);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", h[i]);
	return 0;
}

/* The params of the run as a JSON object: every parameter of the selected
 * rules with the value it ran with (first rule's, by name). */
static int params_json(hk_buf *b, const struct run *r)
{
	const char **seen = calloc(1, sizeof(*seen));
	size_t nseen = 0;
	int err = hk_buf_putc(b, '{');

	for (size_t i = 0; i < r->njobs && !err; i++) {
		for (size_t j = 0; j < r->jobs[i].nparams && !err; j++) {
			const struct hk_param *q = &r->jobs[i].params[j];
			int dup = 0;
			const char **grown;
			for (size_t k = 0; k < nseen; k++)
				dup |= strcmp(seen[k], q->name) == 0;
			if (dup)
				continue;
			if (!(grown = realloc(seen, (nseen + 1) * sizeof(*seen)))) {
				err = hk_error_setc(HK_EINTERNAL, "out of memory");
				break;
			}
			seen = grown;
			seen[nseen++] = q->name;
			err = hk_buf_puts(b, nseen > 1 ? "," : "");
			err = err ? err : hk_json_put_str(b, q->name, strlen(q->name));
			err = err ? err : hk_buf_printf(b, ":%s", q->json);
		}
	}
	free(seen);
	return err ? err : hk_buf_putc(b, '}');
}

/* Looks up the village of every finding in the registry, for the ledger's
 * counts by town and village (place.h). */
static int place_findings(const struct run *r, const char *db_path)
{
	sqlite3 *db = NULL;
	int err = hk_registry_open_ro(&db, db_path);
	if (!err)
		err = hk_place_resolve(db, r->res.findings, r->res.nfindings);
	sqlite3_close(db);
	return err;
}

/* Records the run in the ledger: the scope is the rules that ran to the end
 * (a failed rule's old findings are not marked absent). */
static int record_in_ledger(const struct run *r, const char *dir, const char *as, const char *db)
{
	hk_ledger *l = NULL;
	hk_buf params = HK_BUF_INIT;
	char *actor = NULL, fp[65];
	const char **ran = calloc(r->res.nrules + 1, sizeof(*ran));
	size_t nran = 0;
	struct hk_run_counts counts;
	struct hk_run_record rec = {0};
	int err;

	if (!ran)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < r->res.nrules; i++)
		if (!r->res.rules[i].failed)
			ran[nran++] = r->res.rules[i].rule->id;
	if ((err = hk_ledger_open(&l, dir)) == 0)
		l->progress = hk_cli_stderr_is_tty();
	if (err || (err = hk_ledger_identity(&actor, l, as)) ||
	    (err = file_fingerprint(fp, db)) || (err = params_json(&params, r)) ||
	    (err = place_findings(r, db)))
		goto cleanup;
	rec.pack = r->pack->name;
	rec.version = r->pack->version;
	rec.params_json = params.ptr;
	rec.as_of = r->as_of;
	rec.fingerprint = fp;
	rec.actor = actor;
	err = hk_ledger_record_run(l, &rec, r->res.findings, r->res.nfindings, ran, nran, &counts);
	if (!err)
		fprintf(stderr, "huikan run: ledger %s: run %s: %zu found, %zu absent, %zu reappeared, %zu unchanged\n",
			dir, counts.run_id, counts.found, counts.absent, counts.reappeared, counts.unchanged);
cleanup:
	free(ran);
	free(actor);
	hk_buf_free(&params);
	hk_ledger_free(l);
	return err;
}

int hk_cmd_run(int argc, char **argv)
{
	struct run r = {0};
	const char *pack = NULL, *rules = "all", *format = "table", *out = NULL, *ledger = NULL, *as = NULL;
	const char *as_of = NULL, *jobs = NULL;
	struct hk_budget_args budget = {0};
	struct hk_strlist *params = NULL, *pos = NULL; /* large: on the heap */
	enum hk_format fmt;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int quiet = 0, rc = HK_EXIT_USAGE, err;

	hk_budget_defaults(&r.eo.limits);
	r.eo.jobs = ncpu > 0 ? (int)ncpu : 1;
	r.ov = calloc((size_t)argc + 1, sizeof(*r.ov));
	params = calloc(1, sizeof(*params));
	pos = calloc(1, sizeof(*pos));
	if (!r.ov || !params || !pos) {
		rc = HK_EXIT_INTERNAL;
		goto cleanup;
	}
	const struct hk_opt opts[] = {
		{"--db", HK_OPT_VALUE, &r.eo.db_path}, {"--as-of", HK_OPT_VALUE, &as_of},
		{"--rules", HK_OPT_VALUE, &rules},     {"--param", HK_OPT_LIST, params},
		{"--format", HK_OPT_VALUE, &format},   {"-o", HK_OPT_VALUE, &out},
		{"--output", HK_OPT_VALUE, &out},      {"-j", HK_OPT_VALUE, &jobs},
		{"--jobs", HK_OPT_VALUE, &jobs},       {"--ledger", HK_OPT_VALUE, &ledger},
		{"--as", HK_OPT_VALUE, &as},	       {"-q", HK_OPT_FLAG, &quiet},
		{"--quiet", HK_OPT_FLAG, &quiet},      HK_BUDGET_OPTS(budget),
		{NULL, 0, NULL}};
	if ((rc = hk_opts_parse("run", argc, argv, opts, pos, usage)) != 0) {
		rc = rc < 0 ? HK_EXIT_OK : rc;
		goto cleanup;
	}
	rc = HK_EXIT_USAGE;
	if (hk_budget_apply(&r.eo.limits, "run", &budget))
		goto cleanup;
	if (as_of) {
		if (!hk_as_of_valid(as_of)) {
			hk_cli_usage_error("run", "--as-of %s: not a date YYYY-MM-DD", as_of);
			goto cleanup;
		}
		snprintf(r.as_of, sizeof(r.as_of), "%s", as_of);
	}
	for (size_t k = 0; k < params->n; k++) {
		char *eq = strchr(params->v[k], '=');
		if (!eq || eq == params->v[k]) {
			hk_cli_usage_error("run", "--param %s: expected NAME=VALUE", params->v[k]);
			goto cleanup;
		}
		*eq = '\0'; /* argv's own storage, as the override names point into it */
		r.ov[r.nov].name = params->v[k];
		r.ov[r.nov++].value = eq + 1;
	}
	if (jobs) {
		char *end;
		long j = strtol(jobs, &end, 10);
		if (!*jobs || *end || j < 1 || j > 256) {
			hk_cli_usage_error("run", "-j %s: a number of jobs from 1 to 256", jobs);
			goto cleanup;
		}
		r.eo.jobs = (int)j;
	}
	if (pos->n > 1) {
		hk_cli_usage_error("run", "one PACK only (got '%s' and '%s')", pos->v[0], pos->v[1]);
		goto cleanup;
	}
	pack = pos->n ? pos->v[0] : NULL;
	if (!pack) {
		rc = hk_cli_usage_error("run", "no PACK given");
		goto cleanup;
	}
	if (!r.eo.db_path) {
		rc = hk_cli_usage_error("run", "no --db FILE given");
		goto cleanup;
	}
	if (hk_format_parse(&fmt, format) != 0) {
		rc = hk_cli_usage_error("run", "%s", hk_error_last());
		goto cleanup;
	}
	if (!r.as_of[0])
		hk_today(r.as_of);
	if ((err = hk_pack_open(&r.pack, "run", pack, &r.eo.limits)) != 0) {
		rc = hk_cli_fail("run", err);
		goto cleanup;
	}
	if ((err = select_rules(&r, rules)) != 0) {
		rc = hk_cli_fail("run", err);
		goto cleanup;
	}
	r.eo.as_of = r.as_of;
	r.eo.lib_dir = r.pack->lib_dir;
	r.eo.plugins_dir = hk_cli_plugins_dir();
	r.eo.progress = !quiet && hk_cli_stderr_is_tty();
	if ((err = hk_engine_run(&r.res, r.jobs, r.njobs, &r.eo)) != 0) {
		rc = hk_cli_fail("run", err);
		goto cleanup;
	}
	if ((err = write_findings(&r, fmt, out)) != 0) {
		rc = hk_cli_fail("run", err);
		goto cleanup;
	}
	print_summary(&r, quiet);
	if (ledger && (err = record_in_ledger(&r, ledger, as, r.eo.db_path)) != 0) {
		rc = hk_cli_fail("run", err);
		goto cleanup;
	}
	if (r.res.nfailed || r.pack->nbroken)
		rc = HK_EXIT_INTERNAL;
	else
		rc = r.res.nfindings ? HK_EXIT_FINDINGS : HK_EXIT_OK;
cleanup:
	free(params);
	free(pos);
	run_free(&r);
	return rc;
}
