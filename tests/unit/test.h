/*
 * test.h - the minimal unit-test harness of huikan's C tests.
 *
 * A test file defines `static void test_x(void)` functions using CHECK/CHECK_EQ*
 * and a main() that calls RUN(test_x) for each, then returns TEST_DONE(). Every
 * test prints "ok - <name>" or "not ok - <name>: <file>:<line>: <check>" for its
 * first failed check, followed by "#   " lines that show what was expected and
 * what came (as git's test_cmp does); the runner (tests/run.sh) counts the
 * ok/not ok lines and shows the "# " ones.
 *
 * The CHECK_EQ_* macros take the actual value first and the expected one
 * second: CHECK_EQ_STR(hk_error_last(), "3 errors; nothing imported").
 * Strings that differ are shown whole when short, else around the first
 * difference, which is named by byte offset, line and column; buffers
 * (CHECK_EQ_MEM) the same, by offset.
 *
 * Tests run from any working directory (tests/run.sh runs them from a scratch
 * one): files of the source tree are named with TEST_PATH("tests/..."), from
 * the source directory the Makefile compiles in (-DHK_SRCDIR).
 */
#ifndef HK_TEST_H
#define HK_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifndef HK_SRCDIR
#error "compile unit tests with -DHK_SRCDIR='\"<source dir>\"' (the Makefile does)"
#endif
/* A path in the source tree, whatever the working directory. */
#define TEST_PATH(rel) HK_SRCDIR "/" rel

static int test_failed_total;
static int test_current_failed;
static char test_current_msg[8192];

/* Records a failure of the current test: only the first one is described,
 * later ones are counted. Returns 1 when the caller should describe it. */
static inline int test_fail(const char *file, int line, const char *what)
{
	if (test_current_failed++)
		return 0;
	snprintf(test_current_msg, sizeof(test_current_msg), "%s:%d: %s", file, line, what);
	return 1;
}

/* Appends printf-style text to the failure message. */
__attribute__((format(printf, 1, 2))) static inline void test_say(const char *fmt, ...);
static inline void test_say(const char *fmt, ...)
{
	size_t len = strlen(test_current_msg);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(test_current_msg + len, sizeof(test_current_msg) - len, fmt, ap);
	va_end(ap);
}

#define TEST_SHOW_MAX 160 /* bytes of a value shown in full; longer ones around the difference */
#define TEST_SHOW_BEFORE 40

/* Appends p[from..to) as a C string literal body: \n, \t, \r, \", \\ and other
 * control bytes escaped; bytes >= 0x80 (UTF-8 text) as they are. */
static inline void test_say_escaped(const unsigned char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		unsigned char c = p[i];
		if (c == '\n')
			test_say("\\n");
		else if (c == '\t')
			test_say("\\t");
		else if (c == '\r')
			test_say("\\r");
		else if (c == '"' || c == '\\')
			test_say("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			test_say("\\x%02x", c);
		else
			test_say("%c", c);
	}
}

/* Appends "#   <label>: "<value>"", the part of p[0..n) around offset at when
 * the value is long. */
static inline void test_say_value(const char *label, const unsigned char *p, size_t n, size_t at)
{
	size_t from = 0, to = n;
	if (n > TEST_SHOW_MAX) {
		from = at > TEST_SHOW_BEFORE ? at - TEST_SHOW_BEFORE : 0;
		to = from + TEST_SHOW_MAX < n ? from + TEST_SHOW_MAX : n;
	}
	test_say("\n#   %s: %s\"", label, from ? "..." : "");
	test_say_escaped(p, from, to);
	test_say("\"%s", to < n ? "..." : "");
	if (n > TEST_SHOW_MAX)
		test_say(" (%zu bytes, bytes %zu..%zu shown)", n, from, to);
}

/* Describes two byte strings that differ: both values and where they part. */
static inline void test_say_diff(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
	size_t at = 0, line = 1, col = 1;
	while (at < alen && at < blen && a[at] == b[at]) {
		if (a[at] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		at++;
	}
	test_say_value("expected", b, blen, at);
	test_say_value("actual  ", a, alen, at);
	if (at == alen || at == blen)
		test_say("\n#   the %s is longer: they agree on the first %zu bytes (%zu against %zu)",
			 at == alen ? "expected value" : "actual value", at, blen, alen);
	else
		test_say("\n#   first difference at byte %zu (line %zu, column %zu): expected 0x%02x, actual 0x%02x", at,
			 line, col, b[at], a[at]);
}

static inline void test_eq_int(const char *file, int line, const char *ea, const char *eb, long long a, long long b)
{
	char what[512];
	if (a == b)
		return;
	snprintf(what, sizeof(what), "CHECK_EQ_INT(%s, %s)", ea, eb);
	if (test_fail(file, line, what))
		test_say("\n#   expected: %lld\n#   actual  : %lld", b, a);
}

static inline void test_eq_str(const char *file, int line, const char *ea, const char *eb, const char *a, const char *b)
{
	char what[512];
	if (a && b && strcmp(a, b) == 0)
		return;
	snprintf(what, sizeof(what), "CHECK_EQ_STR(%s, %s)", ea, eb);
	if (!test_fail(file, line, what))
		return;
	if (!a || !b) {
		if (b)
			test_say_value("expected", (const unsigned char *)b, strlen(b), 0);
		else
			test_say("\n#   expected: NULL");
		if (a)
			test_say_value("actual  ", (const unsigned char *)a, strlen(a), 0);
		else
			test_say("\n#   actual  : NULL");
		return;
	}
	test_say_diff((const unsigned char *)a, strlen(a), (const unsigned char *)b, strlen(b));
}

static inline void test_eq_mem(const char *file, int line, const char *ea, const char *eb, const void *a, size_t alen,
			const void *b, size_t blen)
{
	char what[512];
	if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return;
	snprintf(what, sizeof(what), "CHECK_EQ_MEM(%s, %s)", ea, eb);
	if (test_fail(file, line, what))
		test_say_diff(a, alen, b, blen);
}

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond))                                                         \
			test_fail(__FILE__, __LINE__, "CHECK(" #cond ")");           \
	} while (0)

/* CHECK_EQ_INT(actual, expected): integers (compared as long long). */
#define CHECK_EQ_INT(a, b) test_eq_int(__FILE__, __LINE__, #a, #b, (long long)(a), (long long)(b))

/* CHECK_EQ_STR(actual, expected): NUL-terminated strings; NULL equals nothing. */
#define CHECK_EQ_STR(a, b) test_eq_str(__FILE__, __LINE__, #a, #b, (a), (b))

/* CHECK_EQ_MEM(actual, actual_len, expected, expected_len): byte buffers. */
#define CHECK_EQ_MEM(a, alen, b, blen) test_eq_mem(__FILE__, __LINE__, #a, #b, (a), (alen), (b), (blen))

#define RUN(fn)                                                                      \
	do {                                                                         \
		test_current_failed = 0;                                             \
		test_current_msg[0] = '\0';                                          \
		fn();                                                                \
		if (test_current_failed) {                                           \
			test_failed_total++;                                         \
			printf("not ok - %s: %s\n", #fn, test_current_msg);          \
			if (test_current_failed > 1)                                 \
				printf("#   (and %d more failed check%s in %s)\n", \
				       test_current_failed - 1,                      \
				       test_current_failed > 2 ? "s" : "", #fn);     \
		} else {                                                             \
			printf("ok - %s\n", #fn);                                    \
		}                                                                    \
		fflush(stdout);                                                      \
	} while (0)

#define TEST_DONE() (test_failed_total ? 1 : 0)

#endif
