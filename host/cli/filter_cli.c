/*
 * filter_cli.c - the shared filters over a ledger's findings (--rule,
 * --village, --town, --status, --unit, --overdue), their checks against what
 * the ledger knows, place names from the registry, and short finding ids.
 */
#include "base/i18n.h"
#include "cli/filter_cli.h"
#include "cli/cli.h"
#include "base/array.h"
#include "base/error.h"
#include "registry/place.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RULE_GLOB 128  /* bytes of one --rule id or glob */
#define MAX_RULE_GLOBS 256 /* ids or globs in one --rule */
#define MAX_LISTED 40      /* known values named in an error */

static const char *const pseudo_status[] = {"active", "ready"};

int hk_filter_given(const struct hk_filter *f)
{
	return f->status || f->unit || f->rule || f->village || f->town || f->overdue;
}

void hk_filter_clear(struct hk_filter *f)
{
	for (size_t i = 0; i < sizeof(f->owned) / sizeof(f->owned[0]); i++) {
		free(f->owned[i]);
		f->owned[i] = NULL;
	}
	f->nbinds = 0;
}

void hk_filter_bind(sqlite3_stmt *st, const struct hk_filter *f, const char *day)
{
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	for (int i = 0; i < f->nbinds; i++)
		sqlite3_bind_text(st, i + 2, f->binds[i], -1, SQLITE_STATIC);
}

/* ---- place names from the registry ---- */

struct hk_place_names {
	struct place { char *code, *name, *level; } *v;
	size_t n, cap;
};

/* regions are read in code order (hk_place_names_each): bsearch by code */
static int place_cmp(const void *a, const void *b)
{
	return strcmp(((const struct place *)a)->code, ((const struct place *)b)->code);
}

void hk_filter_names_free(struct hk_place_names *n)
{
	for (size_t i = 0; n && i < n->n; i++) {
		free(n->v[i].code);
		free(n->v[i].name);
		free(n->v[i].level);
	}
	if (n)
		free(n->v);
	free(n);
}

static int add_place(void *ctx, const char *code, const char *name, const char *level)
{
	struct hk_place_names *n = ctx;
	int err;
	if ((err = HK_ARRAY_GROW(n->v, n->cap, n->n + 1)) < 0)
		return err;
	n->v[n->n].code = strdup(code);
	n->v[n->n].name = strdup(name);
	n->v[n->n].level = strdup(level);
	n->n++;
	if (!n->v[n->n - 1].code || !n->v[n->n - 1].name || !n->v[n->n - 1].level)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	return 0;
}

struct hk_place_names *hk_filter_names_open(const char *cmd, const char *path, int *rc)
{
	struct hk_place_names *n = NULL;
	int err = 0;
	*rc = 0;
	if (!path)
		return NULL;
	if (!(n = calloc(1, sizeof(*n))))
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	else
		err = hk_place_names_each(path, add_place, n); /* by code: sorted */
	if (err) {
		hk_filter_names_free(n);
		*rc = hk_cli_fail(cmd, err);
		return NULL;
	}
	return n;
}

const char *hk_filter_place_name(struct hk_place_names *n, const char *code)
{
	struct place key = {(char *)code, NULL, NULL}, *p;
	if (!n || !code || !*code || !n->n)
		return NULL;
	p = bsearch(&key, n->v, n->n, sizeof(*n->v), place_cmp);
	return p ? p->name : NULL;
}

/* The codes of the places named `name` at `level` ("town" or "village"),
 * joined by ',' into out; how many. */
static int codes_named(hk_buf *out, struct hk_place_names *n, const char *name, const char *level)
{
	int k = 0;
	for (size_t i = 0; n && i < n->n; i++)
		if (strcmp(n->v[i].name, name) == 0 && strcmp(n->v[i].level, level) == 0) {
			hk_buf_printf(out, "%s%s", k++ ? "," : "", n->v[i].code);
		}
	return k;
}

/* ---- the values the ledger knows ---- */

