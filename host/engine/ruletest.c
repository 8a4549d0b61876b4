/*
 * ruletest.c - the rule test engine (see ruletest.h): reading x.test.lua and
 * x.test/ fixture directories into cases, checking their rows against the
 * registry schema, building each case's registry through the importer,
 * running the rule alone, comparing, and rewriting the expectations of a
 * failing case with what was found (accept).
 */
#include "engine/ruletest.h"
#include "engine/engine.h"
#include "engine/luaval.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "base/path.h"
#include "registry/import.h"
#include "registry/schema.h"
#include "registry/values.h"

#include <lauxlib.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct table_rows {
	char *table;
	char *csv;
};

struct expect {
	char *entity;
	char *message;    /* substring the message must contain, or NULL */
	char *message_en; /* substring the English message must contain, or NULL */
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
	int keep_going;    /* rows that break the contract are kept aside
			      (import_rejects), as huikan import --keep-going */
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
		free(c->expect[i].message_en);
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
	snprintf(v[cs->n].as_of, sizeof(v[0].as_of), "%s", HK_RULETEST_AS_OF);
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
	char **cols = NULL;
	size_t ncols = 0;
	lua_Integer nrows = (lua_Integer)lua_rawlen(L, idx);

	const struct hk_table *t = hk_schema_table(table);

