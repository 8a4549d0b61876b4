/*
 * cmd_run.c - `huikan run PACK --db FILE ...`: select rules, resolve their
 * parameters, run them (engine.h), write the findings, summarise per rule,
 * and record the run in a ledger when asked.
 *
 * Everything a run produced is gathered in struct run (pack, as_of, selected
 * rules with their params, overrides, sorted findings, per-rule results) so
 * that the writers and the ledger hook read one place.
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "engine/engine.h"
#include "cli/engine_cli.h"
#include "base/date.h"
#include "base/error.h"
#include "base/file.h"
#include "ledger/ledger.h"
#include "ledger/ledger_run.h"
#include "ledger/ledger_sign.h"
#include "registry/place.h"
#include "cli/run_explain.h"
#include "engine/output.h"
#include "engine/select.h"
#include "base/sha256.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	N_("usage: huikan run PACK --db FILE [options]\n"
	"\n"
	"Runs the rules of an audit pack (a directory, a rule file, or a pack name\n"
	"under audits/) on a registry db, read-only, and writes one finding per record.\n"
	"\n"
	"options:\n"
	"  --db FILE              the registry (from huikan import)\n"
	"  --as-of DATE           the audit date, YYYY-MM-DD (also YYYY/M/D or YYYYMMDD;\n"
	"                         default: today, local time)\n"
	"  --rules EXPR           which rules: ids, globs (* ?), categories, severities,\n"
	"                         'all', with and, or (or ','), not, parentheses;\n"
	"                         e.g. \"precision and not precision.id-*\" (default all)\n"
	"  --param NAME=VALUE     set a parameter (repeatable); the value is converted\n"
	"                         to the type of its default; a table parameter takes a\n"
	"                         Lua table constructor, e.g. 'poverty_line={[2020]=4000}'\n"
	"  --format FMT           table (default), json, jsonl or csv (UTF-8 with a BOM\n"
	"                         for Excel; cells that would run as formulas start\n"
	"                         with ')\n"
	"  --no-bom               csv without the BOM (for pipelines)\n"
	"  -o, --output FILE      write the findings to FILE (- = stdout): a regular\n"
	"                         file is replaced whole, never half; a device or FIFO\n"
	"                         such as /dev/null is written in place\n"
	"  -j, --jobs N           rules run in parallel (default: number of cores);\n"
	"                         the output does not depend on N\n"
	"  --ledger DIR           record the run in the findings ledger at DIR\n"
	"  --as 'NAME <EMAIL>'    who records the run (default $HUIKAN_USER, git config)\n"
	"  --key FILE             the SSH key that signs the run in a signed ledger\n"
	"                         (default $HUIKAN_SIGNING_KEY, git config user.signingkey)\n"
	"  --history              record the run in the ledger as history only: no\n"
	"                         finding changes state (a run older than one already\n"
	"                         recorded for the same rules is refused without it)\n"
	"  -q, --quiet            no per-rule summary on stderr\n"
	"  --explain              after the run, on stderr: for each rule, each SQL\n"
	"                         statement it ran with its query plan (EXPLAIN QUERY\n"
	"                         PLAN), calls, rows returned and time; a warning for a\n"
	"                         full scan of a large table without an index\n"
	"                         (use with --rules to look at a few rules)\n"
	"  --profile              after the run, on stderr: time per rule (wall, CPU,\n"
	"                         in SQL) and per query, slowest first\n")  "\f" HK_BUDGET_HELP
	 "\f" N_("\n"
	"Records have id (F- + 12 hex of SHA-256 of rule id and entity: the same\n"
	"problem has the same id in every run), rule, entity, category, severity,\n"
	"message, evidence (json and jsonl also as_of, the audit date, which ledger\n"
	"record takes); sorted by rule, entity, id. A per-rule summary (findings,\n"
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
	"  3  incomplete: a rule failed or did not load (see stderr), or internal error\n");

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
		hk_pack_params_free((struct hk_param *)r->jobs[i].params, r->jobs[i].nparams);
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
	if ((err = hk_pack_params_check(p, r->ov, r->nov)) != 0)
		goto cleanup;
	for (size_t i = 0; i < p->nrules; i++) {
		struct hk_engine_job *j;
		struct hk_param *v;
		size_t n;
		if (!hk_select_match(sel, ids[i], cats[i], sevs[i]))
			continue;
		if ((err = hk_pack_params_resolve(&v, &n, p, &p->rules[i], r->ov, r->nov)) != 0) {
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

/* Writes the findings to `path` ("-" or NULL = stdout) with base/file.h: a
 * regular file is replaced whole, never half; a device or FIFO (-o /dev/null)
 * is written in place. */
