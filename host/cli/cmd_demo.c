/*
 * cmd_demo.c - `huikan demo-data`: writes the synthetic demo county (a registry
 * snapshot in the CSV contract of docs/registry.md, plus truth.jsonl naming
 * every injected anomaly).
 *
 * The generator is our own Lua code (plugins/demo/generate.lua), not an audit
 * rule, so it runs in a TRUSTED state with the standard libraries: it needs io
 * to stream the files. This file parses and checks the options, sets up the
 * state and reports errors and progress.
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "base/error.h"
#include "base/file.h"
#include "base/path.h"

#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	N_("usage: huikan demo-data --out DIR [--county CODE | --city CODE] [--households N]\n"
	"                        [--seed S] [--as-of YYYY-MM-DD]\n"
	"\n"
	"Writes a synthetic poverty registry (建档立卡) of one real county as CSV files\n"
	"DIR/<table>.csv in the contract of docs/registry.md, and DIR/truth.jsonl listing\n"
	"{\"rule\":...,\"entity\":...} for every anomaly injected (see docs/demo.md).\n"
	"The same arguments always give byte-identical files.\n"
	"\n"
	"options:\n"
	"  --out DIR          directory to write (created if missing)\n"
	"  --county CODE      6-digit county code from data/divisions (default 450922 陆川县)\n"
	"  --city CODE        4-digit city code from data/divisions (e.g. 4509 玉林市):\n"
	"                     every county of the city, each in DIR/<county code>/ with\n"
	"                     its own truth.jsonl (--households is per county)\n"
	"  --households N     number of households (default 19889, 陆川县 2015); every\n"
	"                     other count (members, cadres, villages' helpers, funds...)\n"
	"                     scales with it\n"
	"  --seed S           random seed, a non-negative integer (default 1)\n"
	"  --as-of DATE       audit date the data is clean at, 2015-01-01..2020-12-31\n"
	"                     (YYYY-MM-DD, YYYY/M/D or YYYYMMDD)\n"
	"                     (default 2020-06-30)\n");

struct demo_opts {
	const char *out, *county, *as_of, *city;
	const char *slice; /* --city: the slice's counties "code,code,...", else NULL */
	long long households, seed;
	char day[11]; /* --as-of as YYYY-MM-DD; as_of points here once read */
};

