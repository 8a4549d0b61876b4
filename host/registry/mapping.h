/*
 * mapping.h - a county's own names mapped to the contract's (huikan import
 * --map FILE): column names, code values and table (sheet or file) names.
 *
 * The file is CSV (UTF-8 or GB18030, as any import file), header
 * kind,table,from,to, one mapping a row:
 *
 *   column,households,贫困户编号,id          a header name of that table ('*': any table)
 *   code,households.status,脱贫户,exited     a value of a coded column
 *   table,*,建档立卡户花名册,households        a sheet or file name
 *
 * `to` is the contract's English or Chinese name (code: the English code or
 * the Chinese term). Header names are matched after normalization
 * (header.h), codes exactly.
 */
#ifndef HK_MAPPING_H
#define HK_MAPPING_H

#include <stddef.h>
#include <sqlite3.h>

#include "registry/schema.h"

typedef struct hk_mapping hk_mapping;

/* Reads the mapping file `path`. Returns 0; HK_EINPUT when it cannot be read
 * or a row is wrong (hk_error_last() names the file, line and what is
 * wrong); HK_EINTERNAL. */
int hk_mapping_load(hk_mapping **out, const char *path);

/* The column of table t that the (normalized) header name `norm` maps to,
 * or -1. */
int hk_mapping_column(const hk_mapping *m, const struct hk_table *t, const char *norm);

/* The English code that the value s (len bytes) of column `col` of table t
 * maps to, or NULL. */
const char *hk_mapping_code(const hk_mapping *m, const struct hk_table *t, const struct hk_column *col,
			    const char *s, size_t len);

/* The table that a sheet or file named `name` maps to, or NULL. */
const char *hk_mapping_table(const hk_mapping *m, const char *name);

/* Records the mapping in the db's table import_mappings (kind, table_name,
 * from_name, to_name, file; created when missing; a row already there is
 * not doubled). Returns 0 or HK_EINTERNAL. */
int hk_mapping_record(const hk_mapping *m, sqlite3 *db);

/* NULL-safe. */
void hk_mapping_free(hk_mapping *m);

#endif
