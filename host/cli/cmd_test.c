/*
 * cmd_test.c - `huikan test PACK|RULE-FILE...`: runs the tests beside each
 * rule. A rule rules/x.lua is tested by rules/x.test.lua (Lua returning a
 * list of cases, or {as_of=, fixture=, cases={...}}) and/or the fixture
 * directory rules/x.test/ (CSV files + an `expect` file, or one such
 * directory per case). Each case builds a small registry in a temporary db
 * through the importer (the CSV contract), runs the rule alone, and compares
 * the entities found with those expected; a failure prints a diff.
 * docs/rules-authoring.md documents the formats.
 */
#include "cli/cli.h"
#include "engine/engine.h"
#include "cli/engine_cli.h"
#include "base/error.h"
#include "registry/import.h"
#include "engine/luaval.h"
#include "base/path.h"
#include "registry/schema.h"
#include "engine/select.h"
#include "base/text.h"

#include <lauxlib.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEST_AS_OF "2020-06-30" /* a fixed audit date: tests must not depend on the calendar */

static const char usage[] =
	"usage: huikan test PACK|RULE-FILE... [--rules EXPR] [-v]\n"
	"\n"
	"Runs the tests beside the rules: for rules/x.lua, the cases of\n"
	"rules/x.test.lua and of the fixture directory rules/x.test/. Each case\n"
	"imports a small registry (inline rows or CSV files, per docs/registry.md)\n"
	"into a temporary db, runs the rule alone and compares the entities it\n"
	"reports with the expected ones. A failure prints a diff (- expected but not\n"
	"found, + found but not expected). Ends with 'N passed, N failed'.\n"
	"Test format: docs/rules-authoring.md. Default as_of of a case: " TEST_AS_OF ".\n"
	"\n"
	"options:\n"
	"  --rules EXPR   test only the rules EXPR selects (as in huikan run)\n"
	"  -v             also print each passing case\n" HK_BUDGET_HELP
	"\n"
	"exit codes: 0 all passed; 1 a case failed or could not run; 2 usage error.\n";

struct table_rows {
	char *table;
	char *csv;
};

struct expect {
	char *entity;
	char *message; /* substring the message must contain, or NULL */
	char *severity;
};

struct tcase {
	char *name;
	char *where;       /* test file or fixture dir */
	char as_of[11];
	char *fixture;     /* a directory of CSV files, or NULL */
	struct table_rows *tables;
	size_t ntables;
	struct hk_override *ov; /* name and value strings owned */
	size_t nov;
	struct expect *expect;
	size_t nexpect;
	char **reject;     /* entities that must not be found */
	size_t nreject;
	int exact;         /* findings must be exactly `expect` */
	char *error;       /* the case could not be read */
};

struct cases {
	struct tcase *v;
	size_t n;
};

static void tcase_clear(struct tcase *c)
{
	free(c->name);
	free(c->where);
	free(c->fixture);
	for (size_t i = 0; i < c->ntables; i++) {
		free(c->tables[i].table);
		free(c->tables[i].csv);
	}
	free(c->tables);
	for (size_t i = 0; i < c->nov; i++) {
		free((char *)c->ov[i].name);
		free((char *)c->ov[i].value);
	}
	free(c->ov);
	for (size_t i = 0; i < c->nexpect; i++) {
		free(c->expect[i].entity);
		free(c->expect[i].message);
		free(c->expect[i].severity);
	}
	free(c->expect);
	for (size_t i = 0; i < c->nreject; i++)
		free(c->reject[i]);
	free(c->reject);
	free(c->error);
}

static struct tcase *cases_add(struct cases *cs)
{
	struct tcase *v = hk_xrealloc(cs->v, cs->n + 1, sizeof(*v));
	cs->v = v;
	memset(&v[cs->n], 0, sizeof(v[0]));
	v[cs->n].exact = 1;
	snprintf(v[cs->n].as_of, sizeof(v[0].as_of), "%s", TEST_AS_OF);
	return &v[cs->n++];
}

/* ---- reading a .test.lua (in protected mode, raw access) -------------------- */

static int field(lua_State *L, int t, const char *k)
{
	lua_pushstring(L, k);
	return lua_rawget(L, t);
}

