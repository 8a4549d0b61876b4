/*
 * cmd_new.c - `huikan new pack DIR` and `huikan new rule PACK ID`: a pack or
 * a rule with its test file from a template. The templates run as they are:
 * the rule loads and finds nothing, its test fails until the rule's condition
 * is written. Existing files are never replaced.
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/engine_cli.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/path.h"
#include "registry/schema.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	N_("usage: huikan new pack DIR\n"
	"       huikan new rule PACK ID [--entity KIND] [--severity S]\n"
	"\n"
	"new pack: creates DIR (if missing) with pack.lua, rules/ and lib/; an\n"
	"existing pack.lua is never replaced (docs/rules-authoring.md).\n"
	"\n"
	"new rule: writes PACK/rules/ID.lua, a rule that loads and finds nothing\n"
	"yet, and PACK/rules/ID.test.lua, whose first case fails until the rule's\n"
	"condition is written. ID is the rule's stable id, CATEGORY.NAME (letters,\n"
	"digits, '.', '_', '-'; the category is the part before the first '.').\n"
	"Then: huikan schema, huikan sql, edit, huikan test PACK --rules ID.\n"
	"Existing files are never replaced.\n"
	"\n"
	"options:\n"
	"  --entity KIND     what the rule reports (default household; person,\n"
	"                    cadre, village, fund, payment, ... see docs/registry.md)\n"
	"  --severity S      critical, high, medium (default), low or info\n"
	"\n"
	"exit codes: 0 created; 2 usage error, bad id or a file already exists;\n"
	"3 the files could not be written.\n");

static const char pack_template[] =
	"-- The %s audit pack: one rule a file under rules/ (<rule id>.lua), its tests\n"
	"-- beside it (<rule id>.test.lua); Lua modules the rules share under lib/.\n"
	"-- docs/rules-authoring.md and docs/writing-rules.md tell how.\n"
	"return {\n"
	"\tname = \"%s\",\n"
	"\tversion = \"0.1.0\",\n"
	"\tdescription = \"TODO: 本审计包检查什么\",\n"
	"\tdescription_en = \"TODO: what this pack checks\",\n"
	"\t-- parameters every rule of the pack sees (override a rule's default)\n"
	"\tparams = {},\n"
	"}\n";

static const char rule_template[] =
	"-- %s: TODO one line saying what this rule finds.\n"
	"---@type huikan.Rule (editor completion: audits/huikan.meta.lua)\n"
	"return {\n"
	"\tid = \"%s\",\n"
	"\ttitle = \"TODO 中文标题\",\n"
	"\ttitle_en = \"TODO English title\",\n"
	"\tcategory = \"%s\",\n"
	"\tseverity = \"%s\",\n"
	"\tentity = \"%s\",\n"
	"\tdescription = \"TODO: a finding when ...\",\n"
	"\tdescription_zh = \"TODO: 何种情况产生一条问题\",\n"
	"\tbasis = \"TODO: the policy text this rule enforces\",\n"
	"\tbasis_zh = \"TODO: 本规则依据的政策文件\",\n"
	"\t-- parameters with their defaults; typed ones carry a unit and a doc, e.g.\n"
	"\t-- min_amount = { type = \"money\", default = 3000, unit = \"yuan\",\n"
	"\t--                doc = \"smallest payment\", doc_zh = \"最小发放金额\" }\n"
	"\tparams = {},\n"
	"\tcheck = function(ctx, params)\n"
	"\t\t-- Set work in SQL (see `huikan schema`, try it with `huikan sql`);\n"
	"\t\t-- Lua decides and words the finding. Money columns hold fen.\n"
	"\t\tfor r in ctx:rows([[\n"
	"\t\t\tSELECT %s AS key\n"
	"\t\t\tFROM %s\n"
	"\t\t\tWHERE 0 -- TODO: the condition that makes a finding\n"
	"\t\t]]) do\n"
	"\t\t\tctx:report{\n"
	"\t\t\t\tentity = \"%s:\" .. r.key,\n"
	"\t\t\t\tmessage = \"TODO: what is wrong, for people\",\n"
	"\t\t\t\tevidence = {},\n"
	"\t\t\t}\n"
	"\t\tend\n"
	"\tend,\n"
	"}\n";

static const char test_template[] =
	"-- Tests of %s: huikan test PACK --rules %s (docs/rules-authoring.md).\n"
	"-- Each case imports its rows as a small registry (CSV contract: money in\n"
	"-- yuan, dates YYYY-MM-DD), runs the rule and compares what it found.\n"
	"%s"
	"return {\n"
	"\t{ name = \"TODO: what the rule must find\",\n"
	"\t  data = { %s }, -- TODO: the rows that make the problem\n"
	"\t  expect = { \"%s:%s\" } },\n"
	"\t{ name = \"TODO: a near miss the rule must not find\",\n"
	"\t  data = { %s },\n"
	"\t  expect = {} },\n"
	"}\n";

/* The table, key column, a row builder and two rows of a rule's entity. */
struct entity_shape {
	const char *kind, *table, *key, *builder, *row1, *row2, *key1;
};

