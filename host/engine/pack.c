/*
 * pack.c - loading an audit pack (pack.lua, rules/, lib/), checking rule
 * metadata, and resolving parameters (see pack.h).
 */
#include "engine/pack.h"
#include "base/array.h"
#include "base/text.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/json.h"
#include "base/path.h"
#include "base/date.h"
#include "engine/child.h"
#include "engine/luaval.h"
#include "base/i18n.h"
#include "engine/source.h"
#include "engine/wire.h"
#include "registry/values.h"

#include <lauxlib.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

const char *const hk_pack_severities[] = {"critical", "high", "medium", "low", "info", NULL};

static const char *const type_names[] = {"integer", "number", "boolean", "string", "table"};

const char *hk_pack_param_type_name(enum hk_param_type t)
{
	return type_names[t];
}

static const char *const kind_names[] = {NULL, "money", "date", "percent", "integer", "list"};

const char *hk_param_kind_name(const struct hk_param *q)
{
	return q->kind != HK_KIND_PLAIN ? kind_names[q->kind] : type_names[q->type];
}

static char *path_join(const char *a, const char *b)
{
	hk_buf buf = HK_BUF_INIT;
	if (hk_buf_printf(&buf, "%s/%s", a, b) != 0)
		hk_oom();
	return buf.ptr;
}

void hk_pack_params_free(struct hk_param *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].name);
		free(v[i].literal);
		free(v[i].json);
		free(v[i].unit);
		free(v[i].doc);
		free(v[i].doc_zh);
	}
	free(v);
}

static void rule_clear(struct hk_rule *r)
{
	free(r->id);
	free(r->title);
	free(r->category);
	free(r->severity);
	free(r->title_en);
	free(r->entity);
	free(r->basis);
	free(r->description);
	free(r->description_zh);
	free(r->basis_zh);
	free(r->path);
	hk_pack_params_free(r->params, r->nparams);
	memset(r, 0, sizeof(*r));
}

void hk_pack_free(struct hk_pack *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nrules; i++)
		rule_clear(&p->rules[i]);
	free(p->rules);
	for (size_t i = 0; i < p->nbroken; i++)
		free(p->broken[i]);
	free(p->broken);
	hk_pack_params_free(p->params, p->nparams);
	free(p->dir);
	free(p->lib_dir);
	free(p->name);
	free(p->version);
	free(p->description);
	free(p->description_en);
	free(p);
}

const char *hk_pack_text(const char *lang, const char *zh, const char *en)
{
	int want_zh = lang && strncmp(lang, "zh", 2) == 0;
	if (zh && !*zh)
		zh = NULL;
	if (en && !*en)
		en = NULL;
	if (want_zh)
		return zh ? zh : en;
	return en ? en : zh;
}

const struct hk_rule *hk_pack_rule(const struct hk_pack *p, const char *id)
{
	for (size_t i = 0; i < p->nrules; i++)
		if (strcmp(p->rules[i].id, id) == 0)
			return &p->rules[i];
	return NULL;
}

/* ---- reading a returned table (raw access only: no metamethod runs) ------- */

static int raw_field(lua_State *L, int t, const char *key)
{
	lua_pushstring(L, key);
	return lua_rawget(L, t);
}

/* What is wrong with the string at idx as metadata, or NULL: metadata is
 * kept as C strings and written to JSON and the ledger, where a NUL would
 * cut it and bytes that are not UTF-8 make invalid JSON. */
static const char *text_fault(lua_State *L, int idx)
{
	size_t len;
	const char *s = lua_tolstring(L, idx, &len);

	if (strlen(s) != len)
		return "contains a NUL byte";
	if (hk_text_utf8_invalid(s, len) < len)
		return "is not valid UTF-8 text";
	return NULL;
}

/* Copies string field `key` of table t into *out (NULL when absent and not
 * required; out NULL: only checks it); raises a Lua error naming the file
 * and the field (as `label`, e.g. "params.x.doc_zh") otherwise. */
static void get_string_as(lua_State *L, int t, const char *file, const char *key, const char *label, int required,
			  char **out)
{
	int ty = raw_field(L, t, key);
	const char *fault;
	if (ty == LUA_TNIL && !required) {
		lua_pop(L, 1);
		return;
	}
	if (ty != LUA_TSTRING || lua_rawlen(L, -1) == 0)
		luaL_error(L, "%s: field '%s' must be a non-empty string (got %s)", file, label,
			   ty == LUA_TSTRING ? "\"\"" : lua_typename(L, ty));
	if ((fault = text_fault(L, -1)) != NULL)
		luaL_error(L, "%s: field '%s' %s", file, label, fault);
	if (out)
		*out = hk_xstrdup(lua_tostring(L, -1));
	lua_pop(L, 1);
}

static void get_string(lua_State *L, int t, const char *file, const char *key, int required, char **out)
{
	get_string_as(L, t, file, key, key, required, out);
}

/* Reads field `key` (basis, basis_zh) of table t: a string, or a list of
 * strings joined by "; ". *out is NULL when the field is absent; raises a
 * Lua error naming the file otherwise. */
static void get_basis(lua_State *L, int t, const char *f, const char *key, char **out)
{
	if (raw_field(L, t, key) == LUA_TTABLE) {
		hk_buf b = HK_BUF_INIT;
		int bt = lua_gettop(L);
		for (lua_Integer i = 1; lua_rawgeti(L, bt, i) == LUA_TSTRING; i++) {
			const char *fault = text_fault(L, -1);
			if (fault) {
				hk_buf_free(&b);
				luaL_error(L, "%s: %s[%d] %s", f, key, (int)i, fault);
			}
			hk_buf_printf(&b, "%s%s", i > 1 ? "; " : "", lua_tostring(L, -1));
			lua_pop(L, 1);
		}
		if (!(*out = hk_buf_detach(&b))) /* NULL: an append failed */
			luaL_error(L, "%s: out of memory", f);
		lua_pop(L, 2);
	} else {
		lua_pop(L, 1);
		get_string(L, t, f, key, 0, out);
	}
}

int hk_pack_entity_ok(const char *kind, const char *ent, size_t elen)
{
	size_t k = strlen(kind);
	if (strcmp(kind, "*") == 0) {
		for (k = 0; k < elen && ent[k] != ':'; k++)
			if (!((ent[k] >= 'a' && ent[k] <= 'z') || (ent[k] >= '0' && ent[k] <= '9') || ent[k] == '_'))
				return 0;
		return k > 0 && k + 1 < elen;
	}
	return elen > k + 1 && memcmp(ent, kind, k) == 0 && ent[k] == ':';
}