/* Appends the value at idx as one CSV field (contract form: booleans 1/0). */
static void csv_value(lua_State *L, int idx, hk_buf *b, const char *what)
{
	const char *s;
	size_t len;
	hk_buf tmp = HK_BUF_INIT;

	switch (lua_type(L, idx)) {
	case LUA_TNIL: return;
	case LUA_TBOOLEAN: hk_buf_putc(b, lua_toboolean(L, idx) ? '1' : '0'); return;
	case LUA_TNUMBER:
		if (hk_luaval_json(&tmp, L, idx, what) != 0)
			luaL_error(L, "%s", hk_error_last());
		hk_buf_puts(b, tmp.ptr);
		hk_buf_free(&tmp);
		return;
	case LUA_TSTRING:
		s = lua_tolstring(L, idx, &len);
		if (memchr(s, ',', len) || memchr(s, '"', len) || memchr(s, '\n', len) || memchr(s, '\r', len)) {
			hk_buf_putc(b, '"');
			for (size_t i = 0; i < len; i++)
				hk_buf_puts(b, s[i] == '"' ? "\"\"" : (char[]){s[i], 0});
			hk_buf_putc(b, '"');
		} else {
			hk_buf_put(b, s, len);
		}
		return;
	default: luaL_error(L, "%s: a %s cannot be a CSV value", what, luaL_typename(L, idx));
	}
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Renders data[table] = {{col=value,...},...} (at idx) as CSV text. */
static char *rows_to_csv(lua_State *L, int idx, const char *table, const char *where)
{
	hk_buf b = HK_BUF_INIT;
	char **cols = NULL, what[300];
	size_t ncols = 0;
	lua_Integer nrows = (lua_Integer)lua_rawlen(L, idx);

	/* header: the sorted union of the rows' keys */
	for (lua_Integer r = 1; r <= nrows; r++) {
		if (lua_rawgeti(L, idx, r) != LUA_TTABLE)
			luaL_error(L, "%s: data.%s[%d] is not a table of column = value", where, table, (int)r);
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			int seen = 0;
			lua_pop(L, 1);
			if (lua_type(L, -1) != LUA_TSTRING)
				luaL_error(L, "%s: data.%s[%d]: column names must be strings", where, table, (int)r);
			for (size_t i = 0; i < ncols && !seen; i++)
				seen = strcmp(cols[i], lua_tostring(L, -1)) == 0;
			if (!seen) {
				char **v = realloc(cols, (ncols + 1) * sizeof(*cols));
				if (!v)
					luaL_error(L, "out of memory");
				cols = v;
				cols[ncols++] = hk_xstrdup(lua_tostring(L, -1));
			}
		}
		lua_pop(L, 1);
	}
	if (ncols)
		qsort(cols, ncols, sizeof(*cols), cmp_cstr);
	for (size_t i = 0; i < ncols; i++)
		hk_buf_printf(&b, "%s%s", i ? "," : "", cols[i]);
	hk_buf_putc(&b, '\n');
	for (lua_Integer r = 1; r <= nrows; r++) {
		lua_rawgeti(L, idx, r);
		for (size_t i = 0; i < ncols; i++) {
			if (i)
				hk_buf_putc(&b, ',');
			lua_pushstring(L, cols[i]);
			lua_rawget(L, -2);
			snprintf(what, sizeof(what), "%s: data.%s[%d].%s", where, table, (int)r, cols[i]);
			csv_value(L, lua_gettop(L), &b, what);
			lua_pop(L, 1);
		}
		hk_buf_putc(&b, '\n');
		lua_pop(L, 1);
	}
	for (size_t i = 0; i < ncols; i++)
		free(cols[i]);
	free(cols);
	return b.ptr ? b.ptr : hk_xstrdup("");
}

/* A --param style string of a Lua param value (see convert() in pack.c). */
static char *param_string(lua_State *L, int idx, const char *what)
{
	hk_buf b = HK_BUF_INIT;
	int err = 0;
	switch (lua_type(L, idx)) {
	case LUA_TSTRING: return hk_xstrdup(lua_tostring(L, idx));
	case LUA_TBOOLEAN: return hk_xstrdup(lua_toboolean(L, idx) ? "true" : "false");
	case LUA_TNUMBER: err = hk_luaval_json(&b, L, idx, what); break;
	default: err = hk_luaval_literal(&b, L, idx, what); break;
	}
	if (err) {
		hk_buf_free(&b);
		luaL_error(L, "%s", hk_error_last());
	}
	return b.ptr;
}

