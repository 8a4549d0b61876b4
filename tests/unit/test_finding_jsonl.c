/*
 * test_finding_jsonl.c - findings read from JSON lines (base/finding.c),
 * including files big enough to be parsed in two halves by two threads: the
 * findings keep the file's order, and a bad line is named by its line number
 * in the whole file, the first one when there are several.
 */
#include "base/error.h"
#include "base/finding.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N 12000 /* lines of about 150 bytes: 1.8 MB, over the split size */

static char path[64];

/* Writes N findings, line `bad1` and `bad2` (0: none) not JSON, an empty
 * line after line 10. */
static void write_file(int bad1, int bad2)
{
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	for (int i = 1; i <= N; i++) {
		if (i == bad1 || i == bad2)
			fprintf(f, "{\"rule\": \"r\", oops}\n");
		else
			fprintf(f,
				"{\"rule\":\"precision.r%d\",\"entity\":\"household:H%d\",\"category\":\"precision\","
				"\"severity\":\"high\",\"message\":\"a car of %d yuan\",\"evidence\":{\"price\":%d}}\n",
				i % 7, i, 30000 + i, i);
		if (i == 10)
			fputc('\n', f);
	}
	fclose(f);
}

static void test_order_kept(void)
{
	struct hk_finding *v = NULL;
	size_t n = 0;
	char entity[32];
	int ok = 1;
	write_file(0, 0);
	CHECK_EQ_INT(hk_finding_read_jsonl(&v, &n, path), 0);
	CHECK_EQ_INT(n, N);
	for (size_t i = 0; i < n && ok; i++) {
		snprintf(entity, sizeof(entity), "household:H%zu", i + 1);
		if (strcmp(v[i].entity, entity) != 0) {
			CHECK_EQ_STR(v[i].entity, entity);
			ok = 0;
		}
	}
	if (n == N) {
		CHECK_EQ_STR(v[N - 1].evidence_json, "{\"price\":12000}");
		char id[HK_FINDING_ID_LEN + 1];
		hk_finding_id(id, "precision.r2", "household:H12000");
		CHECK_EQ_STR(v[N - 1].id, id);
	}
	for (size_t i = 0; i < n; i++)
		hk_finding_clear(&v[i]);
	free(v);
}

/* the line numbers count the empty line after line 10 */
static void test_bad_line_named(void)
{
	struct hk_finding *v = NULL;
	size_t n = 0;
	char want[96];
	write_file(0, 11000); /* in the second half */
	CHECK(hk_finding_read_jsonl(&v, &n, path) == HK_EINPUT);
	CHECK(v == NULL && n == 0);
	snprintf(want, sizeof(want), "%s:11001:", path);
	CHECK(strstr(hk_error_last(), want) != NULL);
	write_file(500, 11000); /* the first of two */
	CHECK(hk_finding_read_jsonl(&v, &n, path) == HK_EINPUT);
	snprintf(want, sizeof(want), "%s:501:", path);
	CHECK(strstr(hk_error_last(), want) != NULL);
}

int main(void)
{
	snprintf(path, sizeof(path), "/tmp/hk_test_jsonl_%ld.jsonl", (long)getpid());
	RUN(test_order_kept);
	RUN(test_bad_line_named);
	unlink(path);
	return TEST_DONE();
}