static const struct entity_shape shapes[] = {
	{"household", "households", "id",
	 "local function h(id) return { id = id, village_code = \"450902001001\", size = 1, status = \"poor\", "
	 "registered_year = 2016 } end\n",
	 "households = { h(\"H1\") }", "households = { h(\"H2\") }", "H1"},
	{"person", "members", "id_number",
	 "local function h(id) return { id = id, village_code = \"450902001001\", size = 1, status = \"poor\", "
	 "registered_year = 2016 } end\n"
	 "local function m(id, hid) return { id_number = id, household_id = hid, name = \"某某\", relation = \"head\" } "
	 "end\n",
	 "households = { h(\"H1\") }, members = { m(\"450902198001010019\", \"H1\") }",
	 "households = { h(\"H2\") }, members = { m(\"450902198001010027\", \"H2\") }", "450902198001010019"},
};

/* Writes `text` to a new file at path; never replaces one. */
static int write_new(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	size_t len = strlen(text);

	if (fd < 0)
		return hk_error_setc(errno == EEXIST ? HK_EINPUT : HK_EINTERNAL, "%s: %s%s", path, hk_strerror(errno),
				     errno == EEXIST ? _(" (huikan new never replaces a file)") : "");
	if (write(fd, text, len) != (ssize_t)len || close(fd) != 0) {
		int e = errno;
		unlink(path);
		return hk_error_setc(HK_EINTERNAL, "%s: cannot write: %s", path, hk_strerror(e));
	}
	return 0;
}

static int new_pack(const char *dir)
{
	hk_buf text = HK_BUF_INIT, sub = HK_BUF_INIT;
	char *name = hk_xstrdup(dir), *base;
	int err = 0;
	size_t n = strlen(name);

	while (n > 1 && name[n - 1] == '/')
		name[--n] = '\0';
	base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	if (!hk_pack_word_valid(base, "_-")) {
		err = hk_error_setc(HK_EINPUT, "%s: the pack's name '%s' (the directory's name): letters, digits, "
				    "'_' and '-' only", dir, base);
		goto done;
	}
	if (mkdir(name, 0755) != 0 && errno != EEXIST) {
		err = hk_error_setc(HK_EINTERNAL, "%s: cannot create: %s", name, hk_strerror(errno));
		goto done;
	}
	if (hk_buf_printf(&text, pack_template, base, base) || hk_buf_printf(&sub, "%s/pack.lua", name)) {
		err = HK_EINTERNAL;
		goto done;
	}
	if ((err = write_new(sub.ptr, text.ptr)) != 0)
		goto done;
	for (int i = 0; i < 2 && !err; i++) {
		hk_buf_clear(&sub);
		hk_buf_printf(&sub, "%s/%s", name, i ? "lib" : "rules");
		if (mkdir(sub.ptr, 0755) != 0 && errno != EEXIST)
			err = hk_error_setc(HK_EINTERNAL, "%s: cannot create: %s", sub.ptr, hk_strerror(errno));
	}
	if (!err)
		printf(_("created %s/pack.lua, %s/rules/, %s/lib/\nnext: huikan new rule %s CATEGORY.NAME\n"), name, name,
		       name, name);
done:
	hk_buf_free(&text);
	hk_buf_free(&sub);
	free(name);
	return err;
}

