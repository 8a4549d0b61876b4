/*
 * test_pack.c - loading the sample pack (tests/packs/sample) and resolving
 * parameters: rule defaults < pack params < overrides, typed conversion.
 * Run from the top of the tree (tests/run.sh does).
 */
#include "base/error.h"
#include "engine/pack.h"
#include "test.h"

#include <lauxlib.h>

static struct hk_limits lim = {100000000LL, 64u << 20, 5};

static const struct hk_param *param(const struct hk_param *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static void test_load_sample(void)
{
	struct hk_pack *p = NULL;
	const struct hk_rule *r;

	CHECK_EQ_INT(hk_pack_load(&p, TEST_PATH("tests/packs/sample"), TEST_PATH("plugins"), &lim), 0);
	if (!p)
		return;
	CHECK_EQ_STR(p->name, "sample");
	CHECK_EQ_STR(p->version, "1.0");
	CHECK_EQ_INT(p->nrules, 3);
	CHECK_EQ_INT(p->nbroken, 0);
	CHECK_EQ_STR(p->rules[0].id, "sample.big-household"); /* sorted by id */
	CHECK_EQ_STR(p->rules[2].id, "sample.size-mismatch");
	r = hk_pack_rule(p, "sample.exit-below-line");
	CHECK(r != NULL);
	if (r) {
		CHECK_EQ_STR(r->severity, "high");
		CHECK_EQ_STR(r->entity, "household");
		CHECK_EQ_STR(r->basis, "2016 opinion on the poverty exit mechanism; docs/rules.md precision.exit-below-line");
		CHECK_EQ_INT(r->nparams, 1);
	}
	CHECK(strstr(p->lib_dir, "tests/packs/sample/lib") != NULL);
	hk_pack_free(p);
}

static void test_single_rule_file(void)
{
	struct hk_pack *p = NULL;
	CHECK_EQ_INT(hk_pack_load(&p, TEST_PATH("tests/packs/sample/rules/size_mismatch.lua"), NULL, &lim), 0);
	if (!p)
		return;
	CHECK_EQ_STR(p->name, "sample"); /* the enclosing pack's manifest */
	CHECK_EQ_INT(p->nrules, 1);
	CHECK_EQ_STR(p->rules[0].id, "sample.size-mismatch");
	hk_pack_free(p);
	CHECK_EQ_INT(hk_pack_load(&p, TEST_PATH("tests/packs/nosuch"), NULL, &lim), HK_ENOTFOUND);
}

static void test_params_merge(void)
{
	struct hk_pack *p = NULL;
	struct hk_param *v = NULL;
	size_t n = 0;
	const struct hk_rule *below, *big;
	struct hk_override ov[] = {{"max_size", "9"}, {"poverty_line", "{[2019]=1}"}};
	struct hk_override bad[] = {{"max_size", "9.5"}};
	struct hk_override unknown[] = {{"max_sise", "1"}};

	CHECK_EQ_INT(hk_pack_load(&p, TEST_PATH("tests/packs/sample"), NULL, &lim), 0);
	if (!p)
		return;
	below = hk_pack_rule(p, "sample.exit-below-line");
	big = hk_pack_rule(p, "sample.big-household");
	/* the pack's poverty_line table wins over the rule's default */
	CHECK_EQ_INT(hk_pack_params_resolve(&v, &n, p, below, NULL, 0), 0);
	CHECK_EQ_INT(n, 1);
	CHECK(param(v, n, "poverty_line") && strstr(param(v, n, "poverty_line")->literal, "[2014]=2800") != NULL);
	hk_pack_params_free(v, n);
	/* overrides win over both; each rule gets the pack params too */
	CHECK_EQ_INT(hk_pack_params_resolve(&v, &n, p, big, ov, 2), 0);
	CHECK_EQ_INT(n, 2);
	CHECK(param(v, n, "max_size") && !strcmp(param(v, n, "max_size")->literal, "9"));
	CHECK(param(v, n, "poverty_line") && !strcmp(param(v, n, "poverty_line")->json, "{\"2019\":1}"));
	hk_pack_params_free(v, n);
	CHECK_EQ_INT(hk_pack_params_check(p, ov, 2), 0);
	CHECK_EQ_INT(hk_pack_params_check(p, bad, 1), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "--param max_size=9.5: not an integer") != NULL);
	CHECK_EQ_INT(hk_pack_params_check(p, unknown, 1), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "known: max_size, poverty_line") != NULL);
	hk_pack_free(p);
}

