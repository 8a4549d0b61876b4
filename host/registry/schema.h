/*
 * schema.h - the table of tables: every table and column of docs/registry.md
 * (English name, Chinese name, storage type, required flag, code vocabulary,
 * primary key) and the SQLite DDL and indexes built from it.
 *
 * Storage (fixed; rules rely on it): table and column names are the English
 * names of the contract; dates TEXT 'YYYY-MM-DD'; money INTEGER fen; booleans
 * INTEGER 0/1; coded columns TEXT holding the English code; integers INTEGER;
 * reals REAL; everything else TEXT exactly as given; NULL for an empty field.
 */
#ifndef HK_SCHEMA_H
#define HK_SCHEMA_H

#include <stddef.h>
#include <sqlite3.h>

#define HK_SCHEMA_VERSION "1"

/* Number of registry tables (hk_schema_tables[]); huikan_meta not counted. */
#define HK_SCHEMA_NTABLES 18

enum hk_col_type {
	HK_COL_TEXT,  /* TEXT as given */
	HK_COL_INT,   /* INTEGER */
	HK_COL_REAL,  /* REAL */
	HK_COL_MONEY, /* INTEGER fen; CSV: yuan with at most 2 decimals */
	HK_COL_DATE,  /* TEXT 'YYYY-MM-DD' */
	HK_COL_BOOL,  /* INTEGER 0/1; CSV: 1/0, 是/否, true/false */
	HK_COL_CODE   /* TEXT English code; CSV: English code or Chinese term */
};

/* One term of a code vocabulary. Lists end with {NULL, NULL}. */
struct hk_code {
	const char *en;
	const char *zh;
};

struct hk_column {
	const char *name; /* English name = SQLite column name */
	const char *zh;   /* Chinese header name (contract name or an added alias) */
	enum hk_col_type type;
	int required;
	const struct hk_code *codes; /* HK_COL_CODE only, else NULL */
};

struct hk_table {
	const char *name; /* English name = SQLite table name = CSV file stem */
	const char *zh;
	const struct hk_column *cols;
	size_t ncols;
	const char *const *pk; /* primary key column names, NULL-terminated; NULL = none */
};

/* The registry tables in contract order (HK_SCHEMA_NTABLES of them). */
extern const struct hk_table hk_schema_tables[HK_SCHEMA_NTABLES];

/* The table named `name` (English), or NULL. */
const struct hk_table *hk_schema_table(const char *name);

/* Index of `t` in hk_schema_tables. */
size_t hk_schema_table_index(const struct hk_table *t);

/* Index of the column whose English or Chinese name is the `len` bytes at
 * `name`, or -1. */
int hk_schema_column_find(const struct hk_table *t, const char *name, size_t len);

/* Index of the column named `name` (English, NUL-terminated), or -1. */
int hk_schema_column_index(const struct hk_table *t, const char *name);

/* The English code of `col` matching the `len` bytes at `s` (English code or
 * Chinese term), or NULL when the value is not in the vocabulary. */
const char *hk_schema_code_lookup(const struct hk_column *col, const char *s, size_t len);

/* The Chinese term of the English code `en` of `col`, or NULL. */
const char *hk_schema_code_zh(const struct hk_column *col, const char *en);

/* The i-th index the registry creates, as "table(col, ...)" (named
 * ix_table_col_...), or NULL when i is past the last. */
const char *hk_schema_index_def(size_t i);

/* Creates every table, index and the huikan_meta table (key, value) with
 * schema_version, all IF NOT EXISTS: idempotent. Returns 0, or HK_EINTERNAL
 * with the SQLite message in hk_error_last(). */
int hk_schema_create(sqlite3 *db);

/* As hk_schema_create without the secondary indexes (ix_...; the primary
 * keys are part of the tables): a bulk load fills the tables first, then
 * hk_schema_create adds the indexes, each built in one sorted pass. */
int hk_schema_create_tables(sqlite3 *db);

/* Checks that db (opened from `path`, which messages name) is a huikan
 * registry this huikan reads: a huikan_meta table whose schema_version is
 * HK_SCHEMA_VERSION, and every table and column of the contract. Returns 0,
 * or HK_EINPUT with one message saying what the db is (not a registry, a
 * newer or older schema version, a table or column missing) and how to make
 * a registry (huikan import). Reads only. */
int hk_schema_check(sqlite3 *db, const char *path);

/* As hk_schema_check, but a db that holds no table at all (a new, empty
 * file) passes too: what an import may write into. */
int hk_schema_check_target(sqlite3 *db, const char *path);

#endif
