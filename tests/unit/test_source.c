/*
 * test_source.c - reading rule and library files (source.h): the text and
 * its length come back whole, an empty file as "", a file over the limit
 * and a FIFO are refused. (That a file is read into a buffer of its own size,
 * not of the limit, shows in `make bench`, not here: under AddressSanitizer
 * the large buffers it used to take leave no mapping behind.)
 */
#include "engine/source.h"
#include "base/error.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/hk_source_XXXXXX";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_read_whole(void)
{
	char path[256], *text = NULL;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s/a.lua", dir);
	write_file(path, "return { id = \"a\" }\n");
	CHECK_EQ_INT(hk_source_read(&text, &len, path, dir), 0);
	CHECK(text && len == 20 && strcmp(text, "return { id = \"a\" }\n") == 0);
	free(text);
	snprintf(path, sizeof(path), "%s/empty.lua", dir);
	write_file(path, "");
	CHECK_EQ_INT(hk_source_read(&text, &len, path, dir), 0);
	CHECK(text && len == 0 && text[0] == '\0');
	free(text);
}

static void test_refused(void)
{
	char path[256], *text = NULL, *big;
	size_t len = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/big.lua", dir);
	big = malloc(HK_SOURCE_MAX + 2);
	CHECK(big != NULL);
	if (!big)
		return;
	memset(big, '-', HK_SOURCE_MAX + 1);
	big[HK_SOURCE_MAX + 1] = '\0';
	f = fopen(path, "w");
	if (f) {
		fputs(big, f);
		fclose(f);
	}
	free(big);
	CHECK_EQ_INT(hk_source_read(&text, &len, path, dir), HK_EINPUT);
	CHECK(text == NULL && strstr(hk_error_last(), "larger than"));
	unlink(path);
	snprintf(path, sizeof(path), "%s/fifo.lua", dir);
	CHECK_EQ_INT(mkfifo(path, 0600), 0);
	CHECK_EQ_INT(hk_source_read(&text, &len, path, dir), HK_EINPUT);
	CHECK(text == NULL && strstr(hk_error_last(), "not a regular file"));
	unlink(path);
}

int main(void)
{
	char path[256];

	if (!mkdtemp(dir))
		return 1;
	RUN(test_read_whole);
	RUN(test_refused);
	snprintf(path, sizeof(path), "%s/a.lua", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/empty.lua", dir);
	unlink(path);
	rmdir(dir);
	return TEST_DONE();
}
