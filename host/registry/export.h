/*
 * export.h - writing a registry db back out as CSV files in the import format
 * (docs/registry.md), so that importing the export gives the same db.
 */
#ifndef HK_EXPORT_H
#define HK_EXPORT_H

#include <sqlite3.h>

#include "base/buf.h"
#include "registry/encoding.h"
#include "registry/schema.h"

struct hk_export_opts {
	int chinese;              /* Chinese headers, Chinese code terms, 是/否 */
	enum hk_encoding encoding; /* HK_ENC_UTF8 (also for AUTO) or HK_ENC_GB18030 */
	int no_bom;                /* UTF-8 without the byte order mark */
};

/* Appends table `t` of `db` as UTF-8 CSV text (header row, then every row in
 * rowid order; LF line ends; money as yuan with minimal decimals; NULL as an
 * empty field; text that a spreadsheet would run as a formula behind an
 * apostrophe, which the importer removes: base/csvw.h) to `out`; *rows gets
 * the row count. Returns 0 or HK_EINTERNAL
 * (hk_error_last names the table and the SQLite message). */
int hk_export_table(hk_buf *out, long long *rows, sqlite3 *db, const struct hk_table *t, int chinese);

/* Writes every registry table as DIR/<table>.csv (DIR is created when missing;
 * UTF-8 files start with a BOM unless opts->no_bom; files go in place with
 * base/file.h);
 * rows[i] gets the row count of hk_schema_tables[i]. Returns 0, HK_EINPUT
 * when DIR or a file cannot be written, HK_EINTERNAL on a SQLite failure. */
int hk_export_dir(sqlite3 *db, const char *dir, const struct hk_export_opts *opts,
		  long long rows[HK_SCHEMA_NTABLES]);

#endif
