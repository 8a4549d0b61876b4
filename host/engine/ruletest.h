/*
 * ruletest.h - the tests beside a rule: reading them, running each case on
 * its own small registry, comparing, and accepting what was found.
 *
 * A rule rules/x.lua is tested by rules/x.test.lua (Lua returning a list of
 * cases, or {as_of=, fixture=, cases={...}}) and/or the fixture directory
 * rules/x.test/ (CSV files + an `expect` file, or one such directory per
 * case). Each case builds a registry in a temporary db through the importer
 * (the CSV contract; an unknown table or column is an error), runs the rule
 * alone and compares the entities found with those expected. A case that
 * cannot be read fails alone; the file's other cases still run.
 * docs/rules-authoring.md documents the formats.
 */
#ifndef HK_RULETEST_H
#define HK_RULETEST_H

#include <stddef.h>

#include "engine/pack.h"
#include "engine/sandbox.h"

#define HK_RULETEST_AS_OF "2020-06-30" /* a fixed audit date: tests must not depend on the calendar */

struct hk_ruletest_opts {
	struct hk_limits limits;  /* budgets of the test file and of each run */
	const char *plugins_dir;  /* where require looks besides the pack's lib/ */
	const char *only_case;    /* run only the cases of this name; NULL: all */
	int accept;               /* rewrite a failing case's expected findings with the found ones */
};

/* What became of one case. */
struct hk_ruletest_case {
	char *name;    /* the case's name ("(test file)" when the file did not load) */
	char *head;    /* the rest of the report line: "NAME (FILE, as_of D)" */
	int passed;
	int accepted;  /* its expectations were rewritten (opts.accept) */
	char *detail;  /* why it failed, and what was accepted: lines indented by
			* 4 spaces, each ending in '\n'; "" when it passed */
};

struct hk_ruletest_result {
	struct hk_ruletest_case *cases;
	size_t ncases;
	int has_tests; /* a test file or fixture directory exists (before --case filtering) */
};

/* Runs the tests of rule `r` of pack `p`. A case that cannot be read, whose
 * registry does not import, whose rule fails or whose findings differ is a
 * failed case with its detail; none of these fail the call. Returns 0, or
 * HK_EINTERNAL (out of memory, no temporary file); free with
 * hk_ruletest_result_clear. */
int hk_ruletest_run(struct hk_ruletest_result *out, const struct hk_pack *p, const struct hk_rule *r,
		    const struct hk_ruletest_opts *opts);

void hk_ruletest_result_clear(struct hk_ruletest_result *res);

/* An example of what a rule finds, from its tests. */
struct hk_ruletest_example {
	char *name;   /* the case's name */
	char *expect; /* the entities it expects, ", "-separated */
	char *rows;   /* its inline rows: "TABLE:\nCSV" blocks, or "" (a fixture directory) */
	char *as_of;
};

/* The first case of rule r's tests that expects a finding (cases are read,
 * not run). Returns 1 and fills out, 0 when there is none (out zeroed).
 * Cannot fail otherwise; free with hk_ruletest_example_clear. */
int hk_ruletest_example(struct hk_ruletest_example *out, const struct hk_rule *r, const struct hk_ruletest_opts *opts);

void hk_ruletest_example_clear(struct hk_ruletest_example *ex);

/* The rule file a test file or fixture directory on the command line stands
 * for (x.test.lua or x.test/ -> x.lua), else a copy of `arg`. Never NULL. */
char *hk_ruletest_rule_file(const char *arg);

#endif