/* Parses a decimal integer in [min, max]; returns 0 or -1. */
static int parse_int(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;
	if (!*s || !((*s >= '0' && *s <= '9') || *s == '-'))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* mkdir -p of --out; returns 0 or sets the error and returns HK_EINPUT. */
static int make_dirs(const char *path)
{
	int err = hk_path_mkdirs(path, 0777);
	if (err < 0)
		hk_error_prefix("--out");
	return err;
}

/* Parses argv into o. Returns 0 to go on, -1 after printing the usage for
 * --help, or an exit code after printing a usage error. */
static int parse_args(struct demo_opts *o, int argc, char **argv)
{
	const char *households = NULL, *seed = NULL, *cmd = "demo-data";
	struct hk_strlist pos;
	const struct hk_opt opts[] = {{"--out", HK_OPT_DIR, &o->out},	   {"--county", HK_OPT_VALUE, &o->county},
				      {"--city", HK_OPT_VALUE, &o->city},
				      {"--households", HK_OPT_VALUE, &households}, {"--seed", HK_OPT_VALUE, &seed},
				      {"--as-of", HK_OPT_VALUE, &o->as_of},	   {NULL, 0, NULL}};
	int rc = hk_cli_opts_parse(cmd, argc, argv, opts, &pos, usage);

	if (rc)
		return rc;
	if (pos.n)
		return hk_cli_usage_error(cmd, "unexpected argument '%s'", pos.v[0]);
	if (o->city && (strlen(o->city) != 4 || strspn(o->city, "0123456789") != 4))
		return hk_cli_usage_error(cmd, "--city: '%s' is not a 4-digit city code (e.g. 4509)", o->city);
	if (o->city && strcmp(o->county, "450922") != 0)
		return hk_cli_usage_error(cmd, "give --county or --city, not both");
	if (strlen(o->county) != 6 || strspn(o->county, "0123456789") != 6)
		return hk_cli_usage_error(cmd, "--county: '%s' is not a 6-digit county code (e.g. 450922)", o->county);
	if (households && parse_int(households, 1, 5000000, &o->households))
		return hk_cli_usage_error(cmd, "--households: '%s' is not a whole number from 1 to 5000000", households);
	if (seed && parse_int(seed, 0, LLONG_MAX, &o->seed))
		return hk_cli_usage_error(cmd, "--seed: '%s' is not a non-negative whole number", seed);
	if ((rc = hk_cli_date(o->day, cmd, "--as-of", o->as_of)) != 0)
		return rc;
	if (strcmp(o->day, "2015-01-01") < 0 || strcmp(o->day, "2020-12-31") > 0)
		return hk_cli_usage_error(cmd, "--as-of '%s': the demo county has data from 2015-01-01 to 2020-12-31",
					  o->as_of);
	o->as_of = o->day;
	if (!o->out)
		return hk_cli_usage_error(cmd, "--out DIR is required");
	return 0;
}

/* progress(done, total, what): one redrawn line on stderr, only on a TTY. */
static int l_progress(lua_State *L)
{
	lua_Integer done = luaL_checkinteger(L, 1), total = luaL_checkinteger(L, 2);
	const char *what = luaL_optstring(L, 3, "");
	if (hk_cli_stderr_is_tty()) {
		fprintf(stderr, _("\rdemo-data: %s %lld/%lld%s"), what, (long long)done,
			(long long)total, done >= total ? "\n" : "");
		fflush(stderr);
	}
	return 0;
}

/* put_file(tmp, path): puts the generator's finished .part file at path as
 * every huikan output is put (base/file.h: a regular file is replaced, a
 * device or FIFO written in place). Returns true, or nil and a message. */
static int l_put_file(lua_State *L)
{
	if (hk_file_put(luaL_checkstring(L, 1), luaL_checkstring(L, 2)) != 0) {
		luaL_pushfail(L);
		lua_pushstring(L, hk_error_last());
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* Message handler: adds a traceback unless the generator already did (it
 * catches its own errors to remove partial files, then re-raises them). */
static int l_traceback(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	if (msg && strstr(msg, "stack traceback:"))
		return 1;
	luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
	return 1;
}

static void set_field_str(lua_State *L, const char *k, const char *v)
{
	lua_pushstring(L, v);
	lua_setfield(L, -2, k);
}

/* Runs plugins/demo/generate.lua with the options. Returns 0, or HK_EINPUT
 * (the generator refused the input, e.g. an unknown county) or HK_EINTERNAL
 * with the message set. */
static int run_generator(const struct demo_opts *o)
{
	const char *plugins = hk_cli_plugins_dir();
	const char *data = hk_cli_home_subdir("data");
	char path[PATH_MAX], divisions[PATH_MAX];
	lua_State *L = luaL_newstate();
	int err = 0;

	if (!L)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	luaL_openlibs(L);
	lua_getglobal(L, "package");
	lua_pushfstring(L, "%s/?.lua;%s/?/init.lua", plugins, plugins);
	lua_setfield(L, -2, "path");
	lua_pop(L, 1);
	snprintf(divisions, sizeof(divisions), "%s/divisions", data ? data : "data");
	snprintf(path, sizeof(path), "%s/demo/generate.lua", plugins);

	lua_pushcfunction(L, l_traceback);
	if (luaL_loadfilex(L, path, "t") != LUA_OK) {
		err = hk_error_setc(HK_EINTERNAL, "%s", lua_tostring(L, -1));
		goto cleanup;
	}
	if (lua_pcall(L, 0, 1, 1) != LUA_OK) {
		err = hk_error_setc(HK_EINTERNAL, "%s", lua_tostring(L, -1));
		goto cleanup;
	}
	lua_createtable(L, 0, 8);
	set_field_str(L, "out", o->out);
	set_field_str(L, "county", o->county);
	set_field_str(L, "as_of", o->as_of);
	set_field_str(L, "divisions", divisions);
	if (o->slice)
		set_field_str(L, "slice", o->slice);
	lua_pushinteger(L, (lua_Integer)o->households);
	lua_setfield(L, -2, "households");
	lua_pushinteger(L, (lua_Integer)o->seed);
	lua_setfield(L, -2, "seed");
	lua_pushcfunction(L, l_progress);
	lua_setfield(L, -2, "progress");
	lua_pushcfunction(L, l_put_file);
	lua_setfield(L, -2, "put_file");
	/* true; or nil and why; or, for a failed write, nil, why, the file and
	 * the errno (said here in the reader's language) */
	if (lua_pcall(L, 1, 4, 1) != LUA_OK) {
		err = hk_error_setc(HK_EINTERNAL, "%s", lua_tostring(L, -1));
		goto cleanup;
	}
	if (lua_isnil(L, -4) && lua_type(L, -2) == LUA_TSTRING && lua_isinteger(L, -1))
		err = hk_error_setc(HK_EINPUT, "cannot write %s: %s", lua_tostring(L, -2),
				    hk_strerror((int)lua_tointeger(L, -1)));
	else if (lua_isnil(L, -4))
		err = hk_error_setc(HK_EINPUT, "%s", luaL_optstring(L, -3, "generator failed"));
cleanup:
	lua_close(L);
	return err;
}

/* The counties of city `city` in data/divisions/areas.csv (lines
 * "code,name,cityCode,provinceCode"), 6 digits each, in file order. Returns
 * the number found (0: none), or a negative code. */
static int city_counties(char (*out)[7], int max, const char *city)
{
	const char *data = hk_cli_home_subdir("data");
	char path[PATH_MAX], line[512];
	FILE *f;
	int n = 0;
	snprintf(path, sizeof(path), "%s/divisions/areas.csv", data ? data : "data");
	if (!(f = fopen(path, "r")))
		return hk_error_setc(HK_EINTERNAL, "%s: %s (the divisions of the demo counties)", path, hk_strerror(errno));
	while (fgets(line, sizeof(line), f) && n < max) {
		char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
		if (!c2 || strlen(line) < 6 || strspn(line, "0123456789") != 6 || strncmp(c2 + 1, city, 4) != 0 ||
		    c2[5] != ',')
			continue;
		memcpy(out[n], line, 6);
		out[n++][6] = '\0';
	}
	fclose(f);
	return n;
}

int hk_cmd_demo_data(int argc, char **argv)
{
	struct demo_opts o = {NULL, "450922", "2020-06-30", NULL, NULL, 19889, 1, ""};
	int rc = parse_args(&o, argc, argv), err, n;
	char counties[64][7], dir[PATH_MAX], slice[64 * 7 + 1] = "";

	if (rc)
		return rc < 0 ? HK_EXIT_OK : rc;
	if (!o.city) {
		if ((err = make_dirs(o.out)) < 0 || (err = run_generator(&o)) < 0)
			return hk_cli_fail("demo-data", err);
		return HK_EXIT_OK;
	}
	if ((n = city_counties(counties, 64, o.city)) < 0)
		return hk_cli_fail("demo-data", n);
	if (n == 0)
		return hk_cli_fail("demo-data", hk_error_setc(HK_EINPUT, "--city %s: no county of that city in "
									  "data/divisions/areas.csv (the bundled divisions "
									  "hold the demo city 4509 玉林市)",
								  o.city));
	for (int i = 0; i < n; i++) {
		size_t at = strlen(slice);
		snprintf(slice + at, sizeof(slice) - at, "%s%s", i ? "," : "", counties[i]);
	}
	o.slice = slice;
	for (int i = 0; i < n; i++) {
		struct demo_opts c = o;
		snprintf(dir, sizeof(dir), "%s/%s", o.out, counties[i]);
		c.out = dir;
		c.county = counties[i];
		if ((err = make_dirs(dir)) < 0 || (err = run_generator(&c)) < 0)
			return hk_cli_fail("demo-data", err);
	}
	return HK_EXIT_OK;
}
