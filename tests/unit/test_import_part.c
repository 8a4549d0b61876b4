/* test_import_part.c - an import split over processes: the plan that shares
 * the tables out, the child that loads a part file (a child that dies is a
 * failed share, its file goes), and a split bulk load that gives the rows,
 * rowids and indexes of a load by one process. */
#include "registry/import.h"
#include "registry/import_part.h"
#include "registry/schema.h"
#include "test.h"

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Longest first to the least loaded; a worker with nothing is not used. */
static void test_plan(void)
{
	long long bytes[6] = {0, 10, 8, 6, 5, 0};
	int w[6];

	CHECK_EQ_INT(hk_import_plan(w, bytes, 6, 2), 2);
	CHECK_EQ_INT(w[1], 0);
	CHECK_EQ_INT(w[2], 1);
	CHECK_EQ_INT(w[3], 1);
	CHECK_EQ_INT(w[4], 0);
	CHECK_EQ_INT(w[0], 0);
	CHECK_EQ_INT(w[5], 0);
	CHECK_EQ_INT(hk_import_plan(w, bytes, 6, 1), 1);
	CHECK_EQ_INT(w[2] + w[3], 0);
	CHECK_EQ_INT(hk_import_plan(w, bytes, 6, 8), 4); /* four tables, four workers */
	{
		long long one[3] = {0, 7, 0};
		CHECK_EQ_INT(hk_import_plan(w, one, 3, 4), 1);
		CHECK_EQ_INT(w[1], 0);
	}
}

/* Files in `dir` whose name contains `part`. */
static int count_parts(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)) != NULL)
		n += strstr(e->d_name, ".part") != NULL;
	if (d)
		closedir(d);
	return n;
}

static int dies(sqlite3 *db, void *arg, int worker, struct hk_import_part_result *res)
{
	(void)db, (void)arg, (void)worker, (void)res;
	raise(SIGKILL);
	return 0;
}

static int loads(sqlite3 *db, void *arg, int worker, struct hk_import_part_result *res)
{
	(void)arg;
	res->rows[3] = worker;
	res->total = 42;
	return sqlite3_exec(db, "INSERT INTO households (id, village_code, size, status, registered_year) "
				"VALUES ('H1', '450922100001', 1, 'poor', 2016)",
			    NULL, NULL, NULL) == SQLITE_OK
		       ? 0
		       : -1;
}

static int says(sqlite3 *db, void *arg, int worker, struct hk_import_part_result *res)
{
	(void)db, (void)arg, (void)worker;
	res->said = 1;
	return 0;
}

static void test_part(void)
{
	char dir[] = "/tmp/hk_part_XXXXXX", path[64];
	struct hk_import_part_result r;
	hk_import_part *p = NULL;
	sqlite3 *db = NULL;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/r.db", dir);
	/* a child that loads: its rows are in the part file, the counts come back */
	CHECK_EQ_INT(hk_import_part_start(&p, path, 3, loads, NULL), 0);
	CHECK_EQ_INT(count_parts(dir), 1);
	CHECK_EQ_INT(hk_import_part_wait(p, &r), 0);
	CHECK_EQ_INT(r.ok, 1);
	CHECK_EQ_INT(r.rows[3], 3);
	CHECK_EQ_INT(r.total, 42);
	CHECK_EQ_INT(sqlite3_open(hk_import_part_path(p), &db), SQLITE_OK);
	{
		sqlite3_stmt *st = NULL;
		CHECK_EQ_INT(sqlite3_prepare_v2(db,
						"SELECT (SELECT count(*) FROM households), (SELECT count(*) FROM "
						"sqlite_master WHERE type = 'index' AND name LIKE 'ix_%')",
						-1, &st, NULL),
			     SQLITE_OK);
		CHECK_EQ_INT(sqlite3_step(st), SQLITE_ROW);
		CHECK_EQ_INT(sqlite3_column_int(st, 0), 1);
		CHECK(sqlite3_column_int(st, 1) > 10); /* the indexes made after the rows */
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	hk_import_part_free(p);
	CHECK_EQ_INT(count_parts(dir), 0);
	/* a child that dies: not ok, and its file goes */
	CHECK_EQ_INT(hk_import_part_start(&p, path, 1, dies, NULL), 0);
	CHECK_EQ_INT(hk_import_part_wait(p, &r), 0);
	CHECK_EQ_INT(r.ok, 0);
	hk_import_part_free(p);
	CHECK_EQ_INT(count_parts(dir), 0);
	/* a child with something to say: not ok either (the parent says it) */
	CHECK_EQ_INT(hk_import_part_start(&p, path, 1, says, NULL), 0);
	CHECK_EQ_INT(hk_import_part_wait(p, &r), 0);
	CHECK_EQ_INT(r.ok, 0);
	hk_import_part_free(p);
	hk_import_part_free(NULL);
	CHECK_EQ_INT(count_parts(dir), 0);
	CHECK_EQ_INT(rmdir(dir), 0);
}

/* Every table's rows in rowid order, as one string (malloc'd). */
static char *content(sqlite3 *db)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++) {
		char sql[128];
		sqlite3_stmt *st = NULL;
		snprintf(sql, sizeof(sql), "SELECT rowid, * FROM %s ORDER BY rowid", hk_schema_tables[i].name);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
			fprintf(f, "%s: error\n", hk_schema_tables[i].name);
			continue;
		}
		fprintf(f, "%s\n", hk_schema_tables[i].name);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++)
				fprintf(f, "%s|", sqlite3_column_text(st, c) ? (const char *)sqlite3_column_text(st, c)
									     : "NULL");
			fputc('\n', f);
		}
		sqlite3_finalize(st);
	}
	fclose(f);
	return out;
}