static int write_findings(const struct run *r, enum hk_format fmt, const char *path, int flags)
{
	hk_file *f;
	int err = hk_file_open(&f, path ? path : "-", 0);

	if (err)
		return err;
	if ((err = hk_output_write(hk_file_stream(f), fmt, r->res.findings, r->res.nfindings, flags, r->as_of)) != 0) {
		hk_file_abort(f);
		return err;
	}
	return hk_file_commit(f);
}

static void print_summary(const struct run *r, int quiet)
{
	const char *h_rule = hk_tr_key("head:RULE"), *h_find = hk_tr_key("head:FINDINGS"),
		   *h_time = hk_tr_key("head:TIME"), *h_cpu = hk_tr_key("head:CPU"), *h_failed = hk_tr_key("head:FAILED");
	static const char *const keys[] = {N_("head:FINDINGS"), N_("head:TIME"), N_("head:CPU"), N_("head:FAILED")};
	const struct hk_engine_result *res = &r->res;
	size_t w = 4;

	for (size_t i = 0; i < res->nrules; i++)
		if (strlen(res->rules[i].rule->id) > w)
			w = strlen(res->rules[i].rule->id);
	if (!quiet) {
		(void)keys;
		hk_text_printf(stderr, _("huikan run: pack %s %s, as of %s, %zu rules, -j %d\n"), r->pack->name,
			       r->pack->version, r->as_of, res->nrules, r->eo.jobs);
		fprintf(stderr, "  %-*s %*s %*s %*s\n", hk_cli_cols(h_rule, (int)w), h_rule, hk_cli_cols(h_find, 9), h_find,
			hk_cli_cols(h_time, 9), h_time, hk_cli_cols(h_cpu, 9), h_cpu);
		for (size_t i = 0; i < res->nrules; i++) {
			const struct hk_rule_result *x = &res->rules[i];
			if (x->failed)
				fprintf(stderr, "  %-*s %*s %8.3fs %8.3fs\n", (int)w, x->rule->id, hk_cli_cols(h_failed, 9),
					h_failed, x->seconds, x->cpu_seconds);
			else
				fprintf(stderr, "  %-*s %9zu %8.3fs %8.3fs\n", (int)w, x->rule->id, x->nfindings,
					x->seconds, x->cpu_seconds);
		}
	}
	for (size_t i = 0; i < res->nrules; i++)
		if (res->rules[i].failed) {
			fprintf(stderr, _("huikan run: rule %s failed: "), res->rules[i].rule->id);
			hk_text_fputs(stderr, res->rules[i].error, HK_TEXT_LINES); /* a traceback: lines kept */
			fputc('\n', stderr);
		}
	if (res->nfailed || r->pack->nbroken)
		fprintf(stderr, _("huikan run: INCOMPLETE: %zu rule(s) failed, %zu rule file(s) did not load; "
			"%zu findings from the %zu rules that ran (%.2fs)\n"), res->nfailed, r->pack->nbroken,
			res->nfindings, res->nrules - res->nfailed, res->seconds);
	else if (!quiet)
		fprintf(stderr, _("huikan run: %zu findings from %zu rules (%.2fs)\n"), res->nfindings, res->nrules,
			res->seconds);
}

/* Records the run in the ledger: the scope is the rules that ran to the end
 * (a failed rule's old findings are not marked absent). */

/* hk_place_names_each callback: appends the county (first 6 digits) of a
 * town to the JSON array being built in ctx, once. */
static int add_county(void *ctx, const char *code, const char *name, const char *level)
{
	hk_buf *b = ctx;
	char q[9];
	(void)name;
	if (strcmp(level, "town") != 0 || strlen(code) < 6)
		return 0;
	snprintf(q, sizeof(q), "\"%.6s\"", code);
	if (b->ptr && strstr(b->ptr, q))
		return 0;
	return hk_buf_printf(b, "%s%s", b->len > 1 ? "," : "", q) < 0 ? HK_EINTERNAL : 0;
}

