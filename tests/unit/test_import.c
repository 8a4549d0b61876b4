/* test_import.c - the import engine on in-memory dbs: typed storage, Chinese
 * headers and codes, all-or-nothing, duplicates, error limits, fixture paths,
 * and the export round trip. */
#include "base/error.h"
#include "registry/export.h"
#include "registry/import.h"
#include "registry/schema.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static sqlite3 *open_db(void)
{
	sqlite3 *db = NULL;
	sqlite3_open(":memory:", &db);
	return db;
}

/* The first column of the first row of `sql` as a string (static buffer). */
static const char *q(sqlite3 *db, const char *sql)
{
	static char out[512];
	sqlite3_stmt *st = NULL;
	strcpy(out, "(error)");
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(out, sizeof(out), "%s",
				 sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "(null)");
		else
			strcpy(out, "(no row)");
	}
	sqlite3_finalize(st);
	return out;
}

/* Imports `csv` into `table` with errors captured in *errs (free it). */
static int imp(sqlite3 *db, const char *table, const char *csv, char **errs, int max_errors)
{
	size_t n = 0;
	FILE *f = open_memstream(errs, &n);
	struct hk_import_opts o = {0};
	int rc;
	o.errors = f;
	o.max_errors = max_errors;
	rc = hk_import_csv_buffer(db, table, "mem.csv", csv, strlen(csv), &o);
	fclose(f);
	return rc;
}

/* --keep-going: the valid rows in, each error of a rejected row in
 * import_rejects with its location, column, value, reason and raw values;
 * file errors still stop the import. */
static void test_keep_going(void)
{
	sqlite3 *db = open_db();
	size_t n = 0;
	char *e = NULL;
	FILE *f = open_memstream(&e, &n);
	struct hk_import_opts o = {0};
	const char *csv = "id_number,household_id,name,relation,sex,birth_date\n"
			  "450921198003151234,H1,甲,head,M,1980-03-15\n"
			  "450921198205201228,H1,乙,spouse,Q,1982-02-30\n"
			  "4.50921E+17,H2,丙,head,F,\n"
			  "450921200406060024,H2,丁,child\n"
			  "450921198003151234,H1,甲,head,M,1980-03-15\n";
	o.errors = f;
	o.keep_going = 1;
	CHECK_EQ_INT(hk_import_csv_buffer(db, "members", "mem.csv", csv, strlen(csv), &o), 0);
	fclose(f);
	CHECK_EQ_STR(q(db, "SELECT group_concat(name) FROM members"), "甲");
	CHECK_EQ_STR(q(db, "SELECT group_concat(location || '|' || coalesce(column_name, '-') || '|' || coalesce(value, '-') "
			   "|| '|' || reason, ' ') FROM import_rejects"),
		     "mem.csv:3:5|sex|Q|unknown-code mem.csv:3:6|birth_date|1982-02-30|no-such-date "
		     "mem.csv:4:1|id_number|4.50921E+17|excel-digits-lost mem.csv:5|-|-|field-count "
		     "mem.csv:6:2|household_id|H1|duplicate-key");
	CHECK_EQ_STR(q(db, "SELECT raw FROM import_rejects WHERE reason = 'excel-digits-lost'"),
		     "{\"id_number\":\"4.50921E+17\",\"household_id\":\"H2\",\"name\":\"丙\",\"relation\":\"head\","
		     "\"sex\":\"F\",\"birth_date\":\"\"}");
	CHECK(strstr(e, "mem.csv:3:6: column birth_date: no such date: '1982-02-30'\n"));
	free(e);
	/* a file error (a missing required column) is not a row's: nothing kept */
	e = NULL;
	f = open_memstream(&e, &n);
	o.errors = f;
	CHECK_EQ_INT(hk_import_csv_buffer(db, "deaths", "d.csv", "id_number\nA\n", 11, &o), HK_EINPUT);
	fclose(f);
	CHECK_EQ_STR(hk_error_last(), "1 error; nothing imported");
	free(e);
	sqlite3_close(db);
}

static void test_typed_storage(void)
{
	sqlite3 *db = open_db();
	char *e = NULL;
	CHECK_EQ_INT(imp(db, "households",
			 "id,village_code,size,status,registered_year,income_per_capita,housing_area,water_safe\n"
			 "H1,450921102201,3,poor,2016,1234.5,80.25,是\n",
			 &e, 0), 0);
	CHECK_EQ_STR(e, "");
	CHECK_EQ_STR(q(db, "SELECT income_per_capita || ':' || typeof(income_per_capita) FROM households"), "123450:integer");
	CHECK_EQ_STR(q(db, "SELECT typeof(size) || typeof(housing_area) || water_safe FROM households"), "integerreal1");
	CHECK_EQ_STR(q(db, "SELECT type IS NULL FROM households"), "1");
	free(e);
	sqlite3_close(db);
}

