/*
 * test.h - the minimal unit-test harness of huikan's C tests.
 *
 * A test file defines `static void test_x(void)` functions using CHECK/CHECK_EQ*
 * and a main() that calls RUN(test_x) for each, then returns TEST_DONE(). Every
 * test prints "ok - <name>" or "not ok - <name>: <file>:<line>: <what>"; the
 * runner (tests/run.sh) counts those lines.
 */
#ifndef HK_TEST_H
#define HK_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_total;
static int test_current_failed;
static char test_current_msg[2048];

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond) && !test_current_failed) {                               \
			test_current_failed = 1;                                     \
			snprintf(test_current_msg, sizeof(test_current_msg),         \
				 "%s:%d: %s", __FILE__, __LINE__, #cond);            \
		}                                                                    \
	} while (0)

#define CHECK_EQ_INT(a, b)                                                           \
	do {                                                                         \
		long long va_ = (long long)(a), vb_ = (long long)(b);                \
		if (va_ != vb_ && !test_current_failed) {                            \
			test_current_failed = 1;                                     \
			snprintf(test_current_msg, sizeof(test_current_msg),         \
				 "%s:%d: %s == %s (%lld != %lld)", __FILE__, __LINE__, \
				 #a, #b, va_, vb_);                                  \
		}                                                                    \
	} while (0)

#define CHECK_EQ_STR(a, b)                                                           \
	do {                                                                         \
		const char *sa_ = (a), *sb_ = (b);                                   \
		if ((!sa_ || !sb_ || strcmp(sa_, sb_) != 0) && !test_current_failed) { \
			test_current_failed = 1;                                     \
			snprintf(test_current_msg, sizeof(test_current_msg),         \
				 "%s:%d: %s == %s (\"%s\" != \"%s\")", __FILE__,     \
				 __LINE__, #a, #b, sa_ ? sa_ : "(null)",             \
				 sb_ ? sb_ : "(null)");                              \
		}                                                                    \
	} while (0)

#define RUN(fn)                                                                      \
	do {                                                                         \
		test_current_failed = 0;                                             \
		test_current_msg[0] = '\0';                                          \
		fn();                                                                \
		if (test_current_failed) {                                           \
			test_failed_total++;                                         \
			printf("not ok - %s: %s\n", #fn, test_current_msg);          \
		} else {                                                             \
			printf("ok - %s\n", #fn);                                    \
		}                                                                    \
		fflush(stdout);                                                      \
	} while (0)

#define TEST_DONE() (test_failed_total ? 1 : 0)

#endif
