/*
 * test_select.c - the --rules expression parser and matcher.
 */
#include "base/error.h"
#include "engine/select.h"
#include "test.h"

static int sel(const char *expr, const char *id, const char *cat, const char *sev)
{
	hk_select *s = NULL;
	int m;
	if (hk_select_parse(&s, expr) != 0)
		return -1;
	m = hk_select_match(s, id, cat, sev);
	hk_select_free(s);
	return m;
}

static void test_words(void)
{
	CHECK_EQ_INT(sel("all", "precision.vehicle", "precision", "high"), 1);
	CHECK_EQ_INT(sel("ALL", "precision.vehicle", "precision", "high"), 1);
	CHECK_EQ_INT(sel("precision", "precision.vehicle", "precision", "high"), 1);
	CHECK_EQ_INT(sel("funds", "precision.vehicle", "precision", "high"), 0);
	CHECK_EQ_INT(sel("high", "precision.vehicle", "precision", "high"), 1);
	CHECK_EQ_INT(sel("low", "precision.vehicle", "precision", "high"), 0);
	CHECK_EQ_INT(sel("precision.vehicle", "precision.vehicle", "precision", "high"), 1);
	CHECK_EQ_INT(sel("precision.vehicl", "precision.vehicle", "precision", "high"), 0);
}

static void test_globs(void)
{
	CHECK(hk_select_glob_match("precision.id-*", "precision.id-invalid"));
	CHECK(!hk_select_glob_match("precision.id-*", "precision.vehicle"));
	CHECK(hk_select_glob_match("*", ""));
	CHECK(hk_select_glob_match("a?c", "abc"));
	CHECK(!hk_select_glob_match("a?c", "ac"));
	CHECK(hk_select_glob_match("*.no-*", "assignment.no-helper"));
	CHECK(hk_select_glob_match("a*b*c", "a-b-b-c"));
	CHECK(!hk_select_glob_match("a*b*c", "a-b-b-"));
}

static void test_operators(void)
{
	const char *e = "precision and not precision.id-*";
	CHECK_EQ_INT(sel(e, "precision.vehicle", "precision", "high"), 1);
	CHECK_EQ_INT(sel(e, "precision.id-invalid", "precision", "medium"), 0);
	CHECK_EQ_INT(sel(e, "funds.idle", "funds", "medium"), 0);
	/* and binds tighter than or */
	CHECK_EQ_INT(sel("funds or precision and low", "funds.idle", "funds", "medium"), 1);
	CHECK_EQ_INT(sel("(funds or precision) and low", "funds.idle", "funds", "medium"), 0);
	CHECK_EQ_INT(sel("funds, assignment", "assignment.no-plan", "assignment", "low"), 1);
	CHECK_EQ_INT(sel("not not funds", "funds.idle", "funds", "medium"), 1);
	CHECK_EQ_INT(sel("NOT funds AND NOT precision", "assignment.no-plan", "assignment", "low"), 1);
}

static void test_syntax_errors(void)
{
	hk_select *s = NULL;
	CHECK_EQ_INT(hk_select_parse(&s, ""), HK_EINPUT);
	CHECK_EQ_INT(hk_select_parse(&s, "funds and"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "column 10") != NULL);
	CHECK_EQ_INT(hk_select_parse(&s, "(funds"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "expected ')'") != NULL);
	CHECK_EQ_INT(hk_select_parse(&s, "funds)"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "unbalanced ')'") != NULL);
	CHECK_EQ_INT(hk_select_parse(&s, "funds precision"), HK_EINPUT);
	CHECK_EQ_INT(hk_select_parse(&s, "and funds"), HK_EINPUT);
	CHECK(s == NULL);
}

static void test_check_unknown_words(void)
{
	const char *ids[] = {"precision.vehicle", "funds.idle"};
	const char *cats[] = {"precision", "funds"};
	const char *sevs[] = {"high", "medium"};
	hk_select *s = NULL;

	CHECK_EQ_INT(hk_select_parse(&s, "precision or fund.*"), 0);
	CHECK_EQ_INT(hk_select_check(s, ids, cats, sevs, 2), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "'fund.*'") != NULL);
	hk_select_free(s);
	CHECK_EQ_INT(hk_select_parse(&s, "precision or funds.* or medium or all"), 0);
	CHECK_EQ_INT(hk_select_check(s, ids, cats, sevs, 2), 0);
	hk_select_free(s);
}

int main(void)
{
	RUN(test_words);
	RUN(test_globs);
	RUN(test_operators);
	RUN(test_syntax_errors);
	RUN(test_check_unknown_words);
	return TEST_DONE();
}