	if (!t) {
		hk_buf names = HK_BUF_INIT;
		for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
			hk_buf_printf(&names, "%s%s", i ? ", " : "", hk_schema_tables[i].name);
		lua_pushfstring(L, "%s: data.%s: no such table in the registry (tables: %s)", where, table,
				names.ptr ? names.ptr : "");
		hk_buf_free(&names);
		lua_error(L);
	}
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
			if (hk_schema_column_index(t, lua_tostring(L, -1)) < 0) {
				hk_buf names = HK_BUF_INIT;
				for (size_t i = 0; i < t->ncols; i++)
					hk_buf_printf(&names, "%s%s", i ? ", " : "", t->cols[i].name);
				lua_pushfstring(L, "%s: data.%s[%d].%s: no column '%s' in table %s (columns: %s)", where,
						table, (int)r, lua_tostring(L, -1), lua_tostring(L, -1), table,
						names.ptr ? names.ptr : "");
				hk_buf_free(&names);
				for (size_t i = 0; i < ncols; i++)
					free(cols[i]);
				free(cols);
				lua_error(L);
			}
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
			/* where the value is, for messages: a Lua string, never cut */
			lua_pushfstring(L, "%s: data.%s[%d].%s", where, table, (int)r, cols[i]);
			csv_value(L, lua_gettop(L) - 1, &b, lua_tostring(L, -1));
			lua_pop(L, 2);
		}
		hk_buf_putc(&b, '\n');
		lua_pop(L, 1);
	}
	for (size_t i = 0; i < ncols; i++)
		free(cols[i]);
	free(cols);
	if (hk_buf_error(&b) != 0) /* the one check of the appends above */
		luaL_error(L, "out of memory");
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
	const char *lib_dir, *plugins_dir; /* where the test file's require looks */
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

	static const char *const known[] = {"name", "as_of", "fixture", "data", "rows", "params",
					    "expect", "expect_not", "exact", "keep_going", NULL};

	if (!c->name) {
		snprintf(where, sizeof(where), "case %d", n);
		c->name = hk_xstrdup(where);
	}
	snprintf(where, sizeof(where), "%s: case '%s'", j->file, c->name);
	{
		char key[128];
		if (hk_luaval_unknown_key(L, idx, known, key, sizeof(key)))
			luaL_error(L, "%s: unknown field '%s' (name, as_of, fixture, data, params, expect, expect_not, "
				   "exact, keep_going)", where, key);
	}
	if ((s = opt_string(L, idx, "as_of", where)) || as_of) {
		const char *d = s ? s : as_of, *why;
		if (hk_date_parse(c->as_of, d, strlen(d), &why) < 0) {
			free(s);
			luaL_error(L, "%s: as_of: %s (" HK_DATE_FORMS ")", where, why);
		}
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
	if (field(L, idx, "keep_going") != LUA_TNIL)
		c->keep_going = lua_toboolean(L, -1);
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
			e->message_en = opt_string(L, lua_gettop(L), "message_en", where);
			e->severity = opt_string(L, lua_gettop(L), "severity", where);
			if (!e->entity)
				luaL_error(L, "%s: expect[%d] has no entity", where, (int)i);
		} else {
			luaL_error(L, "%s: expect[%d] must be an entity string or {entity=, message=, message_en=, severity=}", where,
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

struct case_job {
	struct tcase *c;
	const struct read_job *j;
	int n;
	const char *as_of, *fixture;
};

/* Reads the case table at index 2 (case_job at 1), in protected mode. */
static int read_case_protected(lua_State *L)
{
	struct case_job *cj = lua_touserdata(L, 1);
	read_case(L, 2, cj->c, cj->j, cj->n, cj->as_of, cj->fixture);
	return 0;
}

static int read_test_protected(lua_State *L)
{
	struct read_job *j = lua_touserdata(L, 1);
	int t, list;
	char *as_of, *fixture;

	/* run in a child process (pack.h): the test file is pack code */
	t = hk_pack_dofile_data(L, j->file, j->lib_dir, j->plugins_dir, j->lim);
	as_of = opt_string(L, t, "as_of", j->file);
	fixture = opt_string(L, t, "fixture", j->file);
	list = t;
	if (field(L, t, "cases") == LUA_TTABLE)
		list = lua_gettop(L);
	for (lua_Integer i = 1; i <= (lua_Integer)lua_rawlen(L, list); i++) {
		struct tcase *c = cases_add(j->out);
		struct case_job cj = {c, j, (int)i, as_of, fixture};
		c->where = hk_xstrdup(j->file);
		if (lua_rawgeti(L, list, i) != LUA_TTABLE) {
			char buf[64];
			snprintf(buf, sizeof(buf), "case %d", (int)i);
			c->name = hk_xstrdup(buf);
			if (asprintf(&c->error, "%s: case %d is not a table", j->file, (int)i) < 0)
				c->error = NULL;
			lua_pop(L, 1);
			continue;
		}
		/* the name first, so that a case that does not read is named */
		if (field(L, lua_gettop(L) - 0, "name") == LUA_TSTRING)
			c->name = hk_xstrdup(lua_tostring(L, -1));
		lua_pop(L, 1);
		/* each case on its own: one that does not read fails alone */
		lua_pushcfunction(L, read_case_protected);
		lua_pushlightuserdata(L, &cj);
		lua_pushvalue(L, -3);
		if (hk_sandbox_pcall(j->sb, 2, 0) != 0) {
			c->error = hk_xstrdup(hk_error_last());
			if (hk_sandbox_stopped(j->sb)) {
				lua_pop(L, 1);
				break;
			}
		}
		lua_pop(L, 1);
	}
	free(as_of);
	free(fixture);
	return 0;
}

/* Reads a .test.lua into cs; a file that cannot be read is one failing case. */
static void read_test_file(struct cases *cs, const char *file, const char *lib_dir, const struct hk_limits *lim,
			   const char *plugins_dir)
{
	struct read_job j = {file, lib_dir, plugins_dir, lim, NULL, cs, NULL};
	char *dir = hk_xstrdup(file), *slash = strrchr(dir, '/');
	size_t before = cs->n;

	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	j.dir = dir;
	if (hk_sandbox_new(&j.sb, lim, NULL, plugins_dir, file) == 0) {
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
	const char *why;

	snprintf(path, sizeof(path), "%s/expect", dir);
	c->where = hk_xstrdup(path);
	c->fixture = hk_xstrdup(dir);
	c->expect = hk_xcalloc(1, sizeof(*c->expect));
	if (!(f = fopen(path, "r"))) {
		c->error = hk_xstrdup(hk_strerror(errno));
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
		if (!strncmp(s, "as_of ", 6)) {
			if (hk_date_parse(c->as_of, s + 6, strlen(s + 6), &why) != 0) {
				if (asprintf(&c->error, "%s:%d: as_of '%s': %s (" HK_DATE_FORMS ")", path, n, s + 6, why) < 0)
					c->error = NULL;
				break;
			}
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
/* Appends text to b, each of its lines indented by four spaces. */
static void put_indented(hk_buf *b, const char *text)
{
	hk_buf_puts(b, "    ");
	for (const char *t = text; *t; t++)
		hk_buf_puts(b, *t == '\n' ? "\n    " : (char[]){*t, 0});
	hk_buf_putc(b, '\n');
}

/* The importer's lines about a case's data, "data.TABLE:LINE:FIELD: ..."
 * (LINE of the CSV made from the case, whose first line is the header),
 * into out as "data.TABLE[ROW]: ...", ROW the entry of the case's list;
 * other lines as they are. */
static void data_rows_named(hk_buf *out, const char *text)
{
	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n'), *end = eol ? eol : p + strlen(p), *c = p;
		unsigned long line = 0;
		if (strncmp(p, "data.", 5) == 0 && (c = memchr(p, ':', (size_t)(end - p))) != NULL &&
		    sscanf(c, ":%lu:", &line) == 1 && line >= 2) {
			const char *rest = strchr(c + 1, ':');
			const char *after = rest ? strchr(rest + 1, ':') : NULL; /* past the field number */
			if (after && after < end && after[-1] >= '0' && after[-1] <= '9')
				rest = after;
			hk_buf_printf(out, "%.*s[%lu]%.*s", (int)(c - p), p, line - 1, (int)(end - rest), rest);
		} else {
			hk_buf_printf(out, "%.*s", (int)(end - p), p);
		}
		if (!eol)
			break;
		hk_buf_putc(out, '\n');
		p = eol + 1;
	}
}

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
		return hk_error_setc(HK_EINTERNAL, "cannot create a temporary db: %s", hk_strerror(errno));
	}
	close(fd);
	io.errors = errs;
	io.keep_going = c->keep_going;
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
	/* a warning (an unknown column, dropped) would make the case test less
	 * than it says: an error too */
	if (errs && ftell(errs) > 0 && !c->keep_going) { /* keep_going: the rejected rows are written */
		err = HK_EINPUT;
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
	if (n) {
		hk_buf where = HK_BUF_INIT;
		data_rows_named(&where, buf);
		hk_error_setc(HK_EINPUT, "%s", where.ptr ? where.ptr : buf);
		hk_buf_free(&where);
	}
	hk_error_prefix("the case's registry does not import");
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

/* ---- accepting what was found ---------------------------------------------- */

/* Skips a Lua string or comment starting at s[i] (a quote, "--" or a long
 * bracket); returns the index after it, or i when none starts there. */
static size_t lua_skip(const char *s, size_t n, size_t i)
{
	size_t level = 0, k;
	int comment = 0;

	if (s[i] == '"' || s[i] == '\'') {
		char q = s[i++];
		while (i < n && s[i] != q && s[i] != '\n')
			i += s[i] == '\\' && i + 1 < n ? 2 : 1;
		return i < n ? i + 1 : n;
	}
	if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
		comment = 1;
		i += 2;
		if (i >= n || s[i] != '[') {
			while (i < n && s[i] != '\n')
				i++;
			return i;
		}
	}
	if (s[i] != '[')
		return i;
	for (k = i + 1; k < n && s[k] == '='; k++)
		level++;
	if (k >= n || s[k] != '[') {
		if (!comment)
			return i;
		while (i < n && s[i] != '\n')
			i++;
		return i;
	}
	for (k++; k < n; k++)
		if (s[k] == ']' && k + level + 1 < n && strspn(s + k + 1, "=") >= level && s[k + level + 1] == ']')
			return k + level + 2;
	return n;
}

/* Finds, in the Lua source s, the `expect = { ... }` of the case whose name
 * is the string literal `name` (once in the file): sets [*from, *to) to the
 * braces' span. Returns 0, or HK_EINPUT saying why not. */
static int find_expect(const char *s, size_t n, const char *file, const char *name, size_t *from, size_t *to)
{
	size_t stack[256], depth = 0, name_at = 0, nfound = 0, nlen = strlen(name), case_open = 0, case_depth = 0;

	/* pass 1: where the name's literal is, and the brace that opens its case */
	for (size_t i = 0; i < n;) {
		size_t e = lua_skip(s, n, i);
		if (e != i) {
			if ((s[i] == '"' || s[i] == '\'') && e - i == nlen + 2 && memcmp(s + i + 1, name, nlen) == 0 &&
			    depth) {
				nfound++;
				name_at = i;
				case_open = stack[depth - 1];
				case_depth = depth;
			}
			i = e;
			continue;
		}
		if (s[i] == '{' && depth < 256)
			stack[depth++] = i;
		else if (s[i] == '}' && depth)
			depth--;
		i++;
	}
	(void)name_at;
	if (nfound != 1)
		return hk_error_setc(HK_EINPUT, "%s: cannot accept case '%s': its name appears %zu times in the file "
				     "(it must appear once)", file, name, nfound);
	/* pass 2: in that case table, at its own depth, `expect` `=` `{` */
	depth = case_depth;
	for (size_t i = case_open + 1; i < n && depth >= case_depth;) {
		size_t e = lua_skip(s, n, i);
		if (e != i) {
			i = e;
			continue;
		}
		if (s[i] == '{') {
			depth++;
		} else if (s[i] == '}') {
			depth--;
		} else if (depth == case_depth && strncmp(s + i, "expect", 6) == 0 &&
			   !(i && (s[i - 1] == '_' || s[i - 1] == '.' || isalnum((unsigned char)s[i - 1]))) &&
			   !(s[i + 6] == '_' || isalnum((unsigned char)s[i + 6]))) {
			size_t k = i + 6;
			while (k < n && strchr(" \t\r\n", s[k]))
				k++;
			if (k < n && s[k] == '=') {
				size_t d = 0;
				for (k++; k < n && strchr(" \t\r\n", s[k]); k++)
					;
				if (k >= n || s[k] != '{')
					break;
				*from = k;
				for (; k < n;) {
					size_t e2 = lua_skip(s, n, k);
					if (e2 != k) {
						k = e2;
						continue;
					}
					if (s[k] == '{')
						d++;
					else if (s[k] == '}' && --d == 0) {
						*to = k + 1;
						return 0;
					}
					k++;
				}
				break;
			}
		}
		i++;
	}
	return hk_error_setc(HK_EINPUT, "%s: cannot accept case '%s': no 'expect = { ... }' found in its table", file,
			     name);
}

/* Appends s as a Lua string literal in double quotes. */
static void put_lua_string(hk_buf *b, const char *s)
{
	hk_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			hk_buf_putc(b, '\\');
		hk_buf_putc(b, *s);
	}
	hk_buf_putc(b, '"');
}

/* Writes `text` over the file at path through a temporary file and rename. */
static int replace_file(const char *path, const char *text, size_t len)
{
	char *tmp = NULL;
	FILE *f;
	int err = 0;

	if (asprintf(&tmp, "%s.accept-XXXXXX", path) < 0)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	int fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		err = hk_error_setc(HK_EINTERNAL, "%s: cannot write: %s", tmp, hk_strerror(errno));
		if (fd >= 0)
			close(fd);
		free(tmp);
		return err;
	}
	if (fwrite(text, 1, len, f) != len || fclose(f) != 0 || rename(tmp, path) != 0) {
		err = hk_error_setc(HK_EINTERNAL, "%s: cannot write: %s", path, hk_strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return err;
}

/* Rewrites the expectations of case c with the entities of res: the
 * `expect = {...}` of its .test.lua case, or the `found` lines of its expect
 * file. Appends what was written to detail. */
static int accept_case(const struct tcase *c, const struct hk_engine_result *res, hk_buf *detail)
{
	char *text = NULL;
	size_t len = 0, from = 0, to = 0;
	hk_buf out = HK_BUF_INIT, list = HK_BUF_INIT;
	int err, fixture = strcmp(c->where + (strlen(c->where) >= 6 ? strlen(c->where) - 6 : 0), "expect") == 0;

	if ((err = hk_path_read(&text, &len, c->where, 16 << 20)) != 0)
		return err;
	if (fixture) {
		/* every line but the `found` ones, then one `found` line a finding */
		for (char *line = text, *nl; line < text + len; line = nl + 1) {
			nl = memchr(line, '\n', (size_t)(text + len - line));
			if (!nl)
				nl = text + len;
			const char *t = line + strspn(line, " \t");
			if (strncmp(t, "found ", 6) != 0)
				hk_buf_printf(&out, "%.*s\n", (int)(nl - line), line);
		}
		for (size_t i = 0; i < res->nfindings; i++)
			hk_buf_printf(&out, "found %s\n", res->findings[i].entity);
		hk_buf_printf(detail, "    accepted: %s now expects %zu finding(s)\n", c->where, res->nfindings);
	} else {
		if ((err = find_expect(text, len, c->where, c->name, &from, &to)) != 0)
			goto done;
		hk_buf_putc(&list, '{');
		for (size_t i = 0; i < res->nfindings; i++) {
			hk_buf_printf(&list, "%s", i ? ", " : " ");
			put_lua_string(&list, res->findings[i].entity);
		}
		hk_buf_puts(&list, res->nfindings ? " }" : "}");
		hk_buf_printf(&out, "%.*s%s%s", (int)from, text, list.ptr, text + to);
		hk_buf_printf(detail, "    accepted: %s: case '%s': expect = %s\n", c->where, c->name, list.ptr);
	}
	if (!out.ptr)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	else
		err = replace_file(c->where, out.ptr, out.len);
done:
	free(text);
	hk_buf_free(&out);
	hk_buf_free(&list);
	return err;
}

/* ---- running a case -------------------------------------------------------- */

/* Runs case c of rule r into out (head, passed, detail). Returns 0 or
 * HK_EINTERNAL (out of memory). */
static int run_case(struct hk_ruletest_case *out, const struct hk_pack *p, const struct hk_rule *r,
		    const struct tcase *c, const struct hk_ruletest_opts *o)
{
	char db[4200] = "";
	struct hk_engine_job job = {r, NULL, 0};
	struct hk_engine_opts eo = {0};
	struct hk_engine_result res = {0};
	struct hk_param *params = NULL;
	size_t nparams = 0;
	hk_buf diff = HK_BUF_INIT, head = HK_BUF_INIT, detail = HK_BUF_INIT;
	int err;

	out->name = hk_xstrdup(c->name);
	if (c->error) {
		hk_buf_printf(&head, "%s", c->name);
		hk_buf_printf(&detail, "    %s\n", c->error);
		goto cleanup;
	}
	if ((err = hk_pack_params_check(p, c->ov, c->nov)) != 0 ||
	    (err = hk_pack_params_resolve(&params, &nparams, p, r, c->ov, c->nov)) != 0 ||
	    (err = build_db(db, sizeof(db), c)) != 0) {
		hk_buf_printf(&head, "%s (%s)", c->name, c->where);
		put_indented(&detail, hk_error_last());
		goto cleanup;
	}
	job.params = params;
	job.nparams = nparams;
	eo.db_path = db;
	eo.as_of = c->as_of;
	eo.jobs = 1;
	eo.limits = o->limits;
	eo.lib_dir = p->lib_dir;
	eo.plugins_dir = o->plugins_dir;
	if ((err = hk_engine_run(&res, &job, 1, &eo)) != 0) {
		hk_buf_printf(&head, "%s (%s)", c->name, c->where);
		put_indented(&detail, hk_error_last());
		goto cleanup;
	}
	if (res.nfailed) {
		hk_buf_printf(&head, "%s (%s)", c->name, c->where);
		{
			hk_buf t = HK_BUF_INIT;
			hk_buf_printf(&t, "the rule failed: %s", res.rules[0].error);
			put_indented(&detail, t.ptr ? t.ptr : "the rule failed");
			hk_buf_free(&t);
		}
		goto cleanup;
	}
	for (size_t i = 0; i < c->nexpect; i++) {
		const struct expect *e = &c->expect[i];
		int at = has_entity(&res, e->entity);
		const struct hk_finding *f = at ? &res.findings[at - 1] : NULL;
		if (!f)
			hk_buf_printf(&diff, "    - %s   (expected, not found)\n", e->entity);
		else if (e->severity && strcmp(e->severity, f->severity) != 0)
			hk_buf_printf(&diff, "    ~ %s   severity %s, expected %s\n", e->entity, f->severity, e->severity);
		else if (e->message && !strstr(f->message, e->message))
			hk_buf_printf(&diff, "    ~ %s   message '%s' does not contain '%s'\n", e->entity, f->message,
				      e->message);
		else if (e->message_en && !strstr(hk_finding_message(f, "en"), e->message_en))
			hk_buf_printf(&diff, "    ~ %s   English message '%s' does not contain '%s'\n", e->entity,
				      hk_finding_message(f, "en"), e->message_en);
	}
	for (size_t i = 0; i < c->nreject; i++)
		if (has_entity(&res, c->reject[i]))
			hk_buf_printf(&diff, "    + %s   (found, must not be)\n", c->reject[i]);
	for (size_t i = 0; c->exact && i < res.nfindings; i++) {
		int expected = 0;
		for (size_t k = 0; k < c->nexpect && !expected; k++)
			expected = strcmp(c->expect[k].entity, res.findings[i].entity) == 0;
		if (!expected)
			hk_buf_printf(&diff, "    + %s   (found, not expected): %s\n", res.findings[i].entity,
				      res.findings[i].message);
	}
	hk_buf_printf(&head, "%s", c->name);
	if (diff.len) {
		hk_buf_clear(&head);
		hk_buf_printf(&head, "%s (%s, as_of %s)", c->name, c->where, c->as_of);
		hk_buf_puts(&detail, "    expected:");
		for (size_t i = 0; i < c->nexpect; i++)
			hk_buf_printf(&detail, " %s", c->expect[i].entity);
		hk_buf_printf(&detail, "%s\n    found:   ", c->nexpect ? "" : " (nothing)");
		for (size_t i = 0; i < res.nfindings; i++)
			hk_buf_printf(&detail, " %s", res.findings[i].entity);
		hk_buf_printf(&detail, "%s\n%s", res.nfindings ? "" : " (nothing)", diff.ptr);
		if (o->accept) {
			if (accept_case(c, &res, &detail) == 0)
				out->accepted = 1;
			else
				hk_buf_printf(&detail, "    not accepted: %s\n", hk_error_last());
		}
		goto cleanup;
	}
	out->passed = 1;
cleanup:
	out->head = head.ptr ? hk_buf_detach(&head) : hk_xstrdup(c->name);
	out->detail = detail.ptr ? hk_buf_detach(&detail) : hk_xstrdup("");
	if (db[0])
		unlink(db);
	hk_buf_free(&head);
	hk_buf_free(&detail);
	hk_buf_free(&diff);
	hk_pack_params_free(params, nparams);
	hk_engine_result_clear(&res);
	return 0;
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

char *hk_ruletest_rule_file(const char *arg)
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
		char *r = hk_xrealloc(s, n + 1, 1);
		strcpy(r + n - 5, ".lua");
		return r;
	}
	return s;
}

/* Reads the cases of rule r: <stem>.test.lua and <stem>.test/. */
static void read_cases(struct cases *cs, const struct hk_pack *p, const struct hk_rule *r,
		       const struct hk_ruletest_opts *o)
{
	char *base = stem(r->path), *tf = NULL, *fd = NULL;

	if (asprintf(&tf, "%s.test.lua", base) < 0 || asprintf(&fd, "%s.test", base) < 0)
		hk_oom();
	if (hk_path_is_file(tf))
		read_test_file(cs, tf, p ? p->lib_dir : NULL, &o->limits, o->plugins_dir);
	if (hk_path_is_dir(fd))
		read_fixture_dir(cs, fd);
	free(base);
	free(tf);
	free(fd);
}

static void cases_free(struct cases *cs)
{
	for (size_t m = 0; m < cs->n; m++)
		tcase_clear(&cs->v[m]);
	free(cs->v);
}

int hk_ruletest_run(struct hk_ruletest_result *out, const struct hk_pack *p, const struct hk_rule *r,
		    const struct hk_ruletest_opts *o)
{
	struct cases cs = {0};
	int err = 0;

	memset(out, 0, sizeof(*out));
	read_cases(&cs, p, r, o);
	out->has_tests = cs.n > 0;
	out->cases = hk_xcalloc(cs.n + 1, sizeof(*out->cases));
	for (size_t m = 0; m < cs.n && !err; m++) {
		/* a file that did not load is reported whatever --case says */
		if (o->only_case && strcmp(cs.v[m].name, o->only_case) != 0 && strcmp(cs.v[m].name, "(test file)") != 0)
			continue;
		err = run_case(&out->cases[out->ncases++], p, r, &cs.v[m], o);
	}
	cases_free(&cs);
	return err;
}

int hk_ruletest_example(struct hk_ruletest_example *out, const struct hk_rule *r, const struct hk_ruletest_opts *o)
{
	struct cases cs = {0};
	int found = 0;

	memset(out, 0, sizeof(*out));
	read_cases(&cs, NULL, r, o);
	for (size_t m = 0; m < cs.n && !found; m++) {
		const struct tcase *c = &cs.v[m];
		hk_buf e = HK_BUF_INIT, rows = HK_BUF_INIT;
		if (c->error || !c->nexpect)
			continue;
		for (size_t i = 0; i < c->nexpect; i++)
			hk_buf_printf(&e, "%s%s", i ? ", " : "", c->expect[i].entity);
		/* by table name: Lua's pairs() order of `data` is not fixed */
		for (size_t i = 0, last = (size_t)-1; i < c->ntables; i++) {
			size_t next = (size_t)-1;
			for (size_t k = 0; k < c->ntables; k++)
				if ((last == (size_t)-1 || strcmp(c->tables[k].table, c->tables[last].table) > 0) &&
				    (next == (size_t)-1 || strcmp(c->tables[k].table, c->tables[next].table) < 0))
					next = k;
			if (next == (size_t)-1)
				break;
			hk_buf_printf(&rows, "%s:\n%s", c->tables[next].table, c->tables[next].csv);
			last = next;
		}
		out->name = hk_xstrdup(c->name);
		out->expect = e.ptr ? hk_buf_detach(&e) : hk_xstrdup("");
		out->rows = rows.ptr ? hk_buf_detach(&rows) : hk_xstrdup("");
		out->as_of = hk_xstrdup(c->as_of);
		hk_buf_free(&e);
		hk_buf_free(&rows);
		found = 1;
	}
	cases_free(&cs);
	return found;
}

void hk_ruletest_example_clear(struct hk_ruletest_example *ex)
{
	if (!ex)
		return;
	free(ex->name);
	free(ex->expect);
	free(ex->rows);
	free(ex->as_of);
	memset(ex, 0, sizeof(*ex));
}

void hk_ruletest_result_clear(struct hk_ruletest_result *res)
{
	for (size_t i = 0; res && i < res->ncases; i++) {
		free(res->cases[i].name);
		free(res->cases[i].head);
		free(res->cases[i].detail);
	}
	if (res) {
		free(res->cases);
		memset(res, 0, sizeof(*res));
	}
}