static char *opt_string(lua_State *L, int t, const char *k, const char *where)
{
	char *s = NULL;
	int ty = field(L, t, k);
	if (ty == LUA_TSTRING)
		s = hk_xstrdup(lua_tostring(L, -1));
	else if (ty != LUA_TNIL)
		luaL_error(L, "%s: field '%s' must be a string", where, k);
	lua_pop(L, 1);
	return s;
}

struct read_job {
	const char *file;
	const char *lib_dir;
	const struct hk_limits *lim;
	const char *dir; /* of the test file, for fixture paths */
	struct cases *out;
	hk_sandbox *sb;
};

/* Reads one case table at idx into c. */
static void read_case(lua_State *L, int idx, struct tcase *c, const struct read_job *j, int n, const char *as_of,
		      const char *fixture)
{
	char where[600], *s;
	int t;

	c->name = opt_string(L, idx, "name", j->file);
	if (!c->name) {
		snprintf(where, sizeof(where), "case %d", n);
		c->name = hk_xstrdup(where);
	}
	c->where = hk_xstrdup(j->file);
	snprintf(where, sizeof(where), "%s: case '%s'", j->file, c->name);
	if ((s = opt_string(L, idx, "as_of", where)) || as_of) {
		if (!hk_as_of_valid(s ? s : as_of)) {
			free(s);
			luaL_error(L, "%s: as_of is not a date YYYY-MM-DD", where);
		}
		snprintf(c->as_of, sizeof(c->as_of), "%s", s ? s : as_of);
		free(s);
	}
	if ((s = opt_string(L, idx, "fixture", where)) || fixture) {
		const char *fx = s ? s : fixture;
		if (asprintf(&c->fixture, "%s%s%s", fx[0] == '/' ? "" : j->dir, fx[0] == '/' ? "" : "/", fx) < 0)
			luaL_error(L, "out of memory");
		free(s);
	}
	if (field(L, idx, "data") == LUA_TNIL) {
		lua_pop(L, 1);
		field(L, idx, "rows");
	}
	t = lua_gettop(L);
	if (lua_istable(L, t)) {
		lua_pushnil(L);
		while (lua_next(L, t)) {
			struct table_rows *v;
			if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1))
				luaL_error(L, "%s: data must map table names to lists of rows", where);
			v = realloc(c->tables, (c->ntables + 1) * sizeof(*v));
			if (!v)
				luaL_error(L, "out of memory");
			c->tables = v;
			v[c->ntables].table = hk_xstrdup(lua_tostring(L, -2));
			v[c->ntables].csv = NULL;
			c->ntables++;
			v[c->ntables - 1].csv = rows_to_csv(L, lua_gettop(L), lua_tostring(L, -2), where);
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, t)) {
		luaL_error(L, "%s: data must be a table", where);
	}
	lua_settop(L, t - 1);
	if (field(L, idx, "params") == LUA_TTABLE) {
		t = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, t)) {
			struct hk_override *v = realloc(c->ov, (c->nov + 1) * sizeof(*v));
			if (!v || lua_type(L, -2) != LUA_TSTRING)
				luaL_error(L, "%s: params must map names to values", where);
			c->ov = v;
			v[c->nov].name = hk_xstrdup(lua_tostring(L, -2));
			v[c->nov].value = NULL;
			c->nov++;
			v[c->nov - 1].value = param_string(L, lua_gettop(L), where);
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	if (field(L, idx, "exact") != LUA_TNIL)
		c->exact = lua_toboolean(L, -1);
	lua_pop(L, 1);
	t = lua_gettop(L) + 1;
	if (field(L, idx, "expect") != LUA_TTABLE)
		luaL_error(L, "%s: needs expect = { entity, ... } (an empty list when nothing must be found)", where);
	c->expect = hk_xcalloc(lua_rawlen(L, t) + 1, sizeof(*c->expect));
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, t); i++) {
		struct expect *e = &c->expect[c->nexpect++];
		int ty = lua_rawgeti(L, t, i);
		if (ty == LUA_TSTRING) {
			e->entity = hk_xstrdup(lua_tostring(L, -1));
		} else if (ty == LUA_TTABLE) {
			e->entity = opt_string(L, lua_gettop(L), "entity", where);
			e->message = opt_string(L, lua_gettop(L), "message", where);
			e->severity = opt_string(L, lua_gettop(L), "severity", where);
			if (!e->entity)
				luaL_error(L, "%s: expect[%d] has no entity", where, (int)i);
		} else {
			luaL_error(L, "%s: expect[%d] must be an entity string or {entity=, message=, severity=}", where,
				   (int)i);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (field(L, idx, "expect_not") == LUA_TTABLE) {
		t = lua_gettop(L);
		c->reject = hk_xcalloc(lua_rawlen(L, t) + 1, sizeof(*c->reject));
		for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, t); i++) {
			if (lua_rawgeti(L, t, i) != LUA_TSTRING)
				luaL_error(L, "%s: expect_not must list entity strings", where);
			c->reject[c->nreject++] = hk_xstrdup(lua_tostring(L, -1));
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
}

static int read_test_protected(lua_State *L)
{
	struct read_job *j = lua_touserdata(L, 1);
	int t, list;
	char *as_of, *fixture;

	/* run in a child process (pack.h): the test file is pack code */
	t = hk_pack_dofile_data(L, j->file, j->lib_dir, hk_cli_plugins_dir(), j->lim);
	as_of = opt_string(L, t, "as_of", j->file);
	fixture = opt_string(L, t, "fixture", j->file);
	list = t;
	if (field(L, t, "cases") == LUA_TTABLE)
		list = lua_gettop(L);
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, list); i++) {
		struct tcase *c = cases_add(j->out);
		if (lua_rawgeti(L, list, i) != LUA_TTABLE) {
			free(as_of);
			free(fixture);
			return luaL_error(L, "%s: case %d is not a table", j->file, (int)i);
		}
		read_case(L, lua_gettop(L), c, j, (int)i, as_of, fixture);
		lua_pop(L, 1);
	}
	free(as_of);
	free(fixture);
	return 0;
}

