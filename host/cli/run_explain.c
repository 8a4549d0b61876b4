/*
 * run_explain.c - the --explain and --profile reports of `huikan run` (see
 * run_explain.h): query plans read back with EXPLAIN QUERY PLAN on the
 * rules' kind of connection, full scans of large tables found in the plan.
 * Labels in the chosen language (base/i18n.h); the plan lines are SQLite's
 * own text and the statements the rules' SQL, shown as they are.
 */
#include "base/i18n.h"
#include "cli/run_explain.h"
#include "cli/cli.h"
#include "base/buf.h"
#include "base/error.h"
#include "registry/registry_ro.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Row count of a table of the db (cached by the caller's list), or -1 when
 * `name` is not a table. */
struct counts {
	char *name[64];
	long long n[64];
	size_t len;
};

static long long table_rows(sqlite3 *db, struct counts *c, const char *name, size_t len)
{
	char sql[300];
	sqlite3_stmt *st = NULL;
	long long n = -1;

	for (size_t i = 0; i < c->len; i++)
		if (strlen(c->name[i]) == len && strncasecmp(c->name[i], name, len) == 0)
			return c->n[i];
	if (len > 100)
		return -1;
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%.*s\" WHERE (SELECT count(*) FROM sqlite_master "
		 "WHERE type = 'table' AND name = '%.*s' COLLATE NOCASE) > 0", (int)len, name, (int)len, name);
	if (hk_registry_ro_prepare(db, sql, strlen(sql), &st) == 0 && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (c->len < 64) {
		c->name[c->len] = strndup(name, len);
		c->n[c->len++] = n;
	}
	return n;
}

/* The table that `alias` (a table name or an alias of one) names in sql: a
 * table of the db just before "alias" or "AS alias". Writes into out. */
static void resolve_alias(char *out, size_t outsz, const char *sql, const char *alias, sqlite3 *db,
			  struct counts *c)
{
	const char *tok[3] = {NULL, NULL, NULL};
	size_t tlen[3] = {0, 0, 0}, alen = strlen(alias);

	snprintf(out, outsz, "%s", alias);
	for (const char *p = sql; *p;) {
		if (!(isalnum((unsigned char)*p) || *p == '_')) {
			p++;
			continue;
		}
		const char *s = p;
		while (isalnum((unsigned char)*p) || *p == '_')
			p++;
		tok[0] = tok[1], tlen[0] = tlen[1];
		tok[1] = tok[2], tlen[1] = tlen[2];
		tok[2] = s, tlen[2] = (size_t)(p - s);
		if (tlen[2] != alen || strncasecmp(tok[2], alias, alen) != 0 || !tok[1])
			continue;
		if (tlen[1] == 2 && strncasecmp(tok[1], "as", 2) == 0 && tok[0] &&
		    table_rows(db, c, tok[0], tlen[0]) >= 0) {
			snprintf(out, outsz, "%.*s", (int)tlen[0], tok[0]);
			return;
		}
		if (table_rows(db, c, tok[1], tlen[1]) >= 0) {
			snprintf(out, outsz, "%.*s", (int)tlen[1], tok[1]);
			return;
		}
	}
}

/* The plan tree of st, each line after `indent`; with counts, warnings for
 * full scans of large tables of sql go to warn and are counted. */
static int plan_rows(FILE *out, sqlite3 *db, sqlite3_stmt *st, const char *indent, struct counts *counts,
		     const char *sql, hk_buf *warn, int *warnings)
{
	int ids[64], depth[64], n = 0, rc;

	fprintf(out, "%s%s\n", indent, _("QUERY PLAN"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0), parent = sqlite3_column_int(st, 1), d = 0;
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		char alias[128], table[128];
		for (int i = n - 1; i >= 0; i--)
			if (ids[i] == parent) {
				d = depth[i] + 1;
				break;
			}
		if (n < 64) {
			ids[n] = id;
			depth[n++] = d;
		}
		fprintf(out, "%s%*s`--%s\n", indent, 3 * d, "", detail ? detail : "");
		/* "SCAN x" alone: every row of x, no index */
		if (counts && detail && sscanf(detail, "SCAN %127s", alias) == 1 && strlen(detail) == 5 + strlen(alias)) {
			long long rows;
			resolve_alias(table, sizeof(table), sql, alias, db, counts);
			rows = table_rows(db, counts, table, strlen(table));
			if (rows > HK_EXPLAIN_LARGE_TABLE) {
				hk_buf_puts(warn, indent);
				if (strcmp(table, alias) != 0)
					hk_buf_printf(warn, _("warning: full scan of %s (%lld rows) without an index (as %s)\n"),
						      table, rows, alias);
				else
					hk_buf_printf(warn, _("warning: full scan of %s (%lld rows) without an index\n"), table,
						      rows);
				(*warnings)++;
			}
		}
	}
	if (rc != SQLITE_DONE)
		return hk_error_setc(HK_EINPUT, "SQL error: %s", sqlite3_errmsg(db));
	return 0;
}

int hk_plan_print(FILE *out, sqlite3 *db, sqlite3_stmt *st, const char *indent)
{
	int err = plan_rows(out, db, st, indent, NULL, NULL, NULL, NULL);
	fflush(out);
	return err;
}

/* Prints the plan of sql (indented) and warns about full scans of large
 * tables; returns the number of warnings. */