static int record_in_ledger(const struct run *r, const char *dir, const char *as, const char *key, const char *db,
			    int history)
{
	hk_ledger *l = NULL;
	hk_buf params = HK_BUF_INIT;
	char *actor = NULL, fp[65];
	hk_buf counties = HK_BUF_INIT;
	const char **ran = calloc(r->res.nrules + 1, sizeof(*ran));
	const char **titles = calloc(r->res.nrules + 1, sizeof(*titles));
	const char **titles_en = calloc(r->res.nrules + 1, sizeof(*titles_en));
	size_t nran = 0;
	struct hk_run_counts counts;
	struct hk_run_record rec = {0};
	int err;

	if (!ran || !titles || !titles_en) {
		free(ran);
		free(titles);
		free(titles_en);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	for (size_t i = 0; i < r->res.nrules; i++)
		if (!r->res.rules[i].failed) {
			titles[nran] = r->res.rules[i].rule->title;
			titles_en[nran] = r->res.rules[i].rule->title_en;
			ran[nran++] = r->res.rules[i].rule->id;
		}
	if ((err = hk_ledger_open(&l, dir)) == 0)
		l->progress = hk_cli_stderr_is_tty();
	if (err || (err = hk_ledger_sign_identity(&actor, l, as, key)) ||
	    (err = hk_sha256_file_hex(fp, db)) ||
	    (err = hk_engine_jobs_params_json(&params, r->jobs, r->njobs)) ||
	    (err = hk_place_resolve_file(db, r->res.findings, r->res.nfindings)))
		goto cleanup;
	rec.pack = r->pack->name;
	rec.version = r->pack->version;
	rec.params_json = params.ptr;
	rec.as_of = r->as_of;
	rec.fingerprint = fp;
	rec.actor = actor;
	rec.history = history;
	rec.titles = titles;
	rec.titles_en = titles_en;
	/* the run's counties are the registry's: a county whose findings were
	 * all fixed still has its findings made absent, and no other's */
	if ((err = hk_buf_putc(&counties, '[')) < 0 || (err = hk_place_names_each(db, add_county, &counties)) < 0 ||
	    (err = hk_buf_putc(&counties, ']')) < 0)
		goto cleanup;
	rec.counties = counties.len > 2 ? counties.ptr : NULL;
	err = hk_ledger_run_record(l, &rec, r->res.findings, r->res.nfindings, ran, nran, &counts);
	if (!err && history)
		fprintf(stderr, _("huikan run: ledger %s: run %s: history only, %zu findings, no state changed\n"), dir,
			counts.run_id, counts.produced);
	else if (!err)
		fprintf(stderr, _("huikan run: ledger %s: run %s: %zu found, %zu absent, %zu reappeared, %zu unchanged\n"),
			dir, counts.run_id, counts.found, counts.absent, counts.reappeared, counts.unchanged);
cleanup:
	free(ran);
	free(titles);
	free(titles_en);
	free(actor);
	hk_buf_free(&params);
	hk_buf_free(&counties);
	hk_ledger_free(l);
	return err;
}

int hk_cmd_run(int argc, char **argv)
{
	struct run r = {0};
	const char *pack = NULL, *rules = "all", *format = "table", *out = NULL, *ledger = NULL, *as = NULL, *key = NULL;
	const char *as_of = NULL, *jobs = NULL;
	struct hk_budget_args budget = {0};
	struct hk_strlist *params = NULL, *pos = NULL; /* large: on the heap */
	enum hk_format fmt;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int quiet = 0, no_bom = 0, history = 0, explain = 0, profile = 0, rc = HK_EXIT_USAGE, err;

	hk_engine_cli_budget_defaults(&r.eo.limits);
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
		{"--key", HK_OPT_VALUE, &key},
		{"--quiet", HK_OPT_FLAG, &quiet},      {"--no-bom", HK_OPT_FLAG, &no_bom},
		{"--history", HK_OPT_FLAG, &history},  {"--explain", HK_OPT_FLAG, &explain},
		{"--profile", HK_OPT_FLAG, &profile},  HK_BUDGET_OPTS(budget),
		{NULL, 0, NULL}};
	if ((rc = hk_cli_opts_parse("run", argc, argv, opts, pos, usage)) != 0) {
		rc = rc < 0 ? HK_EXIT_OK : rc;
		goto cleanup;
	}
	rc = HK_EXIT_USAGE;
	if (hk_engine_cli_budget_apply(&r.eo.limits, "run", &budget))
		goto cleanup;
	if (history && !ledger) {
		rc = hk_cli_usage_error("run", "--history records the run in a ledger: give --ledger DIR too");
		goto cleanup;
	}
	if (as_of && hk_cli_date(r.as_of, "run", "--as-of", as_of) != 0)
		goto cleanup;
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
	if (hk_output_format_parse(&fmt, format) != 0) {
		rc = hk_cli_usage_error("run", "%s", hk_error_last());
		goto cleanup;
	}
	if (!r.as_of[0])
		hk_date_today(r.as_of);
	if ((err = hk_engine_cli_pack_open(&r.pack, "run", pack, &r.eo.limits)) != 0) {
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
	r.eo.profile = explain || profile;
	if ((err = hk_engine_run(&r.res, r.jobs, r.njobs, &r.eo)) != 0) {
		rc = hk_cli_fail("run", err);
		goto cleanup;
	}
	if ((err = write_findings(&r, fmt, out, no_bom ? HK_OUTPUT_NO_BOM : 0)) != 0) {
		rc = hk_cli_fail("run", err);
		goto cleanup;
	}
	print_summary(&r, quiet);
	if (explain)
		hk_run_explain(stderr, r.eo.db_path, &r.res);
	if (profile)
		hk_run_profile(stderr, &r.res);
	if (ledger && (err = record_in_ledger(&r, ledger, as, key, r.eo.db_path, history)) != 0) {
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
