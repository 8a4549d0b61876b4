/*
 * test_registry_ro.c - the read-only registry connection: what it prepares
 * and what it refuses, and that the file stays unchanged.
 */
#include "base/error.h"
#include "registry/registry_ro.h"
#include "test.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static char path[64];

static int prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int err = hk_registry_ro_prepare(db, sql, strlen(sql), &st);
	sqlite3_finalize(st);
	return err;
}

static void make_db(void)
{
	sqlite3 *db;
	int fd;
	snprintf(path, sizeof(path), "/tmp/huikan-test-ro-XXXXXX");
	fd = mkstemp(path);
	close(fd);
	sqlite3_open(path, &db);
	sqlite3_exec(db, "CREATE TABLE households(id TEXT PRIMARY KEY, size INTEGER);"
			 "INSERT INTO households VALUES ('H1', 2), ('H2', 3);", NULL, NULL, NULL);
	sqlite3_close(db);
}

static void test_reads(void)
{
	sqlite3 *db = NULL;
	CHECK_EQ_INT(hk_registry_ro_open(&db, path), 0);
	CHECK_EQ_INT(prep(db, "SELECT id, size FROM households WHERE size > ?"), 0);
	CHECK_EQ_INT(prep(db, "  -- a comment\n WITH x AS (SELECT 1 AS n) SELECT n FROM x"), 0);
	CHECK_EQ_INT(prep(db, "/* c */ VALUES (1), (2)"), 0);
	CHECK_EQ_INT(prep(db, "PRAGMA table_info(households)"), 0);
	CHECK_EQ_INT(prep(db, "SELECT count(*) FROM households; "), 0);
	CHECK_EQ_INT(prep(db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5) SELECT x FROM c"), 0);
	sqlite3_close(db);
}

static void test_refusals(void)
{
	sqlite3 *db = NULL;
	CHECK_EQ_INT(hk_registry_ro_open(&db, path), 0);
	CHECK_EQ_INT(prep(db, "DELETE FROM households"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "only SELECT") != NULL);
	CHECK_EQ_INT(prep(db, "WITH x AS (SELECT 1) INSERT INTO households(id) SELECT 'H9' FROM x"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "INSERT is not allowed") != NULL);
	CHECK_EQ_INT(prep(db, "SELECT 1; DROP TABLE households"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "one SQL statement per call") != NULL);
	CHECK_EQ_INT(prep(db, "PRAGMA query_only = 0"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "PRAGMA query_only = 0 is not allowed") != NULL);
	CHECK_EQ_INT(prep(db, "PRAGMA writable_schema = 1"), HK_EINPUT);
	CHECK_EQ_INT(prep(db, "SELECT load_extension('x')"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "load_extension() is not allowed") != NULL);
	CHECK_EQ_INT(prep(db, "ATTACH '/tmp/x.db' AS x"), HK_EINPUT);
	CHECK_EQ_INT(prep(db, "VACUUM INTO '/tmp/huikan-test-vacuum.db'"), HK_EINPUT);
	CHECK_EQ_INT(prep(db, "SELECT * FROM nosuch"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "no such table: nosuch") != NULL);
	CHECK_EQ_INT(prep(db, ""), HK_EINPUT);
	sqlite3_close(db);
	CHECK(access("/tmp/huikan-test-vacuum.db", F_OK) != 0);
}

/* Table-valued functions read: json_each, json_tree, pragma_table_info(...)
 * are allowed (they used to be refused as "UPDATE is not allowed"); writes
 * and state-changing pragmas stay refused. */
static void test_table_valued_functions(void)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	const char *sql = "SELECT count(*) FROM pragma_table_info('households')";

	CHECK_EQ_INT(hk_registry_ro_open(&db, path), 0);
	CHECK_EQ_INT(prep(db, "SELECT value FROM json_each('[1,2,3]')"), 0);
	CHECK_EQ_INT(prep(db, "SELECT key FROM json_tree('{\"a\":[1]}')"), 0);
	CHECK_EQ_INT(prep(db, "SELECT h.id, j.value FROM households h, json_each('[1]') j"), 0);
	CHECK_EQ_INT(hk_registry_ro_prepare(db, sql, strlen(sql), &st), 0);
	CHECK(st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 2);
	sqlite3_finalize(st);
	CHECK_EQ_INT(prep(db, "SELECT * FROM pragma_index_list('households')"), 0);
	CHECK_EQ_INT(prep(db, "WITH x AS (SELECT 1) UPDATE sqlite_master SET sql = '' WHERE 0"), HK_EINPUT);
	CHECK_EQ_INT(prep(db, "WITH x AS (SELECT 1) UPDATE households SET size = 0"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "UPDATE of households is not allowed") != NULL);
	CHECK_EQ_INT(prep(db, "PRAGMA user_version = 3"), HK_EINPUT);
	sqlite3_close(db);
}