static void test_chinese_header_and_codes(void)
{
	sqlite3 *db = open_db();
	char *e = NULL;
	CHECK_EQ_INT(imp(db, "members",
			 "身份证号,户编号,姓名,与户主关系,性别,出生日期\n"
			 "450921198003151234,H1,李建国,户主,男,1980/3/15\n",
			 &e, 0), 0);
	CHECK_EQ_STR(q(db, "SELECT relation || sex || birth_date FROM members"), "headM1980-03-15");
	free(e);
	sqlite3_close(db);
}

static void test_all_or_nothing(void)
{
	sqlite3 *db = open_db();
	char *e = NULL;
	CHECK_EQ_INT(imp(db, "deaths", "id_number,death_date\nA,2020-01-01\nB,2020-02-30\nC,2020-03-01\n", &e, 0),
		     HK_EINPUT);
	CHECK_EQ_STR(e, "mem.csv:3:2: column death_date: no such date: '2020-02-30'\n");
	CHECK_EQ_STR(hk_error_last(), "1 error; nothing imported (--keep-going imports the valid rows and keeps each rejected row in table import_rejects)");
	CHECK_EQ_STR(q(db, "SELECT count(*) FROM sqlite_master WHERE name='deaths'"), "0"); /* schema too */
	free(e);
	sqlite3_close(db);
}

static void test_inside_outer_transaction(void)
{
	sqlite3 *db = open_db();
	char *e = NULL;
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	CHECK_EQ_INT(imp(db, "deaths", "id_number,death_date\nA,2020-01-01\n", &e, 0), 0);
	free(e);
	CHECK_EQ_INT(imp(db, "deaths", "id_number,death_date\nB,bad\n", &e, 0), HK_EINPUT);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	CHECK_EQ_STR(q(db, "SELECT group_concat(id_number) FROM deaths"), "A");
	free(e);
	sqlite3_close(db);
}

static void test_duplicates(void)
{
	sqlite3 *db = open_db();
	char *e = NULL;
	const char *csv = "household_id,year,measures\nH1,2019,x\n";
	CHECK_EQ_INT(imp(db, "plans", csv, &e, 0), 0);
	free(e);
	CHECK_EQ_INT(imp(db, "plans", csv, &e, 0), HK_EINPUT);
	CHECK(strstr(e, "mem.csv:2:1: columns household_id, year: duplicate primary key 'H1', '2019': already in the db") != NULL);
	free(e);
	/* rosters have no key: the same row twice is fine */
	CHECK_EQ_INT(imp(db, "deaths", "id_number,death_date\nA,2020-01-01\nA,2020-01-01\n", &e, 0), 0);
	CHECK_EQ_STR(q(db, "SELECT count(*) FROM deaths"), "2");
	free(e);
	sqlite3_close(db);
}

static void test_max_errors(void)
{
	sqlite3 *db = open_db();
	char *e = NULL;
	CHECK_EQ_INT(imp(db, "deaths", "id_number,death_date\nA,x\nB,y\nC,z\n", &e, 1), HK_EINPUT);
	CHECK_EQ_STR(e, "mem.csv:2:2: column death_date: not a date (YYYY-MM-DD, YYYY/M/D or YYYYMMDD): 'x'\n"
			"... and 2 more errors\n");
	CHECK_EQ_STR(hk_error_last(), "3 errors; nothing imported (--keep-going imports the valid rows and keeps each rejected row in table import_rejects)");
	free(e);
	sqlite3_close(db);
}

static void test_paths_fixture(void)
{
	sqlite3 *db = open_db();
	const char *paths[] = {TEST_PATH("tests/fixtures/small")};
	struct hk_import_stats st;
	struct hk_import_opts o = {0};
	CHECK_EQ_INT(hk_import_paths(db, paths, 1, &o, &st), 0);
	CHECK_EQ_INT(st.files, 18);
	CHECK_EQ_INT(st.rows[hk_schema_table_index(hk_schema_table("households"))], 4);
	CHECK_EQ_INT(st.rows[hk_schema_table_index(hk_schema_table("members"))], 7);
	CHECK_EQ_INT(st.total, 47);
	CHECK_EQ_INT(st.errors, 0);
	CHECK_EQ_INT(hk_schema_create(db), 0); /* idempotent */
	sqlite3_close(db);
}

/* A bulk load (a fresh db): tables first without the secondary indexes,
 * which come after the rows; the same rows, the same schema as row by row;
 * an error still keeps nothing. */