static sqlite3 *open_bulk(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_open(path, &db);
	sqlite3_exec(db, HK_IMPORT_BULK_PRAGMAS, NULL, NULL, NULL);
	return db;
}

/* A split bulk load gives what one process gives: rows, rowids, schema. */
static void test_split_load(void)
{
	char dir[] = "/tmp/hk_split_XXXXXX", one_path[64], two_path[64];
	const char *paths[] = {TEST_PATH("tests/fixtures/small")};
	struct hk_import_opts o = {0};
	struct hk_import_stats s1, s2;
	sqlite3 *one, *two;
	char *c1, *c2;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(one_path, sizeof(one_path), "%s/one.db", dir);
	snprintf(two_path, sizeof(two_path), "%s/two.db", dir);
	one = open_bulk(one_path);
	two = open_bulk(two_path);
	o.bulk = 1;
	o.jobs = 1;
	CHECK_EQ_INT(hk_import_paths(one, paths, 1, &o, &s1), 0);
	o.jobs = 3;
	o.path = two_path;
	CHECK_EQ_INT(hk_import_paths(two, paths, 1, &o, &s2), 0);
	CHECK_EQ_INT(s2.total, s1.total);
	CHECK_EQ_INT(s2.files, s1.files);
	CHECK_EQ_MEM(s2.rows, sizeof(s2.rows), s1.rows, sizeof(s1.rows));
	c1 = content(one);
	c2 = content(two);
	CHECK_EQ_STR(c2, c1);
	free(c1);
	free(c2);
	{
		sqlite3_stmt *a = NULL, *b = NULL;
		const char *sql = "SELECT group_concat(name || ':' || coalesce(sql, ''), ';') FROM (SELECT * FROM "
				  "sqlite_master ORDER BY name)";
		sqlite3_prepare_v2(one, sql, -1, &a, NULL);
		sqlite3_prepare_v2(two, sql, -1, &b, NULL);
		CHECK_EQ_INT(sqlite3_step(a), SQLITE_ROW);
		CHECK_EQ_INT(sqlite3_step(b), SQLITE_ROW);
		CHECK_EQ_STR((const char *)sqlite3_column_text(b, 0), (const char *)sqlite3_column_text(a, 0));
		sqlite3_finalize(a);
		sqlite3_finalize(b);
		sqlite3_prepare_v2(two, "PRAGMA integrity_check", -1, &b, NULL);
		CHECK_EQ_INT(sqlite3_step(b), SQLITE_ROW);
		CHECK_EQ_STR((const char *)sqlite3_column_text(b, 0), "ok");
		sqlite3_finalize(b);
	}
	CHECK_EQ_INT(count_parts(dir), 0);
	sqlite3_close(one);
	sqlite3_close(two);
	unlink(one_path);
	unlink(two_path);
	CHECK_EQ_INT(rmdir(dir), 0);
}

int main(void)
{
	RUN(test_plan);
	RUN(test_part);
	RUN(test_split_load);
	return TEST_DONE();
}