int hk_pack_word_valid(const char *s, const char *extra)
{
	if (!*s || !isalnum((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(extra, *s))
			return 0;
	return 1;
}

static int cmp_param(const void *a, const void *b)
{
	return strcmp(((const struct hk_param *)a)->name, ((const struct hk_param *)b)->name);
}

static enum hk_param_type lua_param_type(lua_State *L, int idx)
{
	switch (lua_type(L, idx)) {
	case LUA_TNUMBER: return lua_isinteger(L, idx) ? HK_PARAM_INT : HK_PARAM_NUM;
	case LUA_TBOOLEAN: return HK_PARAM_BOOL;
	case LUA_TSTRING: return HK_PARAM_STR;
	default: return HK_PARAM_TABLE;
	}
}

/* Serialises the value at idx into param `name`; raises a Lua error. */
static void param_from_lua(lua_State *L, int idx, const char *file, const char *name, struct hk_param *out)
{
	hk_buf lit = HK_BUF_INIT, js = HK_BUF_INIT;
	char what[300];
	int ty = lua_type(L, idx);

	snprintf(what, sizeof(what), "%s: params.%s", file, name);
	if (ty != LUA_TNUMBER && ty != LUA_TBOOLEAN && ty != LUA_TSTRING && ty != LUA_TTABLE)
		luaL_error(L, "%s: a %s cannot be a parameter (integer, number, boolean, string or table)",
			   what, lua_typename(L, ty));
	if (hk_luaval_literal(&lit, L, idx, what) != 0 || hk_luaval_json(&js, L, idx, what) != 0) {
		hk_buf_free(&lit);
		hk_buf_free(&js);
		luaL_error(L, "%s", hk_error_last());
	}
	out->name = hk_xstrdup(name);
	out->type = lua_param_type(L, idx);
	out->literal = lit.ptr ? lit.ptr : hk_xstrdup("");
	out->json = js.ptr ? js.ptr : hk_xstrdup("");
}

/* Reads a typed parameter {type=, default=, unit=, doc=} at idx (see
 * enum hk_param_kind); raises a Lua error naming the file and what is wrong. */
static void typed_param_from_lua(lua_State *L, int idx, const char *file, const char *name, struct hk_param *out)
{
	static const char *const fields[] = {"type", "default", "unit", "doc", "doc_zh", NULL};
	const char *kind, *why = NULL;
	char label[160];
	int k = 0, d;

	if (hk_luaval_unknown_key(L, idx, fields, label, sizeof(label)))
		luaL_error(L, "%s: params.%s: unknown field '%s' of a typed parameter (type, default, unit, doc, doc_zh)",
			   file, name, label);
	snprintf(label, sizeof(label), "params.%s.doc_zh", name);
	get_string_as(L, idx, file, "doc_zh", label, 0, NULL); /* checked before anything is allocated */
	raw_field(L, idx, "type");
	kind = lua_tostring(L, -1);
	for (int i = 1; i < (int)(sizeof(kind_names) / sizeof(kind_names[0])); i++)
		if (strcmp(kind_names[i], kind) == 0)
			k = i;
	if (!k)
		luaL_error(L, "%s: params.%s: type '%s' is not money, date, percent, integer or list", file, name, kind);
	lua_pop(L, 1);
	raw_field(L, idx, "default");
	d = lua_gettop(L);
	switch ((enum hk_param_kind)k) {
	case HK_KIND_MONEY:
		if (lua_type(L, d) != LUA_TNUMBER) {
			why = "a number of yuan";
		} else {
			char text[64];
			long long fen;
			const char *w;
			if (lua_isinteger(L, d))
				snprintf(text, sizeof(text), "%lld", (long long)lua_tointeger(L, d));
			else
				snprintf(text, sizeof(text), "%.15g", lua_tonumber(L, d));
			if (hk_values_money(&fen, text, strlen(text), &w) != 0)
				why = "an amount of yuan with at most 2 decimals";
		}
		break;
	case HK_KIND_DATE: {
		char date[11];
		const char *w;
		if (lua_type(L, d) != LUA_TSTRING ||
		    hk_date_parse(date, lua_tostring(L, d), lua_rawlen(L, d), &w) != 0 || strcmp(date, lua_tostring(L, d)))
			why = "a date 'YYYY-MM-DD'";
		break;
	}
	case HK_KIND_PERCENT:
		if (lua_type(L, d) != LUA_TNUMBER || !(lua_tonumber(L, d) >= 0 && lua_tonumber(L, d) <= 100))
			why = "a number from 0 to 100";
		break;
	case HK_KIND_INTEGER:
		if (!lua_isinteger(L, d))
			why = "an integer";
		break;
	default:
		if (!lua_istable(L, d))
			why = "a list {v1, v2, ...}";
		break;
	}
	if (why)
		luaL_error(L, "%s: params.%s: a %s parameter needs default = %s (got %s)", file, name, kind_names[k],
			   why, luaL_typename(L, d));
	param_from_lua(L, d, file, name, out);
	lua_pop(L, 1);
	out->kind = (enum hk_param_kind)k;
	if (raw_field(L, idx, "unit") == LUA_TSTRING)
		out->unit = hk_xstrdup(lua_tostring(L, -1));
	else if (k == HK_KIND_MONEY || k == HK_KIND_PERCENT)
		out->unit = hk_xstrdup(k == HK_KIND_MONEY ? "yuan" : "%");
	lua_pop(L, 1);
	if (raw_field(L, idx, "doc") == LUA_TSTRING)
		out->doc = hk_xstrdup(lua_tostring(L, -1));
	lua_pop(L, 1);
	get_string_as(L, idx, file, "doc_zh", label, 0, &out->doc_zh); /* checked above: cannot raise */
}

/* Reads field `params` of table t into a sorted array; raises a Lua error. */
static void get_params(lua_State *L, int t, const char *file, struct hk_param **out, size_t *n)
{
	size_t cap = 0;
	int pt;

	*out = NULL;
	*n = 0;
	if (raw_field(L, t, "params") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	if (!lua_istable(L, -1))
		luaL_error(L, "%s: field 'params' must be a table of name = default value", file);
	pt = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, pt)) {
		const char *name;
		if (lua_type(L, -2) != LUA_TSTRING || !hk_pack_word_valid(lua_tostring(L, -2), "_") ||
		    isdigit((unsigned char)*lua_tostring(L, -2)))
			luaL_error(L, "%s: params: names must be identifiers (letters, digits, _)", file);
		name = lua_tostring(L, -2);
		if (HK_ARRAY_GROW(*out, cap, *n + 1) != 0)
			luaL_error(L, "out of memory");
		memset(&(*out)[*n], 0, sizeof(**out));
		int typed = 0;
		if (lua_istable(L, -1)) { /* {type = ..., default = ...} declares a typed parameter */
			typed = raw_field(L, lua_gettop(L), "type") == LUA_TSTRING;
			lua_pop(L, 1);
		}
		if (typed)
			typed_param_from_lua(L, lua_gettop(L), file, name, &(*out)[*n]);
		else
			param_from_lua(L, lua_gettop(L), file, name, &(*out)[*n]);
		(*n)++;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (*n)
		qsort(*out, *n, sizeof(**out), cmp_param);
}

/* The fields a rule file's table and pack.lua's table may have (docs/
 * rules-authoring.md, audits/huikan.meta.lua), each list with the words of
 * its error message. */
static const char *const rule_fields[] = {"id", "title", "title_en", "category", "severity", "entity",
					  "description", "description_zh", "basis", "basis_zh", "params", "check",
					  NULL};
static const char *const pack_fields[] = {"name", "version", "description", "description_en", "params", NULL};

/* Raises a Lua error naming file and the first key of table t that is not in
 * known: a misspelt field (param, descripton_zh) would otherwise be ignored
 * and the rule fail later, or run without its parameters, with no word of
 * why. `what` names the table in the message ("a rule", "pack.lua"). */
static void check_fields(lua_State *L, int t, const char *file, const char *const *known, const char *what)
{
	char key[128];
	hk_buf list = HK_BUF_INIT;

	if (!hk_luaval_unknown_key(L, t, known, key, sizeof(key)))
		return;
	for (int i = 0; known[i]; i++)
		hk_buf_printf(&list, "%s%s", i ? ", " : "", known[i]);
	lua_pushfstring(L, "%s: unknown field '%s' of %s (%s)", file, key, what, list.ptr ? list.ptr : "");
	hk_buf_free(&list);
	lua_error(L);
}

/* What a protected loader works on. */
struct load_job {
	const char *file;
	struct hk_rule *rule;  /* for a rule file */
	struct hk_pack *pack;  /* for pack.lua */
	hk_sandbox *sb;
	int state;             /* in the parent: 0 not read, 1 read, 2 failed (error) */
	char *error;
};

static int load_rule_protected(lua_State *L)
{
	struct load_job *job = lua_touserdata(L, 1);
	struct hk_rule *r = job->rule;
	const char *f = job->file;
	int t, ok = 0;

	t = hk_sandbox_dofile_table(job->sb, f);
	check_fields(L, t, f, rule_fields, "a rule");
	get_string(L, t, f, "id", 1, &r->id);
	if (!hk_pack_word_valid(r->id, "._-"))
		luaL_error(L, "%s: id '%s': letters, digits, '.', '_' and '-' only", f, r->id);
	get_string(L, t, f, "title", 1, &r->title);
	get_string(L, t, f, "category", 1, &r->category);
	if (!hk_pack_word_valid(r->category, "_-"))
		luaL_error(L, "%s: category '%s': letters, digits, '_' and '-' only", f, r->category);
	get_string(L, t, f, "severity", 1, &r->severity);
	for (int i = 0; hk_pack_severities[i]; i++)
		ok |= strcmp(hk_pack_severities[i], r->severity) == 0;
	if (!ok)
		luaL_error(L, "%s: severity '%s' is not one of critical, high, medium, low, info", f, r->severity);
	get_string(L, t, f, "entity", 1, &r->entity);
	if (strcmp(r->entity, "*") != 0 && !hk_pack_word_valid(r->entity, "_"))
		luaL_error(L, "%s: entity kind '%s': letters, digits and '_' only (e.g. household), or * for "
			      "findings of several kinds", f, r->entity);
	get_string(L, t, f, "description", 0, &r->description);
	get_string(L, t, f, "title_en", 0, &r->title_en);
	get_string(L, t, f, "description_zh", 0, &r->description_zh);
	get_basis(L, t, f, "basis", &r->basis);
	if (!r->basis)
		r->basis = hk_xstrdup("");
	get_basis(L, t, f, "basis_zh", &r->basis_zh);
	get_params(L, t, f, &r->params, &r->nparams);
	if (raw_field(L, t, "check") != LUA_TFUNCTION)
		luaL_error(L, "%s: field 'check' must be a function check(ctx, params)", f);
	return 0;
}

static int load_manifest_protected(lua_State *L)
{
	struct load_job *job = lua_touserdata(L, 1);
	struct hk_pack *p = job->pack;
	int t;

	t = hk_sandbox_dofile_table(job->sb, job->file);
	check_fields(L, t, job->file, pack_fields, "pack.lua");
	get_string(L, t, job->file, "name", 1, &p->name);
	get_string(L, t, job->file, "version", 0, &p->version);
	get_string(L, t, job->file, "description", 0, &p->description);
	get_string(L, t, job->file, "description_en", 0, &p->description_en);
	get_params(L, t, job->file, &p->params, &p->nparams);
	return 0;
}

/* ---- running a loader in a child process ---------------------------------- */

struct load_child {
	lua_CFunction fn;
	struct load_job *jobs;
	size_t n, first;
	const struct hk_pack *pack;
	const char *plugins_dir;
	const struct hk_limits *lim;
};

static void send_log(void *ud, const char *line, size_t len)
{
	hk_wire_put(ud, 'L', line, len);
}

static int put_str(hk_buf *b, const char *s)
{
	return hk_wire_field(b, s ? s : "", s ? strlen(s) : 0);
}

/* An optional string: a presence byte, then the text. */
static int put_opt(hk_buf *b, const char *s)
{
	hk_buf t = HK_BUF_INIT;
	int err = hk_buf_putc(&t, s ? '1' : '0');
	err = err ? err : hk_buf_puts(&t, s ? s : "");
	err = err ? err : hk_wire_field(b, t.ptr, t.len);
	hk_buf_free(&t);
	return err;
}

/* Sends params as 'P' records: name, type, literal, json, kind, unit, doc,
 * doc_zh. */
static void send_params(struct hk_wire *w, const struct hk_param *v, size_t n)
{
	hk_buf b = HK_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		char t = (char)('0' + v[i].type), k = (char)('0' + v[i].kind);
		b.len = 0;
		if (put_str(&b, v[i].name) || hk_wire_field(&b, &t, 1) || put_str(&b, v[i].literal) ||
		    put_str(&b, v[i].json) || hk_wire_field(&b, &k, 1) || put_opt(&b, v[i].unit) || put_opt(&b, v[i].doc) ||
		    put_opt(&b, v[i].doc_zh))
			w->err = 1;
		else
			hk_wire_put(w, 'P', b.ptr, b.len);
	}
	hk_buf_free(&b);
}

/* In the child: runs the loader on job in a fresh sandbox and sends what it
 * read ('R' rule or 'M' manifest, then its 'P' params) or 'E' and the error. */
static void load_one(struct load_child *a, struct load_job *job, struct hk_wire *w)
{
	struct hk_limits l = *a->lim;
	hk_buf b = HK_BUF_INIT;
	int err;

	/* Top-level code of a rule only declares: a smaller budget. */
	if (l.max_instructions <= 0 || l.max_instructions > 100000000LL)
		l.max_instructions = 100000000LL;
	if (l.timeout <= 0 || l.timeout > 5)
		l.timeout = 5;
	err = hk_sandbox_new(&job->sb, &l, a->pack->lib_dir, a->plugins_dir, job->file);
	if (!err) {
		hk_sandbox_start(job->sb);
		lua_pushcfunction(hk_sandbox_lua(job->sb), a->fn);
		lua_pushlightuserdata(hk_sandbox_lua(job->sb), job);
		err = hk_sandbox_pcall(job->sb, 1, 0);
		hk_sandbox_free(job->sb);
		job->sb = NULL;
	}
	if (err) {
		hk_wire_put(w, 'E', hk_error_last(), strlen(hk_error_last()));
	} else if (job->rule) {
		const struct hk_rule *r = job->rule;
		if (put_str(&b, r->id) || put_str(&b, r->title) || put_str(&b, r->category) || put_str(&b, r->severity) ||
		    put_str(&b, r->entity) || put_str(&b, r->basis) || put_opt(&b, r->description) ||
		    put_opt(&b, r->title_en) || put_opt(&b, r->description_zh) || put_opt(&b, r->basis_zh))
			w->err = 1;
		hk_wire_put(w, 'R', b.ptr, b.len);
		send_params(w, r->params, r->nparams);
	} else {
		const struct hk_pack *p = job->pack;
		if (put_str(&b, p->name) || put_opt(&b, p->version) || put_opt(&b, p->description) ||
		    put_opt(&b, p->description_en))
			w->err = 1;
		hk_wire_put(w, 'M', b.ptr, b.len);
		send_params(w, p->params, p->nparams);
	}
	hk_buf_free(&b);
}

/* In the child: jobs first..n-1, each announced by 'S' (its index; the
 * parent gives each file its own wall clock from there), then 'D'. */
static int load_child_main(void *arg, int fd)
{
	struct load_child *a = arg;
	struct hk_wire w = {fd, HK_BUF_INIT, 0};
	hk_buf b = HK_BUF_INIT;

	hk_source_seal();
	hk_sandbox_log_to(send_log, &w);
	for (size_t i = a->first; i < a->n && !w.err; i++) {
		b.len = 0;
		if (hk_wire_field_u64(&b, i) == 0)
			hk_wire_put(&w, 'S', b.ptr, b.len);
		hk_wire_flush(&w); /* the parent restarts the clock now */
		load_one(a, &a->jobs[i], &w);
	}
	hk_wire_put(&w, 'D', NULL, 0);
	hk_wire_flush(&w);
	hk_buf_free(&b);
	return w.err ? 1 : 0;
}

/* In the parent: the text field at *pos as a new C string (NULL when it is
 * missing, holds a NUL or is not UTF-8); `opt` for a presence-byte field,
 * then *present says whether it was given. */
static char *get_text(const struct hk_wire_rec *r, size_t *pos, int opt, int *present)
{
	const char *s;
	size_t n;
	char *d;

	if (hk_wire_get(&s, &n, r->p, r->n, pos) != 1)
		return NULL;
	if (opt) {
		if (n < 1 || (s[0] != '0' && s[0] != '1'))
			return NULL;
		*present = s[0] == '1';
		s++;
		n--;
	}
	if (memchr(s, 0, n) || hk_text_utf8_invalid(s, n) < n || !(d = malloc(n + 1)))
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* An optional text read by get_text: back to NULL when it was absent. */
static void drop_absent(char **s, int present)
{
	if (!present) {
		free(*s);
		*s = NULL;
	}
}

/* Reads a 'P' record into a new param of *v; returns 0 or -1 (garbage). */
static int take_param(struct hk_param **v, size_t *n, const struct hk_wire_rec *r)
{
	size_t pos = 0;
	struct hk_param q = {0};
	char *type = NULL, *kind = NULL;
	hk_json *j = NULL;
	struct hk_param *grown;
	int ok, has_unit = 0, has_doc = 0, has_doc_zh = 0;

	q.name = get_text(r, &pos, 0, NULL);
	type = get_text(r, &pos, 0, NULL);
	q.literal = get_text(r, &pos, 0, NULL);
	q.json = get_text(r, &pos, 0, NULL);
	kind = get_text(r, &pos, 0, NULL);
	q.unit = get_text(r, &pos, 1, &has_unit);
	q.doc = get_text(r, &pos, 1, &has_doc);
	q.doc_zh = get_text(r, &pos, 1, &has_doc_zh);
	ok = q.name && type && q.literal && q.json && kind && q.unit && q.doc && q.doc_zh && strlen(kind) == 1 &&
	     kind[0] >= '0' && kind[0] <= '0' + HK_KIND_LIST && pos == r->n && hk_pack_word_valid(q.name, "_") &&
	     !isdigit((unsigned char)q.name[0]) && strlen(type) == 1 && type[0] >= '0' &&
	     type[0] <= '0' + HK_PARAM_TABLE && q.literal[0] && hk_json_parse(&j, q.json, strlen(q.json)) == 0;
	hk_json_free(j);
	if (ok) {
		q.type = (enum hk_param_type)(type[0] - '0');
		q.kind = (enum hk_param_kind)(kind[0] - '0');
		drop_absent(&q.unit, has_unit);
		drop_absent(&q.doc, has_doc);
		drop_absent(&q.doc_zh, has_doc_zh);
		grown = realloc(*v, (*n + 1) * sizeof(**v));
		if (grown) {
			*v = grown;
			(*v)[(*n)++] = q;
		}
		ok = grown != NULL;
	}
	free(type);
	free(kind);
	if (!ok) {
		free(q.name);
		free(q.literal);
		free(q.json);
		free(q.unit);
		free(q.doc);
		free(q.doc_zh);
	}
	return ok ? 0 : -1;
}

/* Reads an 'R' record into r; 0 or -1 (garbage: also what the child checked
 * is checked again). */
static int take_rule(struct hk_rule *r, const struct hk_wire_rec *rec)
{
	size_t pos = 0;
	int present = 0, has_en = 0, has_dzh = 0, has_bzh = 0, ok = 0;

	r->id = get_text(rec, &pos, 0, NULL);
	r->title = get_text(rec, &pos, 0, NULL);
	r->category = get_text(rec, &pos, 0, NULL);
	r->severity = get_text(rec, &pos, 0, NULL);
	r->entity = get_text(rec, &pos, 0, NULL);
	r->basis = get_text(rec, &pos, 0, NULL);
	r->description = get_text(rec, &pos, 1, &present);
	r->title_en = get_text(rec, &pos, 1, &has_en);
	r->description_zh = get_text(rec, &pos, 1, &has_dzh);
	r->basis_zh = get_text(rec, &pos, 1, &has_bzh);
	if (!r->id || !r->title || !r->category || !r->severity || !r->entity || !r->basis || !r->description ||
	    !r->title_en || !r->description_zh || !r->basis_zh ||
	    pos != rec->n || !r->title[0] || !hk_pack_word_valid(r->id, "._-") || !hk_pack_word_valid(r->category, "_-") ||
	    (strcmp(r->entity, "*") != 0 && !hk_pack_word_valid(r->entity, "_")))
		return -1;
	for (int i = 0; hk_pack_severities[i]; i++)
		ok |= strcmp(hk_pack_severities[i], r->severity) == 0;
	drop_absent(&r->description, present);
	drop_absent(&r->title_en, has_en);
	drop_absent(&r->description_zh, has_dzh);
	drop_absent(&r->basis_zh, has_bzh);
	return ok ? 0 : -1;
}

static int take_manifest(struct hk_pack *p, const struct hk_wire_rec *rec)
{
	size_t pos = 0;
	int has_version = 0, has_desc = 0, has_desc_en = 0;

	p->name = get_text(rec, &pos, 0, NULL);
	p->version = get_text(rec, &pos, 1, &has_version);
	p->description = get_text(rec, &pos, 1, &has_desc);
	p->description_en = get_text(rec, &pos, 1, &has_desc_en);
	if (!p->name || !p->version || !p->description || !p->description_en || pos != rec->n || !p->name[0])
		return -1;
	drop_absent(&p->version, has_version);
	drop_absent(&p->description, has_desc);
	drop_absent(&p->description_en, has_desc_en);
	return 0;
}

static void job_fail(struct load_job *job, const char *fmt, const char *what)
{
	if (job->state == 2)
		return;
	job->state = 2;
	free(job->error);
	if (asprintf(&job->error, fmt, job->file, what) < 0)
		job->error = NULL;
}

/* Reads the records of one loader child; returns the index of the job it
 * was on when it ended or sent garbage (n when it finished them all). */
static size_t read_loads(struct load_child *a, struct hk_child *c, const struct hk_child_opts *co)
{
	struct hk_wire_rec rec;
	size_t pos = 0, nlog = 0, cur = a->n;
	char fate[300];
	const char *bad = NULL;
	int k, done = 0;

	while (!bad && (k = hk_wire_next(&rec, c->out.ptr, c->out.len, &pos, 8u << 20)) != 0) {
		struct load_job *job = cur < a->n ? &a->jobs[cur] : NULL;
		if (k < 0 || done) {
			bad = "a truncated record or records after the end";
			break;
		}
		if ((k = hk_child_common_record(&rec, &nlog)) != 0) {
			if (k < 0)
				bad = "too many log lines";
			continue;
		}
		switch (rec.tag) {
		case 'S': {
			uint64_t i = 0;
			size_t fp = 0;
			if (hk_wire_get_u64(&i, rec.p, rec.n, &fp) != 1 || i != (cur == a->n ? a->first : cur + 1) ||
			    i >= a->n || (job && !job->state))
				bad = "a bad start record";
			else
				cur = (size_t)i;
			break;
		}
		case 'E':
			if (!job || job->state || memchr(rec.p, 0, rec.n))
				bad = "a bad error record";
			else {
				job->state = 2;
				if (asprintf(&job->error, "%.*s", (int)(rec.n > 4096 ? 4096 : rec.n), rec.p) < 0)
					job->error = NULL;
			}
			break;
		case 'R':
			if (!job || job->state || !job->rule || take_rule(job->rule, &rec) != 0)
				bad = "a bad rule record";
			else
				job->state = 1;
			break;
		case 'M':
			if (!job || job->state || !job->pack || take_manifest(job->pack, &rec) != 0)
				bad = "a bad manifest record";
			else
				job->state = 1;
			break;
		case 'P':
			if (!job || job->state != 1 ||
			    (job->rule ? take_param(&job->rule->params, &job->rule->nparams, &rec)
				       : take_param(&job->pack->params, &job->pack->nparams, &rec)) != 0)
				bad = "a bad parameter record";
			break;
		case 'D':
			done = 1;
			break;
		default:
			bad = "an unknown record";
		}
	}
	if (cur == a->n) /* ended before its first file */
		cur = a->first;
	if (hk_child_fate(c, co, fate, sizeof(fate))) {
		job_fail(&a->jobs[cur], "%s: %s", fate);
		return cur;
	}
	if (bad || !done) {
		job_fail(&a->jobs[cur], "%s: the process that read it sent malformed output (%s): not loaded",
			 bad ? bad : "no end record");
		return cur;
	}
	return a->n;
}

/* Runs the loader on each of the n jobs in a fresh sandbox, in child
 * processes (child.h): one for all of them, and a new one after a child
 * that died, was killed or sent garbage (its file then fails with why).
 * Each job ends read (state 1) or failed (state 2, error set). Returns 0 or
 * HK_EINTERNAL (no process could be started; message set). */
static int load_batch(lua_CFunction fn, struct load_job *jobs, size_t n, const struct hk_pack *pack,
		      const char *plugins_dir, const struct hk_limits *lim)
{
	struct load_child a = {fn, jobs, n, 0, pack, plugins_dir, lim};
	struct hk_limits l = *lim;
	struct hk_child_opts co;
	int err;

	if (l.timeout <= 0 || l.timeout > 5)
		l.timeout = 5;
	hk_child_budget(&co, &l);
	co.cpu = 0; /* many files: the wall clock of each holds */
	co.restart_tag = 'S';
	while (a.first < n) {
		struct hk_child c;
		size_t stop;
		if ((err = hk_child_run(&c, &co, load_child_main, &a)) != 0)
			return err;
		stop = read_loads(&a, &c, &co);
		hk_child_clear(&c);
		a.first = stop + 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct load_job *job = &jobs[i];
		if (job->state == 0)
			job_fail(job, "%s: %s", "not read (its process ended early)");
		if (job->state == 1 && job->rule && job->rule->nparams)
			qsort(job->rule->params, job->rule->nparams, sizeof(*job->rule->params), cmp_param);
		if (job->state == 1 && job->pack && job->pack->nparams)
			qsort(job->pack->params, job->pack->nparams, sizeof(*job->pack->params), cmp_param);
	}
	return 0;
}

/* ---- finding the files ---------------------------------------------------- */

struct strlist {
	char **v;
	size_t n, cap;
};

static void strlist_add(struct strlist *l, char *s)
{
	if (HK_ARRAY_GROW(l->v, l->cap, l->n + 1) != 0)
		hk_oom();
	l->v[l->n++] = s;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory being walked and the ones above it (to tell a symlink loop). */
struct dir_chain {
	dev_t dev;
	ino_t ino;
	const struct dir_chain *up;
};

/* Adds every *.lua file (not *.test.lua) under dir, at any depth, to out.
 * What cannot be walked is never skipped silently: a subdirectory that
 * cannot be read, a directory reached again through a symlink (a loop) and
 * a *.lua entry that is not a file are added to `broken` as "PATH: reason".
 * Returns 0, or HK_EINPUT when dir itself cannot be read. */
static int find_rule_files(struct strlist *out, struct strlist *broken, const char *dir, const struct dir_chain *up)
{
	struct dir_chain here = {0, 0, up};
	struct stat st;
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d || fstat(dirfd(d), &st) != 0) {
		int err = hk_error_setc(HK_EINPUT, "%s: cannot read: %s", dir, hk_strerror(errno));
		if (d)
			closedir(d);
		return err;
	}
	here.dev = st.st_dev;
	here.ino = st.st_ino;
	for (const struct dir_chain *a = up; a; a = a->up) {
		if (a->dev == here.dev && a->ino == here.ino) {
			hk_buf b = HK_BUF_INIT;
			hk_buf_printf(&b, "%s: a symlink loop (the directory contains itself): not followed", dir);
			strlist_add(broken, b.ptr ? b.ptr : hk_xstrdup(dir));
			closedir(d);
			return 0;
		}
	}
	while ((e = readdir(d))) {
		char *p;
		if (e->d_name[0] == '.')
			continue;
		p = path_join(dir, e->d_name);
		if (hk_path_is_dir(p)) {
			if (find_rule_files(out, broken, p, &here) != 0)
				strlist_add(broken, hk_xstrdup(hk_error_last()));
			free(p);
		} else if (ends_with(e->d_name, ".lua") && !ends_with(e->d_name, ".test.lua")) {
			if (hk_path_is_file(p)) {
				strlist_add(out, p);
			} else {
				hk_buf b = HK_BUF_INIT;
				hk_buf_printf(&b, "%s: not a regular file (a dangling symlink?): not loaded", p);
				strlist_add(broken, b.ptr ? b.ptr : hk_xstrdup(p));
				free(p);
			}
		} else {
			free(p);
		}
	}
	closedir(d);
	return 0;
}

static char *dir_of(const char *path)
{
	char *d = hk_xstrdup(path), *slash = strrchr(d, '/');
	if (!slash) {
		free(d);
		return hk_xstrdup(".");
	}
	if (slash == d)
		slash[1] = '\0';
	else
		*slash = '\0';
	return d;
}

/* The nearest directory at or above the file's with a pack.lua, or NULL. */
static char *enclosing_pack(const char *file)
{
	char *d = dir_of(file);
	for (int up = 0; up < 4; up++) {
		char *m = path_join(d, "pack.lua"), *parent;
		int found = hk_path_is_file(m);
		free(m);
		if (found)
			return d;
		parent = path_join(d, "..");
		free(d);
		d = parent;
	}
	free(d);
	return NULL;
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp(((const struct hk_rule *)a)->id, ((const struct hk_rule *)b)->id);
}

int hk_pack_load(struct hk_pack **out, const char *path, const char *plugins_dir, const struct hk_limits *lim)
{
	struct hk_pack *p = calloc(1, sizeof(*p));
	struct strlist files = {0}, walk_broken = {0};
	struct load_job job = {0}, *jobs = NULL;
	struct hk_rule *read = NULL;
	char *manifest = NULL, *lib = NULL, *rules_dir = NULL;
	int err = HK_EINPUT;

	*out = NULL;
	if (!p)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if (hk_path_is_dir(path)) {
		p->dir = hk_xstrdup(path);
	} else if (hk_path_is_file(path)) {
		p->dir = enclosing_pack(path);
		strlist_add(&files, hk_xstrdup(path));
	} else {
		err = hk_error_setc(HK_ENOTFOUND, "%s: no such pack directory or rule file", path);
		goto cleanup;
	}
	if (p->dir) {
		manifest = path_join(p->dir, "pack.lua");
		if (!hk_path_is_file(manifest)) {
			hk_error_set("%s: not a pack: no pack.lua", p->dir);
			goto cleanup;
		}
		lib = path_join(p->dir, "lib");
		if (hk_path_is_dir(lib)) {
			p->lib_dir = lib;
			lib = NULL;
		}
		/* Everything its code may load, read (bounded, confined to the
		 * pack, source.h) before the children that run it. */
		if ((err = hk_source_add(manifest, p->dir)) != 0 ||
		    (p->lib_dir && (err = hk_source_add_dir(p->lib_dir, p->lib_dir)) != 0) ||
		    (plugins_dir && (err = hk_source_add_dir(plugins_dir, plugins_dir)) != 0)) {
			err = err == HK_EINTERNAL ? err : HK_EINPUT;
			goto cleanup;
		}
		job.file = manifest;
		job.pack = p;
		if ((err = load_batch(load_manifest_protected, &job, 1, p, plugins_dir, lim)) != 0)
			goto cleanup;
		err = HK_EINPUT;
		if (job.state != 1) {
			hk_error_set("%s", job.error ? job.error : "out of memory");
			free(job.error);
			goto cleanup;
		}
	} else {
		/* a rule file outside any pack: no lib/, but the plugins */
		p->dir = hk_xstrdup("");
		p->name = hk_xstrdup(path);
		if (plugins_dir && (err = hk_source_add_dir(plugins_dir, plugins_dir)) != 0) {
			err = err == HK_EINTERNAL ? err : HK_EINPUT;
			goto cleanup;
		}
		err = HK_EINPUT;
	}
	if (!p->version)
		p->version = hk_xstrdup("0");
	if (!p->description)
		p->description = hk_xstrdup("");
	if (files.n == 0) {
		rules_dir = path_join(p->dir, "rules");
		if (!hk_path_is_dir(rules_dir)) {
			hk_error_set("%s: not a pack: no rules/ directory", p->dir);
			goto cleanup;
		}
		if ((err = find_rule_files(&files, &walk_broken, rules_dir, NULL)) != 0)
			goto cleanup;
		err = HK_EINPUT;
		if (files.n)
			qsort(files.v, files.n, sizeof(*files.v), cmp_str);
		if (walk_broken.n)
			qsort(walk_broken.v, walk_broken.n, sizeof(*walk_broken.v), cmp_str);
	}
	p->rules = calloc(files.n ? files.n : 1, sizeof(*p->rules));
	p->broken = calloc(files.n + walk_broken.n + 1, sizeof(*p->broken));
	if (!p->rules || !p->broken) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < walk_broken.n; i++) {
		p->broken[p->nbroken++] = walk_broken.v[i];
		walk_broken.v[i] = NULL;
	}
	/* Read beforehand (a file refused here fails in the child with the
	 * reason), then run, each file in its own sandbox, in a child. */
	jobs = calloc(files.n ? files.n : 1, sizeof(*jobs));
	read = calloc(files.n ? files.n : 1, sizeof(*read));
	if (!jobs || !read) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto cleanup;
	}
	for (size_t i = 0; i < files.n; i++) {
		if (hk_source_add(files.v[i], p->dir[0] ? p->dir : NULL) == HK_EINTERNAL) {
			err = HK_EINTERNAL;
			goto cleanup;
		}
		jobs[i].file = files.v[i];
		jobs[i].rule = &read[i];
	}
	if (files.n && (err = load_batch(load_rule_protected, jobs, files.n, p, plugins_dir, lim)) != 0)
		goto cleanup;
	err = HK_EINPUT;
	for (size_t i = 0; i < files.n; i++) {
		struct hk_rule *r = &p->rules[p->nrules];
		const struct hk_rule *dup;
		if (jobs[i].state != 1) {
			p->broken[p->nbroken++] = jobs[i].error ? jobs[i].error : hk_xstrdup("out of memory");
			jobs[i].error = NULL;
			rule_clear(&read[i]);
			continue;
		}
		*r = read[i];
		memset(&read[i], 0, sizeof(read[i]));
		r->path = hk_xstrdup(files.v[i]);
		p->nrules++;
		dup = NULL;
		for (size_t j = 0; j + 1 < p->nrules; j++)
			if (strcmp(p->rules[j].id, r->id) == 0)
				dup = &p->rules[j];
		if (dup) {
			hk_buf b = HK_BUF_INIT;
			char *msg;
			hk_buf_printf(&b, "%s: rule id '%s' is already the id of %s", r->path, r->id, dup->path);
			msg = hk_buf_detach(&b); /* NULL: the append failed */
			p->broken[p->nbroken++] = msg ? msg : hk_xstrdup("out of memory");
			p->nrules--;
			rule_clear(r);
		}
	}
	if (p->nrules == 0 && p->nbroken == 0) {
		hk_error_set("%s: no rule files", rules_dir ? rules_dir : path);
		goto cleanup;
	}
	qsort(p->rules, p->nrules, sizeof(*p->rules), cmp_rule);
	*out = p;
	p = NULL;
	err = 0;
cleanup:
	for (size_t i = 0; jobs && i < files.n; i++) {
		free(jobs[i].error);
		rule_clear(&read[i]);
	}
	free(jobs);
	free(read);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	for (size_t i = 0; i < walk_broken.n; i++)
		free(walk_broken.v[i]);
	free(walk_broken.v);
	free(manifest);
	free(lib);
	free(rules_dir);
	hk_pack_free(p);
	return err;
}