/* Reads a .test.lua into cs; a file that cannot be read is one failing case. */
static void read_test_file(struct cases *cs, const char *file, const char *lib_dir, const struct hk_limits *lim)
{
	struct read_job j = {file, lib_dir, lim, NULL, cs, NULL};
	char *dir = hk_xstrdup(file), *slash = strrchr(dir, '/');
	size_t before = cs->n;

	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	j.dir = dir;
	if (hk_sandbox_new(&j.sb, lim, NULL, hk_cli_plugins_dir(), file) == 0) {
		hk_sandbox_start(j.sb);
		lua_pushcfunction(hk_sandbox_lua(j.sb), read_test_protected);
		lua_pushlightuserdata(hk_sandbox_lua(j.sb), &j);
		if (hk_sandbox_pcall(j.sb, 1, 0) != 0) {
			struct tcase *c;
			while (cs->n > before)
				tcase_clear(&cs->v[--cs->n]);
			c = cases_add(cs);
			c->name = hk_xstrdup("(test file)");
			c->where = hk_xstrdup(file);
			c->error = hk_xstrdup(hk_error_last());
		}
		hk_sandbox_free(j.sb);
	}
	free(dir);
}

/* ---- fixture directories ----------------------------------------------------- */

/* Reads DIR/expect: "as_of D", "param N=V", "found ENTITY", "not ENTITY",
 * "partial", "# comments". */