/* Appends the distinct non-empty values of `sql` (one text column), with
 * their place names when names is given, "a, b, c" and "and N more" past
 * MAX_LISTED. */
static void list_known(hk_buf *out, hk_index *ix, const char *sql, struct hk_place_names *names)
{
	sqlite3_stmt *st = NULL;
	int k = 0;
	if (sqlite3_prepare_v2(hk_index_db(ix), sql, -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0), *nm;
		if (!v || !*v)
			continue;
		if (k++ >= MAX_LISTED)
			continue;
		hk_buf_printf(out, "%s%s", k > 1 ? ", " : "", v);
		if ((nm = hk_filter_place_name(names, v)))
			hk_buf_printf(out, " %s", nm);
	}
	if (k > MAX_LISTED)
		hk_buf_printf(out, " and %d more", k - MAX_LISTED);
	if (k == 0)
		hk_buf_puts(out, "(none)");
	sqlite3_finalize(st);
}

/* 1 when `sql` with ?1 = v gives a row. */
static int exists(hk_index *ix, const char *sql, const char *v)
{
	sqlite3_stmt *st = NULL;
	int found = 0;
	if (sqlite3_prepare_v2(hk_index_db(ix), sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

struct units {
	hk_buf list;
	const char *want;
	int found;
	int n;
};

static void unit_of_role(void *ctx, const char *role, const char *who)
{
	struct units *u = ctx;
	if (strcmp(role, "unit") != 0)
		return;
	if (strcmp(who, u->want) == 0)
		u->found = 1;
	hk_buf_printf(&u->list, "%s%s", u->n++ ? ", " : "", who);
}

/* Checks --unit against the units of the ledger's roles and those findings
 * are assigned to. Returns 0 or the exit code of the usage error printed. */
static int check_unit(const char *cmd, const char *opt, const char *unit, hk_index *ix, hk_ledger *l)
{
	struct units u = {HK_BUF_INIT, unit, 0, 0};
	git_commit *head = NULL;
	git_tree *root = NULL;
	hk_roles *roles = NULL;
	int rc = 0;
	if (exists(ix, "SELECT 1 FROM findings WHERE unit = ?1 LIMIT 1", unit))
		return 0;
	if (hk_ledger_head(&head, l) == 0 && head && git_commit_tree(&root, head) == 0 &&
	    hk_ledger_read_roles(&roles, l, root) == 0)
		hk_roles_each(roles, unit_of_role, &u);
	if (!u.found)
		rc = hk_cli_usage_error(cmd, "%s '%s': not a unit of this ledger; its units: %s", opt, unit,
					u.n ? u.list.ptr : "(none: see 'huikan ledger role add unit')");
	hk_buf_free(&u.list);
	hk_roles_free(roles);
	git_tree_free(root);
	git_commit_free(head);
	return rc;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* True when t is a --rule id or glob: the characters of rule ids (letters,
 * digits, '.', '_', '-') and the wildcards '*' and '?', short. Anything else
 * ('[' classes, very long or pathological patterns that SQLite refuses as
 * "too complex") is a usage error, and matching stays cheap. */
static int rule_glob_valid(const char *t)
{
	size_t n = strlen(t);
	if (n == 0 || n > MAX_RULE_GLOB)
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr("._-*?", *p)))
			return 0;
	return 1;
}

static int bind(struct hk_filter *f, const char *v)
{
	f->binds[f->nbinds++] = v;
	return f->nbinds + 1; /* its parameter number: ?1 is the day */
}

static char *own(struct hk_filter *f, const char *s)
{
	for (size_t i = 0; i < sizeof(f->owned) / sizeof(f->owned[0]); i++)
		if (!f->owned[i])
			return f->owned[i] = strdup(s);
	return NULL;
}

/* --village or --town (is_town): codes (prefixes) or names. */
static int place_where(hk_buf *sql, const char *cmd, struct hk_filter *f, hk_index *ix, int is_town,
		       struct hk_place_names *names)
{
	const char *opt = is_town ? "--town" : "--village", *v = is_town ? f->town : f->village;
	const char *col = is_town ? "town" : "village";
	hk_buf codes = HK_BUF_INIT, known = HK_BUF_INIT, q = HK_BUF_INIT;
	int rc = 0;
	if (all_digits(v)) {
		int hit = is_town ? exists(ix, "SELECT 1 FROM findings WHERE town GLOB ?1 || '*' LIMIT 1", v)
				  : exists(ix, "SELECT 1 FROM findings WHERE village GLOB ?1 || '*' OR town GLOB ?1 || '*'"
					       " LIMIT 1", v);
		if (hit) {
			int p = bind(f, v);
			if (is_town)
				hk_buf_printf(sql, " AND town GLOB ?%d || '*'", p);
			else
				hk_buf_printf(sql, " AND (village GLOB ?%d || '*' OR town GLOB ?%d || '*')", p, p);
			goto done;
		}
	} else if (names) {
		int k = codes_named(&codes, names, v, is_town ? "town" : "village");
		if (k == 0 && !is_town)
			k = codes_named(&codes, names, v, "town"); /* a town's name given to --village: its villages */
		if (k > 0) {
			char *c = own(f, codes.ptr ? codes.ptr : "");
			if (!c) {
				rc = hk_cli_fail(cmd, hk_error_setc(HK_EINTERNAL, "out of memory"));
				goto done;
			}
			/* the codes, comma-separated: a finding's village or town is one of them */
			int p = bind(f, c);
			hk_buf_printf(sql, " AND (instr(',' || ?%d || ',', ',' || %s || ',') > 0"
					   " OR instr(',' || ?%d || ',', ',' || town || ',') > 0)", p, col, p);
			goto done;
		}
	} else {
		rc = hk_cli_usage_error(cmd, "%s '%s': not a code; to name %s by name give the registry with --db FILE",
					opt, v, is_town ? _("a town") : _("a village"));
		goto done;
	}
	hk_buf_printf(&q, "SELECT DISTINCT %s FROM findings ORDER BY 1", col);
	list_known(&known, ix, q.ptr, names);
	rc = hk_cli_usage_error(cmd, "%s '%s': no %s of this ledger has that %s; known %s: %s", opt, v,
				is_town ? _("town") : _("village or town"), all_digits(v) ? _("code") : _("name"),
				is_town ? _("towns") : _("villages"), known.ptr ? known.ptr : "");
done:
	hk_buf_free(&codes);
	hk_buf_free(&known);
	hk_buf_free(&q);
	return rc;
}

int hk_filter_where(hk_buf *sql, const char *cmd, struct hk_filter *f, hk_index *ix, hk_ledger *l)
{
	struct hk_place_names *names = NULL;
	int rc = 0;
	f->nbinds = 0;
	if (f->status) {
		char *copy = own(f, f->status), *save = NULL;
		if (!copy)
			return hk_cli_fail(cmd, hk_error_setc(HK_EINTERNAL, "out of memory"));
		hk_buf_puts(sql, " AND (0");
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			if (strcmp(t, pseudo_status[0]) == 0) {
				hk_buf_puts(sql, " OR " HK_INDEX_SQL_OPEN);
			} else if (strcmp(t, pseudo_status[1]) == 0) {
				hk_buf_puts(sql, " OR " HK_FILTER_SQL_READY);
			} else if (hk_fstate_status_parse(t) == HK_FS_NONE) {
				return hk_cli_usage_error(cmd, "--status '%s': not a status; the statuses: open, assigned, "
							       "submitted, absent, closed, waived, reappeared, active, ready", t);
			} else {
				hk_buf_printf(sql, " OR status = '%s'", t);
			}
		}
		hk_buf_puts(sql, ")");
	}
	if (f->overdue)
		hk_buf_puts(sql, " AND " HK_INDEX_SQL_OVERDUE);
	if (f->unit) {
		if ((rc = check_unit(cmd, "--unit", f->unit, ix, l)) != 0)
			return rc;
		hk_buf_printf(sql, " AND unit = ?%d", bind(f, f->unit));
	}
	if (f->rule) {
		char *copy = own(f, f->rule), *save = NULL;
		int nglobs = 0;
		if (!copy)
			return hk_cli_fail(cmd, hk_error_setc(HK_EINTERNAL, "out of memory"));
		hk_buf_puts(sql, " AND (0");
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			if (strlen(t) > MAX_RULE_GLOB)
				return hk_cli_usage_error(cmd, "--rule '%.40s...': %zu characters, at most %d", t, strlen(t),
							  MAX_RULE_GLOB);
			if (!rule_glob_valid(t))
				return hk_cli_usage_error(cmd, "--rule '%s': not a rule id or glob (letters, digits, '.', "
							       "'_', '-', '*' and '?')", t);
			if (++nglobs > MAX_RULE_GLOBS)
				return hk_cli_usage_error(cmd, "--rule: more than %d ids or globs", MAX_RULE_GLOBS);
			hk_buf_printf(sql, " OR rule GLOB ?%d", bind(f, t));
		}
		hk_buf_puts(sql, ")");
		if (nglobs == 0)
			return hk_cli_usage_error(cmd, "--rule '%s': no rule id or glob", f->rule);
	}
	if ((f->village || f->town) && f->db && !(names = hk_filter_names_open(cmd, f->db, &rc)) && rc)
		return rc;
	if (f->village && (rc = place_where(sql, cmd, f, ix, 0, names)) != 0)
		goto done;
	if (f->town && (rc = place_where(sql, cmd, f, ix, 1, names)) != 0)
		goto done;
	if (hk_buf_error(sql))
		rc = hk_cli_fail(cmd, hk_error_setc(HK_EINTERNAL, "out of memory"));
done:
	hk_filter_names_free(names);
	return rc;
}