static int print_plan(FILE *out, sqlite3 *db, struct counts *counts, const char *sql)
{
	hk_buf text = HK_BUF_INIT, warn = HK_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int warnings = 0;

	hk_buf_printf(&text, "EXPLAIN QUERY PLAN %s", sql);
	if (!text.ptr || hk_registry_ro_prepare(db, text.ptr, text.len, &st) != 0) {
		fprintf(out, _("      (no plan: %s)\n"), hk_error_last());
		hk_buf_free(&text);
		return 0;
	}
	plan_rows(out, db, st, "    ", counts, sql, &warn, &warnings);
	if (warn.len)
		fputs(warn.ptr, out);
	sqlite3_finalize(st);
	hk_buf_free(&text);
	hk_buf_free(&warn);
	return warnings;
}

int hk_run_explain(FILE *out, const char *db_path, const struct hk_engine_result *res)
{
	sqlite3 *db = NULL;
	struct counts counts = {0};
	int warnings = 0;

	if (hk_registry_ro_open(&db, db_path) != 0) {
		fprintf(out, _("huikan run --explain: %s\n"), hk_error_last());
		return 0;
	}
	for (size_t i = 0; i < res->nrules; i++) {
		const struct hk_rule_result *r = &res->rules[i];
		fprintf(out, _("\nrule %s: %zu statement(s), %.3fs%s\n"), r->rule->id, r->nqueries, r->seconds,
			r->failed ? _(" (FAILED)") : "");
		for (size_t k = 0; k < r->nqueries; k++) {
			const struct hk_query_stat *q = &r->queries[k];
			fprintf(out, _("  statement %zu: %lld call(s), %lld row(s), %.3fs in SQLite\n"), k + 1, q->calls,
				q->rows, q->seconds);
			/* the text, each line indented */
			for (const char *s = q->sql, *e; *s; s = *e ? e + 1 : e) {
				e = strchr(s, '\n');
				e = e ? e : s + strlen(s);
				if (strspn(s, " \t") < (size_t)(e - s))
					fprintf(out, "    | %.*s\n", (int)(e - s), s);
			}
			warnings += print_plan(out, db, &counts, q->sql);
		}
	}
	fprintf(out, _("\n%d warning(s)\n"), warnings);
	for (size_t i = 0; i < counts.len; i++)
		free(counts.name[i]);
	sqlite3_close(db);
	return warnings;
}

struct qref {
	const struct hk_rule_result *r;
	const struct hk_query_stat *q;
};

static int by_time(const void *a, const void *b)
{
	double x = ((const struct qref *)a)->q->seconds, y = ((const struct qref *)b)->q->seconds;
	return x < y ? 1 : x > y ? -1 : 0;
}

/* The first line of sql, white space collapsed, at most max bytes. */
static void one_line(char *out, size_t max, const char *sql)
{
	size_t n = 0;
	for (const char *p = sql; *p && n + 1 < max; p++)
		if (!isspace((unsigned char)*p))
			out[n++] = *p;
		else if (n && out[n - 1] != ' ')
			out[n++] = ' ';
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* Prints two spaces, then s in a column of `width` columns: left-aligned
 * (left) or right (a wider s takes what it needs). */
static void pad(FILE *out, const char *s, int width, int left)
{
	int n = width - hk_cli_width(s);
	fputs("  ", out);
	if (!left)
		fprintf(out, "%*s", n > 0 ? n : 0, "");
	fputs(s, out);
	if (left)
		fprintf(out, "%*s", n > 0 ? n : 0, "");
}

void hk_run_profile(FILE *out, const struct hk_engine_result *res)
{
	size_t nq = 0, k = 0, wi = 4;
	struct qref *v;

	for (size_t i = 0; i < res->nrules; i++) {
		nq += res->rules[i].nqueries;
		if (strlen(res->rules[i].rule->id) > wi)
			wi = strlen(res->rules[i].rule->id);
	}
	fputs(_("\nprofile: time per rule\n"), out);
	pad(out, hk_tr_key(N_("profile:RULE")), (int)wi, 1);
	pad(out, hk_tr_key(N_("profile:WALL")), 8, 0);
	pad(out, hk_tr_key(N_("profile:CPU")), 8, 0);
	pad(out, hk_tr_key(N_("profile:SQL")), 8, 0);
	pad(out, hk_tr_key(N_("profile:QUERIES")), 7, 0);
	fputc('\n', out);
	for (size_t i = 0; i < res->nrules; i++) {
		const struct hk_rule_result *r = &res->rules[i];
		double sql = 0;
		for (size_t j = 0; j < r->nqueries; j++)
			sql += r->queries[j].seconds;
		fprintf(out, "  %-*s  %7.3fs  %7.3fs  %7.3fs  %7zu\n", (int)wi, r->rule->id, r->seconds, r->cpu_seconds,
			sql, r->nqueries);
	}
	if (!(v = calloc(nq + 1, sizeof(*v))))
		return;
	for (size_t i = 0; i < res->nrules; i++)
		for (size_t j = 0; j < res->rules[i].nqueries; j++)
			v[k++] = (struct qref){&res->rules[i], &res->rules[i].queries[j]};
	qsort(v, nq, sizeof(*v), by_time);
	fputs(_("\nprofile: queries, slowest first\n"), out);
	pad(out, hk_tr_key(N_("profile:TIME")), 8, 0);
	pad(out, hk_tr_key(N_("profile:CALLS")), 6, 0);
	pad(out, hk_tr_key(N_("profile:ROWS")), 9, 0);
	pad(out, hk_tr_key(N_("profile:RULE")), (int)wi, 1);
	fprintf(out, "  %s\n", hk_tr_key(N_("profile:SQL")));
	for (size_t i = 0; i < nq; i++) {
		char line[100];
		one_line(line, sizeof(line), v[i].q->sql);
		fprintf(out, "  %7.3fs  %6lld  %9lld  %-*s  %s\n", v[i].q->seconds, v[i].q->calls, v[i].q->rows, (int)wi,
			v[i].r->rule->id, line);
	}
	free(v);
}
