/*
 * export.c - the registry exporter of export.h.
 */
#include "registry/export.h"
#include "base/csvw.h"
#include "base/error.h"
#include "base/fileset.h"
#include "registry/values.h"

#include <stdio.h>
#include <string.h>

/* Appends column c of the current row as its import text. */
static int put_value(hk_buf *b, sqlite3_stmt *st, int c, const struct hk_column *col, int chinese)
{
	char tmp[40];
	int type = sqlite3_column_type(st, c);
	const char *s;

	if (type == SQLITE_NULL)
		return 0;
	if (type == SQLITE_INTEGER) {
		long long v = sqlite3_column_int64(st, c);
		if (col->type == HK_COL_MONEY)
			return hk_buf_put(b, tmp, hk_values_money_format(tmp, v));
		if (col->type == HK_COL_BOOL && chinese && (v == 0 || v == 1))
			return hk_buf_puts(b, v ? "是" : "否");
		return hk_buf_printf(b, "%lld", v);
	}
	if (type == SQLITE_FLOAT)
		return hk_buf_put(b, tmp, hk_values_real_format(tmp, sqlite3_column_double(st, c)));
	s = (const char *)sqlite3_column_text(st, c);
	if (col->type == HK_COL_CODE && chinese) {
		const char *zh = hk_schema_code_zh(col, s);
		if (zh)
			return hk_buf_puts(b, zh);
	}
	return hk_csvw_field(b, s, (size_t)sqlite3_column_bytes(st, c));
}

int hk_export_table(hk_buf *out, long long *rows, sqlite3 *db, const struct hk_table *t, int chinese)
{
	hk_buf sql = HK_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int err = hk_buf_puts(&sql, "SELECT "), rc;

	*rows = 0;
	for (size_t c = 0; c < t->ncols && !err; c++) {
		err = hk_buf_printf(&sql, "%s%s", c ? ", " : "", t->cols[c].name);
		if (!err)
			err = hk_buf_printf(out, "%s%s", c ? "," : "", chinese ? t->cols[c].zh : t->cols[c].name);
	}
	if (!err)
		err = hk_buf_printf(&sql, " FROM %s ORDER BY rowid", t->name);
	if (!err)
		err = hk_buf_putc(out, '\n');
	if (err)
		goto done;
	if (sqlite3_prepare_v2(db, sql.ptr, -1, &st, NULL) != SQLITE_OK) {
		err = hk_error_setc(HK_EINTERNAL, "cannot read table %s: %s", t->name, sqlite3_errmsg(db));
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !err) {
		for (size_t c = 0; c < t->ncols && !err; c++) {
			if (c)
				err = hk_buf_putc(out, ',');
			if (!err)
				err = put_value(out, st, (int)c, &t->cols[c], chinese);
		}
		if (!err)
			err = hk_buf_putc(out, '\n');
		(*rows)++;
	}
	if (!err && rc != SQLITE_DONE)
		err = hk_error_setc(HK_EINTERNAL, "cannot read table %s: %s", t->name, sqlite3_errmsg(db));
done:
	sqlite3_finalize(st);
	hk_buf_free(&sql);
	return err;
}

int hk_export_dir(sqlite3 *db, const char *dir, const struct hk_export_opts *opts,
		  long long rows[HK_SCHEMA_NTABLES])
{
	hk_buf text = HK_BUF_INIT, enc = HK_BUF_INIT, path = HK_BUF_INIT;
	hk_fileset *set = NULL; /* every table's file, put in place together */
	int err = hk_fileset_dir(&set, dir);

	for (size_t i = 0; i < HK_SCHEMA_NTABLES && !err; i++) {
		const struct hk_table *t = &hk_schema_tables[i];
		hk_buf_clear(&text);
		hk_buf_clear(&enc);
		hk_buf_clear(&path);
		err = hk_export_table(&text, &rows[i], db, t, opts->chinese);
		/* a BOM so that Excel reads UTF-8 (GB18030 is what Chinese Excel
		 * reads without one) */
		if (!err && opts->encoding != HK_ENC_GB18030 && !opts->no_bom)
			err = hk_buf_puts(&enc, HK_CSVW_BOM);
		if (!err)
			err = hk_encoding_encode(&enc, text.ptr, text.len, opts->encoding);
		if (err == HK_EINPUT)
			hk_error_prefix("table %s", t->name);
		if (!err)
			err = hk_buf_printf(&path, "%s/%s.csv", dir, t->name);
		if (!err)
			err = hk_fileset_add(&set, path.ptr, enc.ptr, enc.len);
	}
	if (err)
		hk_fileset_abort(set);
	else
		err = hk_fileset_commit(set);
	hk_buf_free(&text);
	hk_buf_free(&enc);
	hk_buf_free(&path);
	return err;
}