/* ---- parameters ----------------------------------------------------------- */

static const struct hk_param *find_param(const struct hk_param *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

/* The parameter of that name for the pack (a rule's typed declaration
 * first: it says how a value is read), or NULL when unknown. */
static const struct hk_param *known_param(const struct hk_pack *p, const char *name)
{
	const struct hk_param *q, *plain = find_param(p->params, p->nparams, name);
	for (size_t i = 0; i < p->nrules; i++)
		if ((q = find_param(p->rules[i].params, p->rules[i].nparams, name)) &&
		    (q->kind != HK_KIND_PLAIN || !plain))
			return q;
	return plain;
}

struct table_value {
	const char *name, *value;
};

/* In a child process: evaluates the constructor in a sandbox with an empty
 * environment and sends 'T' (literal, json) or 'E', then 'D'. */
static int table_value_child(void *arg, int fd)
{
	const struct table_value *tv = arg;
	struct hk_wire w = {fd, HK_BUF_INIT, 0};
	hk_sandbox *sb = NULL;
	struct hk_limits lim = {1000000, 16u << 20, 2};
	hk_buf code = HK_BUF_INIT, lit = HK_BUF_INIT, js = HK_BUF_INIT, rec = HK_BUF_INIT;
	lua_State *L;
	int err;

	hk_source_seal();
	hk_sandbox_log_to(send_log, &w);
	if ((err = hk_sandbox_new(&sb, &lim, NULL, NULL, "--param")) != 0)
		goto done;
	L = hk_sandbox_lua(sb);
	hk_sandbox_start(sb);
	if ((err = hk_buf_printf(&code, "return %s", tv->value)) != 0)
		goto done;
	err = HK_EINPUT;
	if (luaL_loadbufferx(L, code.ptr, code.len, "=--param", "t") != LUA_OK) {
		hk_error_setc(HK_EINPUT, "--param %s: not a Lua table constructor: %s", tv->name, lua_tostring(L, -1));
		goto done;
	}
	/* An empty environment: a constructor needs none. */
	lua_newtable(L);
	lua_setupvalue(L, -2, 1);
	if (hk_sandbox_pcall(sb, 0, 1) != 0) {
		hk_error_prefix("--param %s", tv->name);
		goto done;
	}
	if (!lua_istable(L, -1)) {
		hk_error_set("--param %s: a table parameter: give a table constructor like {[2020]=4000}", tv->name);
		goto done;
	}
	if (hk_luaval_literal(&lit, L, -1, tv->name) != 0 || hk_luaval_json(&js, L, -1, tv->name) != 0)
		goto done;
	err = hk_wire_field(&rec, lit.ptr, lit.len) || hk_wire_field(&rec, js.ptr, js.len) ? HK_EINTERNAL : 0;
done:
	if (err)
		hk_wire_put(&w, 'E', hk_error_last(), strlen(hk_error_last()));
	else
		hk_wire_put(&w, 'T', rec.ptr, rec.len);
	hk_wire_put(&w, 'D', NULL, 0);
	hk_wire_flush(&w);
	hk_sandbox_free(sb);
	return 0;
}

/* The literal and JSON of a table --param, evaluated in a child process
 * (child.h): the constructor is user code. Returns 0 or HK_EINPUT. */
static int parse_table_value(const char *name, const char *value, char **literal, char **json)
{
	struct table_value tv = {name, value};
	struct hk_limits lim = {1000000, 16u << 20, 2};
	struct hk_child_opts co;
	struct hk_child c;
	struct hk_wire_rec rec;
	size_t pos = 0, fp = 0, tn = 0, nlog = 0;
	char fate[300];
	hk_json *j = NULL;
	int err, k, done = 0;

	*literal = *json = NULL;
	hk_child_budget(&co, &lim);
	if ((err = hk_child_run(&c, &co, table_value_child, &tv)) != 0)
		return err;
	err = HK_EINPUT;
	hk_error_set("--param %s: the process that evaluated it sent malformed output", name);
	while ((k = hk_wire_next(&rec, c.out.ptr, c.out.len, &pos, 8u << 20)) == 1 && !done) {
		if (rec.tag == 'E' && !memchr(rec.p, 0, rec.n)) {
			hk_error_set("%.*s", (int)(rec.n > 4096 ? 4096 : rec.n), rec.p);
		} else if (rec.tag == 'T' && !*literal) {
			fp = 0;
			tn = rec.n;
			*literal = get_text(&rec, &fp, 0, NULL);
			*json = get_text(&rec, &fp, 0, NULL);
		} else if (rec.tag == 'D') {
			done = 1;
		} else {
			hk_child_common_record(&rec, &nlog);
		}
	}
	if (hk_child_fate(&c, &co, fate, sizeof(fate)))
		hk_error_set("--param %s: %s", name, fate);
	else if (done && k == 0 && *literal && *json && fp == tn && **literal &&
		 hk_json_parse(&j, *json, strlen(*json)) == 0)
		err = 0;
	hk_json_free(j);
	if (err) {
		free(*literal);
		free(*json);
		*literal = *json = NULL;
	}
	hk_child_clear(&c);
	return err;
}

static int convert(struct hk_param *out, const char *name, const char *value, enum hk_param_type t);

/* Converts a command-line value to a typed param of kind k (see enum
 * hk_param_kind); the value keeps the unit it is given in (money: yuan). */
static int convert_kind(struct hk_param *out, const char *name, const char *value, enum hk_param_kind k)
{
	hk_buf lit = HK_BUF_INIT, js = HK_BUF_INIT;
	const char *why = NULL;
	char date[11], num[64];
	long long fen;

	switch (k) {
	case HK_KIND_MONEY:
		if (hk_values_money(&fen, value, strlen(value), &why) != 0)
			return hk_error_setc(HK_EINPUT, "--param %s=%s: %s", name, value, _(why));
		if (fen % 100 == 0)
			snprintf(num, sizeof(num), "%lld", fen / 100);
		else
			snprintf(num, sizeof(num), "%s%lld.%02lld", fen < 0 ? "-" : "", llabs(fen) / 100, llabs(fen) % 100);
		return convert(out, name, num, fen % 100 == 0 ? HK_PARAM_INT : HK_PARAM_NUM);
	case HK_KIND_DATE:
		if (hk_date_parse(date, value, strlen(value), &why) != 0)
			return hk_error_setc(HK_EINPUT, "--param %s=%s: not a date YYYY-MM-DD (%s)", name, value, why);
		return convert(out, name, date, HK_PARAM_STR);
	case HK_KIND_PERCENT: {
		char *end;
		double v = strtod(value, &end);
		if (end != value && *end == '%')
			end++;
		if (end == value || *end || !(v >= 0 && v <= 100))
			return hk_error_setc(HK_EINPUT, "--param %s=%s: not a percent from 0 to 100", name, value);
		snprintf(num, sizeof(num), "%.*s", (int)(end - value - (end[-1] == '%')), value);
		return convert(out, name, num, strpbrk(num, ".eE") ? HK_PARAM_NUM : HK_PARAM_INT);
	}
	case HK_KIND_INTEGER: return convert(out, name, value, HK_PARAM_INT);
	case HK_KIND_LIST:
		if (*value == '{')
			return convert(out, name, value, HK_PARAM_TABLE);
		/* a,b,c: integers stay integers, the rest are strings */
		hk_buf_putc(&lit, '{');
		hk_buf_putc(&js, '[');
		for (const char *s = value, *e; *s; s = *e ? e + 1 : e) {
			char *end;
			size_t n;
			e = strchr(s, ',');
			e = e ? e : s + strlen(s);
			while (s < e && *s == ' ')
				s++;
			n = (size_t)(e - s);
			while (n && s[n - 1] == ' ')
				n--;
			hk_buf_puts(&lit, lit.len > 1 ? ", " : "");
			hk_buf_puts(&js, js.len > 1 ? "," : "");
			snprintf(num, sizeof(num), "%.*s", (int)(n < sizeof(num) ? n : 0), s);
			if (n && n < sizeof(num) && (strtoll(num, &end, 10), !*end)) {
				hk_buf_puts(&lit, num);
				hk_buf_puts(&js, num);
			} else {
				hk_buf_putc(&lit, '"');
				for (size_t i = 0; i < n; i++)
					hk_buf_printf(&lit, (s[i] == '"' || s[i] == '\\') ? "\\%c" : "%c", s[i]);
				hk_buf_putc(&lit, '"');
				hk_json_put_str(&js, s, n);
			}
		}
		hk_buf_putc(&lit, '}');
		hk_buf_putc(&js, ']');
		out->name = hk_xstrdup(name);
		out->type = HK_PARAM_TABLE;
		out->literal = lit.ptr;
		out->json = js.ptr;
		return 0;
	default: break;
	}
	return hk_error_setc(HK_EINTERNAL, "--param %s: no such parameter kind", name);
}

static int data_file_protected(lua_State *L)
{
	hk_sandbox_dofile_table(lua_touserdata(L, 1), lua_tostring(L, 2));
	return 1;
}

struct data_file {
	const char *path, *lib_dir, *plugins_dir;
	const struct hk_limits *lim;
};

/* In a child process: runs the file in a sandbox and sends the table it
 * returned as a Lua literal ('T') or 'E', then 'D'. */
static int data_file_child(void *arg, int fd)
{
	const struct data_file *d = arg;
	struct hk_wire w = {fd, HK_BUF_INIT, 0};
	hk_sandbox *sb = NULL;
	hk_buf lit = HK_BUF_INIT;
	int err;

	hk_source_seal();
	hk_sandbox_log_to(send_log, &w);
	err = hk_sandbox_new(&sb, d->lim, d->lib_dir, d->plugins_dir, d->path);
	if (!err) {
		lua_State *L = hk_sandbox_lua(sb);
		hk_sandbox_start(sb);
		lua_pushcfunction(L, data_file_protected);
		lua_pushlightuserdata(L, sb);
		lua_pushstring(L, d->path);
		err = hk_sandbox_pcall(sb, 2, 1);
		if (!err && (err = hk_luaval_literal(&lit, L, -1, d->path)) == 0)
			hk_wire_put(&w, 'T', lit.ptr, lit.len);
	}
	if (err)
		hk_wire_put(&w, 'E', hk_error_last(), strlen(hk_error_last()));
	hk_wire_put(&w, 'D', NULL, 0);
	hk_wire_flush(&w);
	hk_buf_free(&lit);
	hk_sandbox_free(sb);
	return 0;
}

int hk_pack_dofile_data(lua_State *L, const char *path, const char *lib_dir, const char *plugins_dir,
			const struct hk_limits *lim)
{
	struct data_file d = {path, lib_dir, plugins_dir, lim};
	struct hk_child_opts co;
	struct hk_child c;
	struct hk_wire_rec rec;
	size_t pos = 0, nlog = 0;
	const char *lit = NULL;
	size_t litn = 0;
	char fate[300], msg[4200];
	int k, done = 0, err;

	hk_child_budget(&co, lim);
	/* read (bounded, never a FIFO) before the child, which opens nothing */
	if (hk_source_add(path, NULL) == HK_EINTERNAL || (lib_dir && hk_source_add_dir(lib_dir, lib_dir) != 0) ||
	    (plugins_dir && hk_source_add_dir(plugins_dir, plugins_dir) != 0) ||
	    hk_child_run(&c, &co, data_file_child, &d) != 0)
		return luaL_error(L, "%s: %s", path, hk_error_last());
	snprintf(msg, sizeof(msg), "%s: the process that ran it sent malformed output", path);
	while ((k = hk_wire_next(&rec, c.out.ptr, c.out.len, &pos, c.out.len)) == 1 && !done) {
		if (rec.tag == 'E' && !memchr(rec.p, 0, rec.n))
			snprintf(msg, sizeof(msg), "%.*s", (int)(rec.n > 4096 ? 4096 : rec.n), rec.p);
		else if (rec.tag == 'T' && !lit)
			lit = rec.p, litn = rec.n;
		else if (rec.tag == 'D')
			done = 1;
		else
			hk_child_common_record(&rec, &nlog);
	}
	if (hk_child_fate(&c, &co, fate, sizeof(fate)))
		snprintf(msg, sizeof(msg), "%s: %s", path, fate);
	else if (done && k == 0 && lit)
		msg[0] = '\0';
	if (!msg[0]) {
		/* a literal made by hk_luaval_literal: constructors only, no
		 * globals needed; loaded with an empty environment */
		hk_buf code = HK_BUF_INIT;
		err = hk_buf_puts(&code, "return ") || hk_buf_put(&code, lit, litn);
		if (!err && luaL_loadbufferx(L, code.ptr, code.len, "=data", "t") == LUA_OK) {
			lua_newtable(L);
			lua_setupvalue(L, -2, 1);
			hk_buf_free(&code);
			hk_child_clear(&c);
			lua_call(L, 0, 1);
			if (!lua_istable(L, -1))
				return luaL_error(L, "%s: must return a table", path);
			return lua_gettop(L);
		}
		hk_buf_free(&code);
		snprintf(msg, sizeof(msg), "%s: the process that ran it sent a malformed table", path);
	}
	hk_child_clear(&c);
	return luaL_error(L, "%s", msg);
}

/* Converts a command-line value to a param of type t. */
static int convert(struct hk_param *out, const char *name, const char *value, enum hk_param_type t)
{
	hk_buf lit = HK_BUF_INIT, js = HK_BUF_INIT;
	char *end;
	int err = 0;

	out->name = hk_xstrdup(name);
	out->type = t;
	switch (t) {
	case HK_PARAM_INT: {
		long long v;
		errno = 0;
		v = strtoll(value, &end, 10);
		if (!*value || *end || errno)
			return hk_error_setc(HK_EINPUT, "--param %s=%s: not an integer", name, value);
		/* "-9223372036854775808" would load back as a float (Lua reads
		 * minus the literal, which overflows): fold to the integer. */
		if (v == LLONG_MIN)
			hk_buf_puts(&lit, "(-9223372036854775807-1)");
		else
			hk_buf_printf(&lit, "%lld", v);
		hk_buf_printf(&js, "%lld", v);
		break;
	}
	case HK_PARAM_NUM: {
		double v = strtod(value, &end);
		if (!*value || *end || !isfinite(v))
			return hk_error_setc(HK_EINPUT, "--param %s=%s: not a number", name, value);
		hk_buf_printf(&lit, "%.17g", v);
		if (lit.ptr && !strpbrk(lit.ptr, ".eE"))
			hk_buf_puts(&lit, ".0");
		hk_buf_printf(&js, "%.17g", v);
		break;
	}
	case HK_PARAM_BOOL:
		if (!strcasecmp(value, "true") || !strcmp(value, "1") || !strcasecmp(value, "yes"))
			hk_buf_puts(&lit, "true");
		else if (!strcasecmp(value, "false") || !strcmp(value, "0") || !strcasecmp(value, "no"))
			hk_buf_puts(&lit, "false");
		else
			return hk_error_setc(HK_EINPUT, "--param %s=%s: not a boolean (true/false, 1/0, yes/no)",
					     name, value);
		hk_buf_puts(&js, lit.ptr ? lit.ptr : "");
		break;
	case HK_PARAM_STR:
		if (hk_text_utf8_invalid(value, strlen(value)) < strlen(value))
			return hk_error_setc(HK_EINPUT, "--param %s: the value is not valid UTF-8 text", name);
		hk_buf_putc(&lit, '"');
		for (const char *s = value; *s; s++) {
			if (*s == '"' || *s == '\\')
				hk_buf_printf(&lit, "\\%c", *s);
			else if ((unsigned char)*s < 32)
				hk_buf_printf(&lit, "\\%03u", (unsigned char)*s);
			else
				hk_buf_putc(&lit, *s);
		}
		hk_buf_putc(&lit, '"');
		hk_json_put_str(&js, value, strlen(value));
		break;
	case HK_PARAM_TABLE:
		err = parse_table_value(name, value, &out->literal, &out->json);
		return err;
	}
	if ((err = hk_buf_error(&lit)) != 0 || (err = hk_buf_error(&js)) != 0) { /* the appends above */
		hk_buf_free(&lit);
		hk_buf_free(&js);
		return err;
	}
	out->literal = lit.ptr;
	out->json = js.ptr;
	return 0;
}

int hk_pack_params_check(const struct hk_pack *p, const struct hk_override *ov, size_t nov)
{
	for (size_t i = 0; i < nov; i++) {
		const struct hk_param *q = known_param(p, ov[i].name);
		struct hk_param tmp = {0};
		int err;
		if (!q) {
			hk_buf known = HK_BUF_INIT;
			/* list the known names, sorted, once each */
			for (size_t j = 0; j < p->nparams; j++)
				hk_buf_printf(&known, "%s\n", p->params[j].name);
			for (size_t r = 0; r < p->nrules; r++)
				for (size_t j = 0; j < p->rules[r].nparams; j++)
					hk_buf_printf(&known, "%s\n", p->rules[r].params[j].name);
			{
				struct strlist names = {0};
				hk_buf msg = HK_BUF_INIT;
				char *save = NULL;
				for (char *tok = known.ptr ? strtok_r(known.ptr, "\n", &save) : NULL; tok;
				     tok = strtok_r(NULL, "\n", &save))
					strlist_add(&names, tok);
				if (names.n)
					qsort(names.v, names.n, sizeof(*names.v), cmp_str);
				for (size_t j = 0; j < names.n; j++)
					if (j == 0 || strcmp(names.v[j], names.v[j - 1]) != 0)
						hk_buf_printf(&msg, "%s%s", msg.len ? ", " : "", names.v[j]);
				hk_error_setc(HK_EINPUT, "--param %s: unknown parameter; known: %s", ov[i].name,
					      msg.len ? msg.ptr : "(none)");
				free(names.v);
				hk_buf_free(&msg);
			}
			hk_buf_free(&known);
			return HK_EINPUT;
		}
		err = q->kind != HK_KIND_PLAIN ? convert_kind(&tmp, ov[i].name, ov[i].value, q->kind)
					       : convert(&tmp, ov[i].name, ov[i].value, q->type);
		free(tmp.name);
		free(tmp.literal);
		free(tmp.json);
		if (err)
			return err;
	}
	return 0;
}

int hk_pack_params_resolve(struct hk_param **out, size_t *n, const struct hk_pack *p, const struct hk_rule *r,
		      const struct hk_override *ov, size_t nov)
{
	size_t cap = r->nparams + p->nparams, k = 0;
	struct hk_param *v = calloc(cap ? cap : 1, sizeof(*v));
	int err = 0;

	*out = NULL;
	*n = 0;
	if (!v)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t pass = 0; pass < 2; pass++) {
		const struct hk_param *src = pass ? p->params : r->params;
		size_t ns = pass ? p->nparams : r->nparams;
		for (size_t i = 0; i < ns; i++) {
			const struct hk_param *q = &src[i];
			struct hk_param *dst = NULL;
			for (size_t j = 0; j < k; j++)
				if (strcmp(v[j].name, q->name) == 0)
					dst = &v[j];
			if (dst) { /* the pack's value wins over the rule default; the rule's
				    * declaration (kind, unit) says how it is read */
				free(dst->name);
				free(dst->literal);
				free(dst->json);
			} else {
				dst = &v[k++];
				dst->kind = q->kind;
				dst->unit = q->unit ? hk_xstrdup(q->unit) : NULL;
				dst->doc = q->doc ? hk_xstrdup(q->doc) : NULL;
				dst->doc_zh = q->doc_zh ? hk_xstrdup(q->doc_zh) : NULL;
			}
			dst->name = hk_xstrdup(q->name);
			dst->type = q->type;
			dst->literal = hk_xstrdup(q->literal);
			dst->json = hk_xstrdup(q->json);
		}
	}
	for (size_t i = 0; i < nov && !err; i++) {
		for (size_t j = 0; j < k; j++) {
			struct hk_param tmp = {0};
			if (strcmp(v[j].name, ov[i].name) != 0)
				continue;
			err = v[j].kind != HK_KIND_PLAIN ? convert_kind(&tmp, ov[i].name, ov[i].value, v[j].kind)
							 : convert(&tmp, ov[i].name, ov[i].value, v[j].type);
			if (err) {
				free(tmp.name);
				free(tmp.literal);
				free(tmp.json);
				break;
			}
			free(v[j].name);
			free(v[j].literal);
			free(v[j].json);
			v[j].name = tmp.name;
			v[j].type = tmp.type;
			v[j].literal = tmp.literal;
			v[j].json = tmp.json;
		}
	}
	if (err) {
		hk_pack_params_free(v, k);
		return err;
	}
	if (k)
		qsort(v, k, sizeof(*v), cmp_param);
	*out = v;
	*n = k;
	return 0;
}