static void read_expect_file(struct tcase *c, const char *dir)
{
	char path[4200], line[2048];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/expect", dir);
	c->where = hk_xstrdup(path);
	c->fixture = hk_xstrdup(dir);
	c->expect = hk_xcalloc(1, sizeof(*c->expect));
	if (!(f = fopen(path, "r"))) {
		c->error = hk_xstrdup(strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = line, *e = s + strlen(s);
		n++;
		while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			continue;
		if (!strncmp(s, "as_of ", 6) && hk_as_of_valid(s + 6)) {
			snprintf(c->as_of, sizeof(c->as_of), "%s", s + 6);
		} else if (!strncmp(s, "found ", 6)) {
			void *v = realloc(c->expect, (c->nexpect + 2) * sizeof(*c->expect));
			if (!v)
				break;
			c->expect = v;
			memset(&c->expect[c->nexpect], 0, sizeof(*c->expect));
			c->expect[c->nexpect++].entity = hk_xstrdup(s + 6);
		} else if (!strncmp(s, "not ", 4)) {
			void *v = realloc(c->reject, (c->nreject + 1) * sizeof(*c->reject));
			if (!v)
				break;
			c->reject = v;
			c->reject[c->nreject++] = hk_xstrdup(s + 4);
		} else if (!strncmp(s, "param ", 6) && strchr(s + 6, '=')) {
			void *v = realloc(c->ov, (c->nov + 1) * sizeof(*c->ov));
			char *eq = strchr(s + 6, '=');
			if (!v)
				break;
			c->ov = v;
			*eq = '\0';
			c->ov[c->nov].name = hk_xstrdup(s + 6);
			c->ov[c->nov++].value = hk_xstrdup(eq + 1);
		} else if (!strcmp(s, "partial")) {
			c->exact = 0;
		} else {
			if (asprintf(&c->error, "%s:%d: not 'as_of DATE', 'param N=V', 'found ENTITY', 'not ENTITY', "
				     "'partial' or a # comment: '%s'", path, n, s) < 0)
				c->error = NULL;
			break;
		}
	}
	fclose(f);
}

/* DIR/expect is one case; else each subdirectory with an expect file is. */
static void read_fixture_dir(struct cases *cs, const char *dir)
{
	char path[4200];
	struct dirent **names = NULL;
	int n;

	snprintf(path, sizeof(path), "%s/expect", dir);
	if (hk_path_is_file(path)) {
		struct tcase *c = cases_add(cs);
		c->name = hk_xstrdup(strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir);
		read_expect_file(c, dir);
		return;
	}
	n = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s/expect", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && hk_path_is_file(path)) {
			struct tcase *c = cases_add(cs);
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			c->name = hk_xstrdup(names[i]->d_name);
			read_expect_file(c, path);
		}
		free(names[i]);
	}
	free(names);
}

/* ---- running a case -------------------------------------------------------- */