static void test_open_errors(void)
{
	sqlite3 *db = NULL;
	CHECK_EQ_INT(hk_registry_ro_open(&db, "/nonexistent/r.db"), HK_ENOTFOUND);
	CHECK(strstr(hk_error_last(), "/nonexistent/r.db: no such registry db") != NULL);
	CHECK(db == NULL);
	CHECK_EQ_INT(hk_registry_ro_open(&db, "/tmp"), HK_EINPUT);
}

/* Whether a SQLite writer could take the lock it needs to change the file
 * at p (a write lock on the SHARED range): 1 when it could, 0 when a reader
 * holds part of the range. */
static int writable(const char *p)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0x40000002, .l_len = 510};
	int fd = open(p, O_RDWR), r;
	if (fd < 0)
		return -1;
	r = fcntl(fd, F_OFD_GETLK, &fl) == 0 ? fl.l_type == F_UNLCK : -1;
	close(fd);
	return r;
}

/* The registry mapped (the engine's children share it): same answers, the
 * same refusals, a reader's lock on the file while it is open, and it reads
 * the map even after the file's name went; a file over the cap is read from
 * disk. */
static void test_image(void)
{
	struct hk_registry_image img, none;
	sqlite3 *db = NULL, *db2 = NULL;
	sqlite3_stmt *st = NULL;
	char copy[80];
	FILE *in, *out;
	int c;

	snprintf(copy, sizeof(copy), "%s-copy", path);
	in = fopen(path, "rb");
	out = fopen(copy, "wb");
	while (in && out && (c = getc(in)) != EOF)
		putc(c, out);
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	CHECK_EQ_INT(hk_registry_ro_open_image(&db, &img, copy, (size_t)1 << 30), 0);
	CHECK(img.map != NULL);
	CHECK(img.size > 0 && img.mapped >= img.size);
	CHECK_EQ_INT(writable(copy), 0);
	CHECK_EQ_INT(writable(path), 1);
	unlink(copy); /* the copy in memory is what it reads */
	CHECK_EQ_INT(hk_registry_ro_prepare(db, "SELECT sum(size) FROM households", 32, &st), 0);
	CHECK_EQ_INT(sqlite3_step(st), SQLITE_ROW);
	CHECK_EQ_INT(sqlite3_column_int(st, 0), 5);
	sqlite3_finalize(st);
	CHECK_EQ_INT(prep(db, "INSERT INTO households VALUES ('H3', 1)"), HK_EINPUT);
	CHECK_EQ_INT(prep(db, "ATTACH 'x.db' AS x"), HK_EINPUT);
	CHECK_EQ_INT(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL) != SQLITE_OK, 1);
	sqlite3_close(db);
	hk_registry_image_free(&img);
	CHECK(img.map == NULL);
	CHECK_EQ_INT(img.fd, -1);
	hk_registry_image_free(NULL);
	/* over the cap: from disk, nothing in memory */
	CHECK_EQ_INT(hk_registry_ro_open_image(&db2, &none, path, 16), 0);
	CHECK(none.map == NULL);
	CHECK_EQ_INT(prep(db2, "SELECT id FROM households"), 0);
	sqlite3_close(db2);
	hk_registry_image_free(&none);
	/* the lock goes with the image */
	CHECK_EQ_INT(hk_registry_ro_open_image(&db2, &none, path, (size_t)1 << 30), 0);
	CHECK_EQ_INT(writable(path), 0);
	sqlite3_close(db2);
	hk_registry_image_free(&none);
	CHECK_EQ_INT(writable(path), 1);
	/* not a database: the same error as from disk */
	CHECK_EQ_INT(hk_registry_ro_open_image(&db2, &none, TEST_PATH("Makefile"), (size_t)1 << 30), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "not a registry db") != NULL);
	CHECK(none.map == NULL);
}

int main(void)
{
	make_db();
	RUN(test_reads);
	RUN(test_refusals);
	RUN(test_table_valued_functions);
	RUN(test_open_errors);
	RUN(test_image);
	unlink(path);
	return TEST_DONE();
}
