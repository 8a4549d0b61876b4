/*
 * pack.h - audit packs: the manifest (pack.lua), the rule files, their
 * metadata, and parameters (rule defaults < pack params < --param).
 *
 * A pack is a directory holding `pack.lua` (returns {name=, version=,
 * description=, params={...}}), `rules/` (one rule a file, any depth; a file
 * ending in .test.lua is a rule's test, not a rule) and optionally `lib/` (Lua
 * modules its rules may require). A rule file returns {id=, title=, category=,
 * severity=, entity=, basis=, params={...}, check=function(ctx, params)}.
 * Metadata is read by running each file once in its own sandbox.
 *
 * Texts a person reads come in two languages the way titles do: the plain
 * field (title, description, basis, a parameter's doc) in the pack's own
 * language, and optionally the other language beside it — a rule's
 * title_en, description_zh, basis_zh, a parameter's doc_zh, the pack's
 * description_en. hk_pack_text picks the one of the language shown.
 */
#ifndef HK_PACK_H
#define HK_PACK_H

#include <stddef.h>
#include <lua.h>

#include "engine/sandbox.h"

enum hk_param_type { HK_PARAM_INT, HK_PARAM_NUM, HK_PARAM_BOOL, HK_PARAM_STR, HK_PARAM_TABLE };

/* What a rule declares a parameter to be: a plain default (the value's own
 * type), or a typed parameter {type = "money"|"date"|"percent"|"integer"|
 * "list", default = V, unit = "...", doc = "..."}. A money parameter is given
 * in yuan (default, pack, --param; at most 2 decimals) and the rule receives
 * integer fen, to compare with the registry's money columns; a date is
 * 'YYYY-MM-DD'; a percent a number 0-100 (received as given); an integer an
 * integer; a list a sequence (--param a,b,c or a table constructor). */
enum hk_param_kind { HK_KIND_PLAIN, HK_KIND_MONEY, HK_KIND_DATE, HK_KIND_PERCENT, HK_KIND_INTEGER, HK_KIND_LIST };

struct hk_param {
	char *name;
	enum hk_param_type type;
	char *literal; /* Lua literal of the value (money: in yuan) */
	char *json;    /* JSON text of the value (money: in yuan) */
	enum hk_param_kind kind;
	char *unit;    /* unit of a typed parameter ("yuan", "%", "days"), or NULL */
	char *doc;     /* what the parameter means, or NULL */
	char *doc_zh;  /* the same in Chinese (`doc_zh`), or NULL */
};

struct hk_rule {
	char *id, *title, *category, *severity, *entity, *basis, *description;
	char *title_en;           /* English title, or NULL (then a "中文 / English" title holds both) */
	char *description_zh;     /* Chinese description (`description_zh`), or NULL */
	char *basis_zh;           /* Chinese basis (`basis_zh`, a list joined by "; "), or NULL */
	char *path;               /* the rule file */
	struct hk_param *params;  /* defaults, sorted by name */
	size_t nparams;
};

struct hk_pack {
	char *dir;         /* the pack directory ("" for a lone rule file) */
	char *lib_dir;     /* <dir>/lib when it exists, else NULL */
	char *name, *version, *description;
	char *description_en;    /* English description (`description_en`), or NULL */
	struct hk_param *params; /* pack params, sorted by name */
	size_t nparams;
	struct hk_rule *rules;   /* sorted by id */
	size_t nrules;
	char **broken;           /* "FILE: reason" of rule files that did not load */
	size_t nbroken;
};

/* The severities a rule may declare, most severe first. */
extern const char *const hk_pack_severities[];

/* Loads the pack at `path`: a pack directory, or one rule file (then the pack
 * is the nearest enclosing directory with a pack.lua, restricted to that rule,
 * or a pack of that rule alone). `plugins_dir` is where require looks besides
 * the pack's lib/. `lim` bounds each file's top-level code. A rule file that
 * fails to load or declares bad metadata does not fail the load: it is listed
 * in `broken`. Returns 0, HK_ENOTFOUND, or HK_EINPUT (bad pack.lua, duplicate
 * rule ids, no rules); free with hk_pack_free. */
int hk_pack_load(struct hk_pack **out, const char *path, const char *plugins_dir,
		 const struct hk_limits *lim);

void hk_pack_free(struct hk_pack *p);

/* 1 when `ent` (elen bytes) is a key of the entity kind `kind`: "kind:key"
 * with a key of at least one byte. A rule whose findings are about entities
 * of several kinds (data.rejected-row: the kind of the rejected row) declares
 * kind "*": any "kind:key" whose kind is letters, digits and '_'. */
int hk_pack_entity_ok(const char *kind, const char *ent, size_t elen);

/* True when s starts with a letter or digit and holds only letters, digits
 * and characters of `extra` (ids "._-", categories "_-", entity kinds "_"). */
int hk_pack_word_valid(const char *s, const char *extra);

/* The text of language `lang` ("zh..." Chinese, else English) among the
 * Chinese `zh` and the English `en` (either may be NULL or ""), falling back
 * to the other one; NULL when both are missing or empty. */
const char *hk_pack_text(const char *lang, const char *zh, const char *en);

/* The rule with that id, or NULL. */
const struct hk_rule *hk_pack_rule(const struct hk_pack *p, const char *id);

/* A --param NAME=VALUE given on the command line. */
struct hk_override {
	const char *name;
	const char *value;
};

/* Checks that every override names a parameter of the pack or of one of its
 * rules and that its value converts to that parameter's type. Returns 0 or
 * HK_EINPUT ("unknown parameter 'x'; known: a, b, c" / "bad value"). */
int hk_pack_params_check(const struct hk_pack *p, const struct hk_override *ov, size_t nov);

/* The parameters rule `r` runs with: its defaults, overridden by the pack's
 * params, overridden by `ov` (values converted to the default's type: integer,
 * number, boolean, string, or a Lua table constructor for a table param).
 * Sorted by name. Returns 0 or HK_EINPUT; free with hk_pack_params_free. */
int hk_pack_params_resolve(struct hk_param **out, size_t *n, const struct hk_pack *p,
		      const struct hk_rule *r, const struct hk_override *ov, size_t nov);

void hk_pack_params_free(struct hk_param *v, size_t n);

/* Pushes a table of the params (values loaded from their literals; a money
 * parameter as integer fen). Must run in protected mode; raises a Lua error
 * on failure. */
void hk_pack_params_push(lua_State *L, const struct hk_param *v, size_t n);

const char *hk_pack_param_type_name(enum hk_param_type t);

/* "money", "date", "percent", "integer", "list", or the plain type's name. */
const char *hk_param_kind_name(const struct hk_param *q);

/* In protected mode: runs the Lua file at path (a rule's test file) in a
 * sandbox with budgets lim in a child process (child.h; require finds
 * lib_dir and plugins_dir), and pushes onto L a copy of the table it
 * returned: data only (strings, numbers, booleans, tables), rebuilt from
 * its literal (luaval.h). Returns its index; raises on failure (the file's
 * error, the budget its process broke). */
int hk_pack_dofile_data(lua_State *L, const char *path, const char *lib_dir, const char *plugins_dir,
			const struct hk_limits *lim);

#endif
