/*
 * cmd_test.c - `huikan test PACK|RULE-FILE...`: the options, and printing
 * what the rule test engine (engine/ruletest.h) found for each case: "ok",
 * or "not ok" with why and a diff; ends with "N passed, N failed".
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/engine_cli.h"
#include "base/buf.h"
#include "base/error.h"
#include "engine/ruletest.h"
#include "engine/select.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	N_("usage: huikan test PACK|RULE-FILE... [--rules EXPR] [--case NAME] [--accept] [-v]\n"
	"\n"
	"Runs the tests beside the rules: for rules/x.lua, the cases of\n"
	"rules/x.test.lua and of the fixture directory rules/x.test/. Each case\n"
	"imports a small registry (inline rows or CSV files, per docs/registry.md;\n"
	"an unknown table or column is an error) into a temporary db, runs the rule\n"
	"alone and compares the entities it reports with the expected ones. A\n"
	"failure prints a diff (- expected but not found, + found but not expected);\n"
	"a case that cannot be read fails alone, the others run. Ends with\n"
	"'N passed, N failed'.\n"
	"Test format: docs/rules-authoring.md. Default as_of of a case: ")  "\f" HK_RULETEST_AS_OF  "\f" N_(".\n"
	"\n"
	"options:\n"
	"  --rules EXPR   test only the rules EXPR selects (as in huikan run)\n"
	"  --case NAME    run only the cases named NAME\n"
	"  --accept       after showing the difference, write the findings of each\n"
	"                 failing case as its expected ones (the case's expect = {...}\n"
	"                 in x.test.lua, the 'found' lines of an expect file); an\n"
	"                 accepted case counts as passed. Review with git diff.\n"
	"  -v             also print each passing case\n")  "\f" HK_BUDGET_HELP
	 "\f" N_("\n"
	"exit codes: 0 all passed; 1 a case failed or could not run; 2 usage error.\n");

/* Prints "WHAT - RULE: HEAD" and the case's detail lines. Names, paths and
 * messages come from the pack and the data: control characters are made
 * visible (base/text.h), the detail keeping its line breaks. */
static void put_case(const char *what, const char *rule, const struct hk_ruletest_case *c)
{
	printf("%s - ", what);
	hk_text_fputs(stdout, rule, 0);
	fputs(": ", stdout);
	hk_text_fputs(stdout, c->head, 0);
	putchar('\n');
	hk_text_fputs(stdout, c->detail, HK_TEXT_LINES);
}

/* Prints the results of rule r's cases; counts them. */
static void print_cases(const char *rule, const struct hk_ruletest_result *res, int verbose, size_t *passed,
			size_t *failed)
{
	for (size_t i = 0; i < res->ncases; i++) {
		const struct hk_ruletest_case *c = &res->cases[i];
		if (c->passed) {
			(*passed)++;
			if (verbose)
				hk_text_printf(stdout, "ok - %s: %s\n", rule, c->name);
		} else if (c->accepted) {
			(*passed)++;
			put_case("accepted", rule, c);
		} else {
			(*failed)++;
			put_case("not ok", rule, c);
		}
	}
	fflush(stdout);
}

int hk_cmd_test(int argc, char **argv)
{
	struct hk_ruletest_opts to = {0};
	const char *rules = NULL, *only_case = NULL;
	int verbose = 0, accept = 0, rc = HK_EXIT_USAGE;
	struct hk_budget_args budget = {0};
	struct hk_strlist *pos = NULL; /* large: on the heap */
	size_t passed = 0, failed = 0, ran = 0;
	hk_buf untested = HK_BUF_INIT;

	hk_engine_cli_budget_defaults(&to.limits);
	if (!(pos = calloc(1, sizeof(*pos))))
		return HK_EXIT_INTERNAL;
	const struct hk_opt opts[] = {{"--rules", HK_OPT_VALUE, &rules}, {"-v", HK_OPT_FLAG, &verbose},
				      {"--case", HK_OPT_VALUE, &only_case}, {"--accept", HK_OPT_FLAG, &accept},
				      HK_BUDGET_OPTS(budget), {NULL, 0, NULL}};
	if ((rc = hk_cli_opts_parse("test", argc, argv, opts, pos, usage)) != 0 ||
	    (rc = hk_engine_cli_budget_apply(&to.limits, "test", &budget)) != 0) {
		rc = rc < 0 ? HK_EXIT_OK : rc;
		goto cleanup;
	}
	if (!pos->n) {
		rc = hk_cli_usage_error("test", "no PACK or RULE-FILE given");
		goto cleanup;
	}
	to.plugins_dir = hk_cli_plugins_dir();
	to.only_case = only_case;
	to.accept = accept;
	for (size_t i = 0; i < pos->n; i++) {
		struct hk_pack *p = NULL;
		hk_select *sel = NULL;
		char *arg = hk_ruletest_rule_file(pos->v[i]);
		int err = hk_engine_cli_pack_open(&p, "test", arg, &to.limits);
		free(arg);
		if (err) {
			hk_text_printf(stdout, "not ok - %s: ", pos->v[i]);
			hk_text_fputs(stdout, hk_error_last(), 0);
			putchar('\n');
			failed++;
			continue;
		}
		for (size_t k = 0; k < p->nbroken; k++) {
			fputs("not ok - rule file did not load: ", stdout);
			hk_text_fputs(stdout, p->broken[k], 0);
			putchar('\n');
			failed++;
		}
		if (rules && hk_select_parse(&sel, rules) != 0) {
			hk_pack_free(p);
			rc = hk_cli_fail("test", HK_EINPUT);
			goto cleanup;
		}
		for (size_t k = 0; k < p->nrules; k++) {
			const struct hk_rule *r = &p->rules[k];
			struct hk_ruletest_result res;
			if (sel && !hk_select_match(sel, r->id, r->category, r->severity))
				continue;
			if ((err = hk_ruletest_run(&res, p, r, &to)) != 0) {
				hk_ruletest_result_clear(&res);
				hk_select_free(sel);
				hk_pack_free(p);
				rc = hk_cli_fail("test", err);
				goto cleanup;
			}
			if (!res.has_tests)
				hk_buf_printf(&untested, "%s%s", untested.len ? ", " : "", r->id);
			ran += res.ncases;
			print_cases(r->id, &res, verbose, &passed, &failed);
			hk_ruletest_result_clear(&res);
		}
		hk_select_free(sel);
		hk_pack_free(p);
	}
	if (untested.len && !only_case)
		fprintf(stderr, _("huikan test: rules without tests: %s\n"), untested.ptr);
	if (only_case && ran == 0 && failed == 0) { /* a rule that did not load may hold the case */
		rc = hk_cli_usage_error("test", "--case %s: no case of that name", only_case);
		goto cleanup;
	}
	printf(_("%zu passed, %zu failed\n"), passed, failed);
	rc = failed ? HK_EXIT_FINDINGS : HK_EXIT_OK;
cleanup:
	hk_buf_free(&untested);
	free(pos);
	return rc;
}
