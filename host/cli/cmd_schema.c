/*
 * cmd_schema.c - `huikan schema [TABLE] [--db R]`: the registry's tables and
 * columns as rules see them (registry/schema.c is the source): SQLite types,
 * units (money in fen, dates, booleans, code lists with their Chinese terms),
 * primary keys and indexes; with --db, row counts and the indexes the db has.
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "base/buf.h"
#include "base/error.h"
#include "registry/registry_ro.h"
#include "registry/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	N_("usage: huikan schema [TABLE] [--db FILE]\n"
	"\n"
	"Shows the registry's tables (docs/registry.md) as rules query them. Without\n"
	"TABLE, one line a table; with TABLE (English or Chinese name), its columns:\n"
	"name, Chinese name, SQLite type, unit or code list, whether required; its\n"
	"primary key and indexes.\n"
	"\n"
	"Units: money is INTEGER fen (1 yuan = 100 fen; CSV files give yuan), dates\n"
	"are TEXT 'YYYY-MM-DD', booleans INTEGER 0/1, coded columns TEXT holding the\n"
	"English code (CSV files may give the Chinese term).\n"
	"\n"
	"options:\n"
	"  --db FILE   also count the rows of each table and list the indexes this\n"
	"              db has (opened read-only)\n"
	"\n"
	"exit codes: 0 shown; 2 usage error or no such table.\n");

static const char *type_sql(enum hk_col_type t)
{
	switch (t) {
	case HK_COL_INT:
	case HK_COL_MONEY:
	case HK_COL_BOOL: return "INTEGER";
	case HK_COL_REAL: return "REAL";
	default: return "TEXT";
	}
}

/* The unit or form of a column's values, for people. */
static const char *type_unit(enum hk_col_type t)
{
	switch (t) {
	case HK_COL_MONEY: return _("money: fen 分 (yuan x 100)");
	case HK_COL_DATE: return _("date 'YYYY-MM-DD'");
	case HK_COL_BOOL: return _("boolean 0/1 (否/是)");
	case HK_COL_CODE: return hk_tr_key(N_("schema:code:"));
	case HK_COL_INT: return hk_tr_key(N_("schema:integer"));
	case HK_COL_REAL: return hk_tr_key(N_("schema:real"));
	default: return hk_tr_key(N_("schema:text"));
	}
}

/* Row count of `table` in db, or -1. */
static long long count_rows(sqlite3 *db, const char *table)
{
	char sql[200];
	sqlite3_stmt *st = NULL;
	long long n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM \"%s\"", table);
	if (hk_registry_ro_prepare(db, sql, strlen(sql), &st) == 0 && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const struct hk_table *find_table(const char *name)
{
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
		if (strcmp(hk_schema_tables[i].name, name) == 0 || strcmp(hk_schema_tables[i].zh, name) == 0)
			return &hk_schema_tables[i];
	return NULL;
}

static void list_tables(sqlite3 *db)
{
	{ /* padded by display width, as the rows below */
		const char *h[] = {hk_tr_key(N_("schema:TABLE")), hk_tr_key(N_("schema:CHINESE")),
				   hk_tr_key(N_("schema:COLUMNS")), hk_tr_key(N_("schema:ROWS"))};
		printf("%-*s %-*s %*s", hk_cli_cols(h[0], 16), h[0], hk_cli_cols(h[1], 14), h[1], hk_cli_cols(h[2], 7),
		       h[2]);
		if (db)
			printf(" %*s", hk_cli_cols(h[3], 8), h[3]);
		printf("\n");
	}
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++) {
		const struct hk_table *t = &hk_schema_tables[i];
		/* pad the Chinese name by display width (2 columns a character) */
		int w = 14 - 2 * (int)(strlen(t->zh) / 3);
		printf("%-16s %s%*s %7zu", t->name, t->zh, w > 0 ? w : 0, "", t->ncols);
		if (db)
			printf(" %8lld", count_rows(db, t->name));
		printf("\n");
	}
	printf("%s", _("\n'huikan schema TABLE' shows a table's columns, units and indexes.\n"));
}