/* ---- short ids ---- */

static int is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

int hk_filter_resolve_id(char out[HK_FINDING_ID_LEN + 1], const char *cmd, hk_index *ix, const char *arg)
{
	const char *hex = strncmp(arg, "F-", 2) == 0 ? arg + 2 : arg;
	size_t n = strlen(hex);
	sqlite3_stmt *st = NULL;
	hk_buf cands = HK_BUF_INIT;
	int k = 0, rc = 0;
	if (n > HK_FINDING_ID_LEN - 2 || !is_hex(hex, n) || n < HK_FILTER_MIN_PREFIX)
		return hk_cli_usage_error(cmd, "'%s' is not a finding id: F- and 12 hex digits (0-9, a-f), or a "
					       "unique prefix of at least %d of them", arg, HK_FILTER_MIN_PREFIX);
	if (n == HK_FINDING_ID_LEN - 2 || !ix) {
		if (n != HK_FINDING_ID_LEN - 2)
			return hk_cli_usage_error(cmd, "'%s': a short id needs the ledger's index", arg);
		snprintf(out, HK_FINDING_ID_LEN + 1, "F-%s", hex);
		return 0;
	}
	if (sqlite3_prepare_v2(hk_index_db(ix), "SELECT id FROM findings WHERE id GLOB 'F-' || ?1 || '*' ORDER BY id LIMIT 21",
			       -1, &st, NULL) != SQLITE_OK)
		return hk_cli_fail(cmd, hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(hk_index_db(ix))));
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (k++ == 0)
			snprintf(out, HK_FINDING_ID_LEN + 1, "%s", id);
		if (k <= 20)
			hk_buf_printf(&cands, "%s%s", k > 1 ? ", " : "", id);
	}
	sqlite3_finalize(st);
	if (k == 0)
		rc = hk_cli_fail(cmd, hk_error_setc(HK_ENOTFOUND, "no finding of this ledger has an id starting with F-%s",
						    hex));
	else if (k > 1)
		rc = hk_cli_usage_error(cmd, "'%s' is ambiguous: %s%s; give more digits", arg, cands.ptr ? cands.ptr : "",
					k > 20 ? ", ..." : "");
	hk_buf_free(&cands);
	return rc;
}