/* The value a param literal loads to in a sandbox, as "TYPE VALUE". */
static void loaded(char *out, size_t n, const struct hk_param *v)
{
	hk_sandbox *sb = NULL;
	lua_State *L;

	snprintf(out, n, "(not loaded)");
	if (hk_sandbox_new(&sb, &lim, NULL, NULL, "test") != 0)
		return;
	L = hk_sandbox_lua(sb);
	lua_pushstring(L, v->literal);
	lua_pushliteral(L, "return ");
	lua_insert(L, -2);
	lua_concat(L, 2);
	if (luaL_loadstring(L, lua_tostring(L, -1)) == LUA_OK && lua_pcall(L, 0, 1, 0) == LUA_OK) {
		const char *type = lua_isinteger(L, -1) ? "integer" : luaL_typename(L, -1);
		snprintf(out, n, "%s %s", type, lua_tostring(L, -1));
	}
	hk_sandbox_free(sb);
}

/* --param x=-9223372036854775808 (math.mininteger) stays an integer. */
static void test_param_mininteger(void)
{
	struct hk_pack *p = NULL;
	struct hk_param *v = NULL;
	size_t n = 0;
	char got[128];
	struct hk_override ov[] = {{"max_size", "-9223372036854775808"}};
	struct hk_override over[] = {{"max_size", "-9223372036854775809"}};

	CHECK_EQ_INT(hk_pack_load(&p, TEST_PATH("tests/packs/sample"), NULL, &lim), 0);
	if (!p)
		return;
	CHECK_EQ_INT(hk_pack_params_resolve(&v, &n, p, hk_pack_rule(p, "sample.big-household"), ov, 1), 0);
	if (param(v, n, "max_size")) {
		CHECK_EQ_STR(param(v, n, "max_size")->json, "-9223372036854775808");
		loaded(got, sizeof(got), param(v, n, "max_size"));
		CHECK_EQ_STR(got, "integer -9223372036854775808");
	}
	hk_pack_params_free(v, n);
	CHECK_EQ_INT(hk_pack_params_check(p, over, 1), HK_EINPUT);
	hk_pack_free(p);
}

/* The texts of two languages: picked by language, falling back to the other. */
static void test_text_pick(void)
{
	CHECK_EQ_STR(hk_pack_text("zh", "中", "en"), "中");
	CHECK_EQ_STR(hk_pack_text("zh_CN", "中", "en"), "中");
	CHECK_EQ_STR(hk_pack_text("en", "中", "en"), "en");
	CHECK_EQ_STR(hk_pack_text(NULL, "中", "en"), "en");
	CHECK_EQ_STR(hk_pack_text("zh", NULL, "en"), "en");
	CHECK_EQ_STR(hk_pack_text("zh", "", "en"), "en");
	CHECK_EQ_STR(hk_pack_text("en", "中", ""), "中");
	CHECK(hk_pack_text("en", NULL, "") == NULL);
}

/* description_zh, basis_zh, doc_zh and the pack's description_en come through
 * the loader's child (a rule of audits/poverty, its pack.lua above it). */
static void test_texts_zh(void)
{
	struct hk_pack *p = NULL;
	const struct hk_rule *r;
	const struct hk_param *q;

	CHECK_EQ_INT(hk_pack_load(&p, TEST_PATH("audits/poverty/rules/funds.loan-terms.lua"), TEST_PATH("plugins"), &lim),
		     0);
	if (!p)
		return;
	CHECK(p->description_en && strstr(p->description_en, "audit"));
	r = hk_pack_rule(p, "funds.loan-terms");
	CHECK(r != NULL);
	if (r) {
		CHECK(r->description_zh && strstr(r->description_zh, "贷款"));
		CHECK(r->basis_zh && strstr(r->basis_zh, "小额信贷"));
		CHECK(strstr(r->description, "amount") != NULL);
		q = param(r->params, r->nparams, "loan_max");
		CHECK(q && q->doc && q->doc_zh && strcmp(q->doc_zh, "单笔贷款的最高额度") == 0);
		q = param(r->params, r->nparams, "loan_max_months");
		CHECK(q && !q->doc_zh);
	}
	hk_pack_free(p);
}

int main(void)
{
	RUN(test_load_sample);
	RUN(test_single_rule_file);
	RUN(test_params_merge);
	RUN(test_param_mininteger);
	RUN(test_text_pick);
	RUN(test_texts_zh);
	return TEST_DONE();
}