/* Prints the indexes the db really has on `table` (from sqlite_master). */
static void db_indexes(sqlite3 *db, const char *table)
{
	static const char sql[] = "SELECT name, coalesce(sql, '(primary key)') FROM sqlite_master "
				  "WHERE type = 'index' AND tbl_name = ? ORDER BY name";
	sqlite3_stmt *st = NULL;

	if (hk_registry_ro_prepare(db, sql, sizeof(sql) - 1, &st) != 0) {
		printf(_("  (indexes of the db not readable: %s)\n"), hk_error_last());
		return;
	}
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	printf("%s", _("indexes in the db:\n"));
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("  %s: %s\n", (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
}

static void show_table(const struct hk_table *t, sqlite3 *db)
{
	size_t wn = 6;
	printf("%s  %s", t->name, t->zh);
	if (db)
		printf(_("  (%lld rows)"), count_rows(db, t->name));
	printf("\n\n");
	for (size_t i = 0; i < t->ncols; i++)
		if (strlen(t->cols[i].name) > wn)
			wn = strlen(t->cols[i].name);
	{ /* padded by display width: a Chinese header is 2 columns a character */
		const char *h[] = {hk_tr_key(N_("schema:COLUMN")), hk_tr_key(N_("schema:TYPE")),
				   hk_tr_key(N_("schema:REQUIRED"))};
		printf("%-*s  %-*s  %-*s  %s\n", hk_cli_cols(h[0], (int)wn), h[0], hk_cli_cols(h[1], 8), h[1],
		       hk_cli_cols(h[2], 8), h[2], _("CHINESE / UNIT"));
	}
	for (size_t i = 0; i < t->ncols; i++) {
		const struct hk_column *c = &t->cols[i];
		const char *req = c->required ? _("yes") : "";
		printf("%-*s  %-8s  %-*s  %s  %s", (int)wn, c->name, type_sql(c->type), hk_cli_cols(req, 8), req, c->zh,
		       type_unit(c->type));
		for (const struct hk_code *k = c->codes; k && k->en; k++)
			printf(" %s %s%s", k->en, k->zh, k[1].en ? "," : "");
		printf("\n");
	}
	printf("%s", _("\nprimary key: "));
	if (!t->pk)
		printf("%s", _("(none)"));
	for (size_t i = 0; t->pk && t->pk[i]; i++)
		printf("%s%s", i ? ", " : "", t->pk[i]);
	printf("%s", _("\nindexes:"));
	int any = 0;
	size_t n = strlen(t->name);
	for (size_t i = 0; hk_schema_index_def(i); i++) {
		const char *d = hk_schema_index_def(i);
		if (strncmp(d, t->name, n) == 0 && d[n] == '(') {
			printf("\n  %s", d);
			any = 1;
		}
	}
	printf("%s\n", any ? "" : _(" (none besides the primary key)"));
	if (db)
		db_indexes(db, t->name);
}

int hk_cmd_schema(int argc, char **argv)
{
	const char *dbpath = NULL;
	struct hk_strlist *pos; /* large: on the heap */
	const struct hk_table *t = NULL;
	sqlite3 *db = NULL;
	int rc, err;

	if (!(pos = calloc(1, sizeof(*pos))))
		return HK_EXIT_INTERNAL;
	const struct hk_opt opts[] = {{"--db", HK_OPT_VALUE, &dbpath}, {NULL, 0, NULL}};
	if ((rc = hk_cli_opts_parse("schema", argc, argv, opts, pos, usage)) != 0) {
		free(pos);
		return rc < 0 ? HK_EXIT_OK : rc;
	}
	if (pos->n > 1) {
		rc = hk_cli_usage_error("schema", "one TABLE at most: '%s'", pos->v[1]);
		goto cleanup;
	}
	if (pos->n == 1 && !(t = find_table(pos->v[0]))) {
		hk_buf names = HK_BUF_INIT;
		for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
			hk_buf_printf(&names, "%s%s", i ? ", " : "", hk_schema_tables[i].name);
		rc = hk_cli_usage_error("schema", "no table '%s' in the registry; tables: %s", pos->v[0],
					names.ptr ? names.ptr : "");
		hk_buf_free(&names);
		goto cleanup;
	}
	if (dbpath && (err = hk_registry_ro_open(&db, dbpath)) != 0) {
		rc = hk_cli_fail("schema", err);
		goto cleanup;
	}
	if (t)
		show_table(t, db);
	else
		list_tables(db);
	rc = HK_EXIT_OK;
cleanup:
	sqlite3_close(db);
	free(pos);
	return rc;
}