/* Builds the case's registry in a new temporary db file (path in out). */
static int build_db(char *out, size_t outsz, const struct tcase *c)
{
	const char *tmpdir = getenv("TMPDIR");
	sqlite3 *db = NULL;
	struct hk_import_opts io = {0};
	FILE *errs = tmpfile();
	int fd, err = HK_EINPUT;

	snprintf(out, outsz, "%s/huikan-test-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if ((fd = mkstemp(out)) < 0) {
		if (errs)
			fclose(errs);
		return hk_error_setc(HK_EINTERNAL, "cannot create a temporary db: %s", strerror(errno));
	}
	close(fd);
	io.errors = errs;
	/* A scratch db: no journal, no fsync. */
	if (sqlite3_open(out, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK ||
	    hk_schema_create(db) != 0) {
		err = hk_error_setc(HK_EINTERNAL, "cannot create the test db %s", out);
		goto cleanup;
	}
	if (c->fixture) {
		const char *paths[1] = {c->fixture};
		if ((err = hk_import_paths(db, paths, 1, &io, NULL)) != 0)
			goto import_error;
	}
	for (size_t i = 0; i < c->ntables; i++) {
		char name[300];
		snprintf(name, sizeof(name), "data.%s", c->tables[i].table);
		if ((err = hk_import_csv_buffer(db, c->tables[i].table, name, c->tables[i].csv,
						strlen(c->tables[i].csv), &io)) != 0)
			goto import_error;
	}
	err = 0;
	goto cleanup;
import_error: {
	char buf[1024] = "";
	size_t n = 0;
	if (errs) {
		rewind(errs);
		n = fread(buf, 1, sizeof(buf) - 1, errs);
		buf[n] = '\0';
		while (n && buf[n - 1] == '\n')
			buf[--n] = '\0';
	}
	hk_error_setc(HK_EINPUT, "the case's registry does not import: %s", n ? buf : hk_error_last());
}
cleanup:
	sqlite3_close(db);
	if (errs)
		fclose(errs);
	return err;
}

static int has_entity(const struct hk_engine_result *res, const char *entity)
{
	for (size_t i = 0; i < res->nfindings; i++)
		if (strcmp(res->findings[i].entity, entity) == 0)
			return (int)i + 1;
	return 0;
}

/* Prints "not ok - RULE: CASE (WHERE)" and, when given, an indented detail
 * line. Names, paths and messages come from the pack and the data: they are
 * made visible on one line each (base/text.h). */
static void case_failed(const struct hk_rule *r, const struct tcase *c, const char *as_of, const char *detail)
{
	printf("not ok - %s: ", r->id);
	hk_text_fputs(stdout, c->name, 0);
	if (c->where) {
		fputs(" (", stdout);
		hk_text_fputs(stdout, c->where, 0);
		if (as_of)
			printf(", as_of %s", as_of);
		putchar(')');
	}
	putchar('\n');
	if (detail) {
		fputs("    ", stdout);
		hk_text_fputs(stdout, detail, 0);
		putchar('\n');
	}
}

/* Runs case c of rule r; returns 1 when it passed, else prints why. */
static int run_case(const struct hk_pack *p, const struct hk_rule *r, const struct tcase *c,
		    const struct hk_limits *lim, int verbose)
{
	char db[4200] = "";
	struct hk_engine_job job = {r, NULL, 0};
	struct hk_engine_opts eo = {0};
	struct hk_engine_result res = {0};
	struct hk_param *params = NULL;
	size_t nparams = 0;
	hk_buf diff = HK_BUF_INIT, v1 = HK_BUF_INIT, v2 = HK_BUF_INIT, v3 = HK_BUF_INIT;
	int passed = 0, err;

	if (c->error) {
		struct tcase named = {.name = c->name};
		case_failed(r, &named, NULL, c->error);
		return 0;
	}
	if ((err = hk_params_check(p, c->ov, c->nov)) != 0 ||
	    (err = hk_params_resolve(&params, &nparams, p, r, c->ov, c->nov)) != 0 ||
	    (err = build_db(db, sizeof(db), c)) != 0) {
		case_failed(r, c, NULL, hk_error_last());
		goto cleanup;
	}
	job.params = params;
	job.nparams = nparams;
	eo.db_path = db;
	eo.as_of = c->as_of;
	eo.jobs = 1;
	eo.limits = *lim;
	eo.lib_dir = p->lib_dir;
	eo.plugins_dir = hk_cli_plugins_dir();
	if ((err = hk_engine_run(&res, &job, 1, &eo)) != 0) {
		case_failed(r, c, NULL, hk_error_last());
		goto cleanup;
	}
	if (res.nfailed) {
		hk_buf_printf(&diff, "the rule failed: %s", res.rules[0].error);
		case_failed(r, c, NULL, diff.ptr);
		goto cleanup;
	}
	for (size_t i = 0; i < c->nexpect; i++) {
		const struct expect *e = &c->expect[i];
		int at = has_entity(&res, e->entity);
		const struct hk_finding *f = at ? &res.findings[at - 1] : NULL;
		const char *ent = hk_text_vis(&v1, e->entity, 0);
		if (!f)
			hk_buf_printf(&diff, "    - %s   (expected, not found)\n", ent);
		else if (e->severity && strcmp(e->severity, f->severity) != 0)
			hk_buf_printf(&diff, "    ~ %s   severity %s, expected %s\n", ent, f->severity,
				      hk_text_vis(&v2, e->severity, 0));
		else if (e->message && !strstr(f->message, e->message))
			hk_buf_printf(&diff, "    ~ %s   message '%s' does not contain '%s'\n", ent,
				      hk_text_vis(&v2, f->message, 0), hk_text_vis(&v3, e->message, 0));
	}
	for (size_t i = 0; i < c->nreject; i++)
		if (has_entity(&res, c->reject[i]))
			hk_buf_printf(&diff, "    + %s   (found, must not be)\n", hk_text_vis(&v1, c->reject[i], 0));
	for (size_t i = 0; c->exact && i < res.nfindings; i++) {
		int expected = 0;
		for (size_t k = 0; k < c->nexpect && !expected; k++)
			expected = strcmp(c->expect[k].entity, res.findings[i].entity) == 0;
		if (!expected)
			hk_buf_printf(&diff, "    + %s   (found, not expected): %s\n",
				      hk_text_vis(&v1, res.findings[i].entity, 0),
				      hk_text_vis(&v2, res.findings[i].message, 0));
	}
	if (diff.len) {
		case_failed(r, c, c->as_of, NULL);
		printf("    expected:");
		for (size_t i = 0; i < c->nexpect; i++)
			printf(" %s", hk_text_vis(&v1, c->expect[i].entity, 0));
		printf("%s\n    found:   ", c->nexpect ? "" : " (nothing)");
		for (size_t i = 0; i < res.nfindings; i++)
			printf(" %s", hk_text_vis(&v1, res.findings[i].entity, 0));
		printf("%s\n%s", res.nfindings ? "" : " (nothing)", diff.ptr);
		goto cleanup;
	}
	passed = 1;
	if (verbose)
		printf("ok - %s: %s\n", r->id, hk_text_vis(&v1, c->name, 0));
cleanup:
	if (db[0])
		unlink(db);
	hk_buf_free(&diff);
	hk_buf_free(&v1);
	hk_buf_free(&v2);
	hk_buf_free(&v3);
	hk_params_free(params, nparams);
	hk_engine_result_clear(&res);
	return passed;
}

/* The rule file's stem: path without ".lua". */
static char *stem(const char *path)
{
	size_t n = strlen(path);
	char *s = hk_xstrdup(path);
	if (n > 4 && strcmp(path + n - 4, ".lua") == 0)
		s[n - 4] = '\0';
	return s;
}

/* A .test.lua or .test/ given on the command line stands for its rule. */
static char *rule_file_for(const char *arg)
{
	size_t n = strlen(arg);
	char *s;
	if (n > 9 && strcmp(arg + n - 9, ".test.lua") == 0) {
		s = hk_xstrdup(arg);
		strcpy(s + n - 9, ".lua");
		return s;
	}
	s = hk_xstrdup(arg);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	if (n > 5 && strcmp(s + n - 5, ".test") == 0 && hk_path_is_dir(s)) {
		char *r = realloc(s, n + 1);
		if (!r)
			return s;
		strcpy(r + n - 5, ".lua");
		return r;
	}
	return s;
}

int hk_cmd_test(int argc, char **argv)
{
	struct hk_limits lim;
	const char *rules = NULL;
	int verbose = 0, rc = HK_EXIT_USAGE, nargs = 0;
	struct hk_budget_args budget = {0};
	struct hk_strlist *pos = NULL; /* large: on the heap */
	size_t passed = 0, failed = 0;
	hk_buf untested = HK_BUF_INIT;

	hk_budget_defaults(&lim);
	if (!(pos = calloc(1, sizeof(*pos))))
		return HK_EXIT_INTERNAL;
	const struct hk_opt opts[] = {{"--rules", HK_OPT_VALUE, &rules}, {"-v", HK_OPT_FLAG, &verbose},
				      HK_BUDGET_OPTS(budget), {NULL, 0, NULL}};
	if ((rc = hk_opts_parse("test", argc, argv, opts, pos, usage)) != 0 ||
	    (rc = hk_budget_apply(&lim, "test", &budget)) != 0) {
		rc = rc < 0 ? HK_EXIT_OK : rc;
		goto cleanup;
	}
	nargs = (int)pos->n;
	if (!nargs) {
		rc = hk_cli_usage_error("test", "no PACK or RULE-FILE given");
		goto cleanup;
	}
	for (size_t i = 0; i < pos->n; i++) {
		struct hk_pack *p = NULL;
		hk_select *sel = NULL;
		char *arg;
		int err;
		arg = rule_file_for(pos->v[i]);
		err = hk_pack_open(&p, "test", arg, &lim);
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
			struct cases cs = {0};
			char *base = stem(r->path), *tf = NULL, *fd = NULL;
			if (sel && !hk_select_match(sel, r->id, r->category, r->severity)) {
				free(base);
				continue;
			}
			if (asprintf(&tf, "%s.test.lua", base) < 0 || asprintf(&fd, "%s.test", base) < 0) {
				free(base);
				hk_select_free(sel);
				hk_pack_free(p);
				rc = HK_EXIT_INTERNAL;
				goto cleanup;
			}
			if (hk_path_is_file(tf))
				read_test_file(&cs, tf, p->lib_dir, &lim);
			if (hk_path_is_dir(fd))
				read_fixture_dir(&cs, fd);
			if (cs.n == 0)
				hk_buf_printf(&untested, "%s%s", untested.len ? ", " : "", r->id);
			for (size_t m = 0; m < cs.n; m++) {
				if (run_case(p, r, &cs.v[m], &lim, verbose))
					passed++;
				else
					failed++;
				tcase_clear(&cs.v[m]);
			}
			fflush(stdout);
			free(cs.v);
			free(base);
			free(tf);
			free(fd);
		}
		hk_select_free(sel);
		hk_pack_free(p);
	}
	if (untested.len)
		fprintf(stderr, "huikan test: rules without tests: %s\n", untested.ptr);
	printf("%zu passed, %zu failed\n", passed, failed);
	rc = failed ? HK_EXIT_FINDINGS : HK_EXIT_OK;
cleanup:
	hk_buf_free(&untested);
	free(pos);
	return rc;
}