static int new_rule(const char *pack, const char *id, const char *entity, const char *severity)
{
	const struct entity_shape *sh = &shapes[0];
	struct entity_shape generic = {entity, "TODO_table", "id", "", "", "", "K1"};
	char table[64];
	hk_buf rule = HK_BUF_INIT, test = HK_BUF_INIT, rpath = HK_BUF_INIT, tpath = HK_BUF_INIT;
	char *dir = hk_engine_cli_pack_path(pack), *category = NULL;
	const char *dot = strchr(id, '.');
	int err = 0;

	if (!dir) {
		err = hk_error_setc(HK_ENOTFOUND, "%s: no such pack (a directory with pack.lua; 'huikan new pack DIR' "
				    "makes one)", pack);
		goto done;
	}
	if (!hk_pack_word_valid(id, "._-") || !dot || dot == id || !dot[1]) {
		err = hk_error_setc(HK_EINPUT, "rule id '%s': CATEGORY.NAME with letters, digits, '.', '_' and '-' "
				    "(e.g. local.housing-twice)", id);
		goto done;
	}
	category = hk_xstrdup(id);
	category[dot - id] = '\0';
	if (!hk_pack_word_valid(category, "_-")) {
		err = hk_error_setc(HK_EINPUT, "rule id '%s': the category '%s' takes letters, digits, '_' and '-'", id,
				    category);
		goto done;
	}
	if (!hk_pack_word_valid(entity, "_")) {
		err = hk_error_setc(HK_EINPUT, "--entity %s: letters, digits and '_' only", entity);
		goto done;
	}
	sh = NULL;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (strcmp(shapes[i].kind, entity) == 0)
			sh = &shapes[i];
	if (!sh) {
		/* cadre -> cadres, fund -> funds, ...; village -> regions */
		const struct hk_table *t;
		snprintf(table, sizeof(table), "%ss", entity);
		t = hk_schema_table(strcmp(entity, "village") == 0 ? "regions" : table);
		if (t) {
			generic.table = t->name;
			generic.key = t->pk ? t->pk[0] : t->cols[0].name;
		}
		sh = &generic;
	}
	hk_buf_printf(&rpath, "%s/pack.lua", dir);
	if (!hk_path_is_file(rpath.ptr)) {
		err = hk_error_setc(HK_EINPUT, "%s: not a pack directory (no pack.lua; 'huikan new pack DIR' makes one)",
				    dir);
		goto done;
	}
	hk_buf_clear(&rpath);
	hk_buf_printf(&rpath, "%s/rules", dir);
	if (mkdir(rpath.ptr, 0755) != 0 && errno != EEXIST) {
		err = hk_error_setc(HK_EINTERNAL, "%s: cannot create: %s", rpath.ptr, hk_strerror(errno));
		goto done;
	}
	hk_buf_clear(&rpath);
	hk_buf_printf(&rpath, "%s/rules/%s.lua", dir, id);
	hk_buf_printf(&tpath, "%s/rules/%s.test.lua", dir, id);
	if (hk_path_is_file(tpath.ptr) || hk_path_is_file(rpath.ptr)) {
		err = hk_error_setc(HK_EINPUT, "%s: already exists (huikan new never replaces a file)",
				    hk_path_is_file(rpath.ptr) ? rpath.ptr : tpath.ptr);
		goto done;
	}
	if (hk_buf_printf(&rule, rule_template, id, id, category, severity, entity, sh->key, sh->table, entity) ||
	    hk_buf_printf(&test, test_template, id, id, sh->builder, sh->row1, entity, sh->key1, sh->row2)) {
		err = HK_EINTERNAL;
		goto done;
	}
	if ((err = write_new(rpath.ptr, rule.ptr)) != 0)
		goto done;
	if ((err = write_new(tpath.ptr, test.ptr)) != 0) {
		unlink(rpath.ptr);
		goto done;
	}
	printf(_("created %s\ncreated %s\nnext: huikan schema; huikan sql --db R 'SELECT ...'; write the rule; "
		 "huikan test %s --rules %s\n"),
	       rpath.ptr, tpath.ptr, dir, id);
done:
	hk_buf_free(&rule);
	hk_buf_free(&test);
	hk_buf_free(&rpath);
	hk_buf_free(&tpath);
	free(category);
	free(dir);
	return err;
}

int hk_cmd_new(int argc, char **argv)
{
	const char *entity = "household", *severity = "medium";
	struct hk_strlist *pos; /* large: on the heap */
	int rc, err = 0, ok = 0;
	static const char *const severities[] = {"critical", "high", "medium", "low", "info", NULL};

	if (!(pos = calloc(1, sizeof(*pos))))
		return HK_EXIT_INTERNAL;
	const struct hk_opt opts[] = {{"--entity", HK_OPT_VALUE, &entity},
				      {"--severity", HK_OPT_VALUE, &severity},
				      {NULL, 0, NULL}};
	if ((rc = hk_cli_opts_parse("new", argc, argv, opts, pos, usage)) != 0) {
		free(pos);
		return rc < 0 ? HK_EXIT_OK : rc;
	}
	for (int i = 0; severities[i]; i++)
		ok |= strcmp(severities[i], severity) == 0;
	if (!ok)
		rc = hk_cli_usage_error("new", "--severity %s: critical, high, medium, low or info", severity);
	else if (pos->n == 2 && strcmp(pos->v[0], "pack") == 0)
		err = new_pack(pos->v[1]);
	else if (pos->n == 3 && strcmp(pos->v[0], "rule") == 0)
		err = new_rule(pos->v[1], pos->v[2], entity, severity);
	else
		rc = hk_cli_usage_error("new", "'new pack DIR' or 'new rule PACK ID'");
	free(pos);
	if (err)
		return hk_cli_fail("new", err);
	return rc;
}