static void test_bulk(void)
{
	sqlite3 *db = open_db(), *ref = open_db();
	const char *paths[] = {TEST_PATH("tests/fixtures/small")};
	struct hk_import_stats st;
	struct hk_import_opts o = {0}, bulk = {0};
	char *errs = NULL;
	size_t n = 0;
	FILE *f;

	CHECK_EQ_INT(hk_schema_create_tables(db), 0);
	CHECK_EQ_STR(q(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'"), "0");
	CHECK_EQ_STR(q(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'members'"), "1");
	sqlite3_close(db);
	db = open_db();
	bulk.bulk = 1;
	CHECK_EQ_INT(hk_import_paths(db, paths, 1, &bulk, &st), 0);
	CHECK_EQ_INT(st.total, 47);
	CHECK_EQ_INT(hk_import_paths(ref, paths, 1, &o, &st), 0);
	CHECK_EQ_STR(q(db, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master ORDER BY name)"),
		     q(ref, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master ORDER BY name)"));
	CHECK(atoi(q(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'")) > 10);
	CHECK_EQ_STR(q(db, "SELECT group_concat(id_number) FROM (SELECT id_number FROM members ORDER BY rowid)"),
		     q(ref, "SELECT group_concat(id_number) FROM (SELECT id_number FROM members ORDER BY rowid)"));
	CHECK_EQ_STR(q(db, "PRAGMA integrity_check"), "ok");
	sqlite3_close(db);
	sqlite3_close(ref);
	/* an error: no row, no index made */
	db = open_db();
	f = open_memstream(&errs, &n);
	bulk.errors = f;
	{
		const char *bad = "id,village_code,size,status,registered_year\nH1,450922100001,x,poor,2016\n";
		CHECK_EQ_INT(hk_import_csv_buffer(db, "households", "bad.csv", bad, strlen(bad), &bulk) < 0, 1);
	}
	fclose(f);
	free(errs);
	CHECK_EQ_STR(q(db, "SELECT count(*) FROM sqlite_master WHERE name = 'households'"), "0");
	sqlite3_close(db);
}

static void test_export_round_trip(void)
{
	sqlite3 *a = open_db(), *b = open_db();
	const char *paths[] = {TEST_PATH("tests/fixtures/small")};
	hk_buf t1 = HK_BUF_INIT, t2 = HK_BUF_INIT;
	long long rows = 0;
	char *e = NULL;
	CHECK_EQ_INT(hk_import_paths(a, paths, 1, NULL, NULL), 0);
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++) {
		const struct hk_table *t = &hk_schema_tables[i];
		hk_buf_clear(&t1);
		hk_buf_clear(&t2);
		CHECK_EQ_INT(hk_export_table(&t1, &rows, a, t, 1), 0);
		CHECK_EQ_INT(imp(b, t->name, t1.ptr, &e, 0), 0);
		free(e);
		e = NULL;
		CHECK_EQ_INT(hk_export_table(&t2, &rows, b, t, 1), 0);
		CHECK_EQ_STR(t1.ptr, t2.ptr);
	}
	CHECK(strstr(t1.ptr ? t1.ptr : "", "身份证号,工作单位") != NULL); /* last table: public_payroll */
	hk_buf_free(&t1);
	hk_buf_free(&t2);
	sqlite3_close(a);
	sqlite3_close(b);
}

static void test_schema_lookup(void)
{
	const struct hk_table *t = hk_schema_table("households");
	CHECK(t != NULL);
	CHECK_EQ_INT(hk_schema_column_index(t, "户状态"), hk_schema_column_index(t, "status"));
	CHECK_EQ_STR(hk_schema_code_lookup(&t->cols[hk_schema_column_index(t, "status")], "已脱贫", 9), "exited");
	CHECK(hk_schema_table("nope") == NULL);
	/* every column has a Chinese name, unique within its table */
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
		for (size_t c = 0; c < hk_schema_tables[i].ncols; c++) {
			CHECK(hk_schema_tables[i].cols[c].zh && *hk_schema_tables[i].cols[c].zh);
			CHECK_EQ_INT(hk_schema_column_index(&hk_schema_tables[i], hk_schema_tables[i].cols[c].zh), (long long)c);
		}
}

int main(void)
{
	RUN(test_typed_storage);
	RUN(test_chinese_header_and_codes);
	RUN(test_all_or_nothing);
	RUN(test_inside_outer_transaction);
	RUN(test_duplicates);
	RUN(test_max_errors);
	RUN(test_paths_fixture);
	RUN(test_bulk);
	RUN(test_export_round_trip);
	RUN(test_schema_lookup);
	RUN(test_keep_going);
	return TEST_DONE();
}