void hk_pack_params_push(lua_State *L, const struct hk_param *v, size_t n)
{
	lua_createtable(L, 0, (int)n);
	for (size_t i = 0; i < n; i++) {
		hk_buf code = HK_BUF_INIT;
		int st;
		if (hk_buf_printf(&code, "return %s", v[i].literal) != 0)
			luaL_error(L, "out of memory");
		st = luaL_loadbufferx(L, code.ptr, code.len, "=params", "t");
		hk_buf_free(&code);
		if (st != LUA_OK)
			lua_error(L);
		lua_call(L, 0, 1);
		if (v[i].kind == HK_KIND_MONEY) { /* yuan given, fen compared */
			long long fen;
			const char *why;
			size_t len;
			char text[64];
			if (lua_isinteger(L, -1))
				snprintf(text, sizeof(text), "%lld", (long long)lua_tointeger(L, -1));
			else
				snprintf(text, sizeof(text), "%.15g", lua_tonumber(L, -1));
			len = strlen(text);
			if (hk_values_money(&fen, text, len, &why) != 0)
				luaL_error(L, "params.%s = %s: %s", v[i].name, v[i].literal, _(why));
			lua_pop(L, 1);
			lua_pushinteger(L, (lua_Integer)fen);
		}
		lua_setfield(L, -2, v[i].name);
	}
}
