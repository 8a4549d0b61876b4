/* test_buf.c - the byte buffer (base/buf.h) and array growth (base/array.h):
 * sizes near SIZE_MAX never wrap, loop or write past the end; a failed
 * append is sticky (later appends do nothing, one check at the end sees it);
 * real allocation failures (a request the allocator refuses) are reported. */
#include "test.h"
#include "base/array.h"
#include "base/buf.h"
#include "base/error.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* Let the sanitizer's allocator return NULL for a huge request, as malloc
 * does, instead of stopping the program: that is the failure under test. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* Growth that loops forever is a failure too: stop after a few seconds. */
static void on_alarm(int sig)
{
	static const char msg[] = "not ok - a buffer operation did not return (endless growth loop)\n";
	(void)sig;
	(void)!write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	_exit(1);
}

static void test_append_and_detach(void)
{
	hk_buf b = HK_BUF_INIT;
	char *s;
	CHECK_EQ_INT(hk_buf_puts(&b, "abc"), 0);
	CHECK_EQ_INT(hk_buf_putc(&b, '-'), 0);
	CHECK_EQ_INT(hk_buf_printf(&b, "%d", 42), 0);
	for (int i = 0; i < 1000; i++)
		hk_buf_putc(&b, 'x');
	CHECK_EQ_INT(b.len, 1006);
	CHECK_EQ_INT(hk_buf_error(&b), 0);
	CHECK(b.cap > b.len);
	CHECK(strncmp(b.ptr, "abc-42xxx", 9) == 0);
	s = hk_buf_detach(&b);
	CHECK(s && strlen(s) == 1006);
	CHECK(b.ptr == NULL && b.len == 0);
	free(s);
	s = hk_buf_detach(&b); /* nothing put: an empty string */
	CHECK(s && *s == '\0');
	free(s);
}

/* len + n would wrap around SIZE_MAX: refused, nothing written. */
static void test_wrapping_size_is_refused(void)
{
	hk_buf b = HK_BUF_INIT;
	hk_buf_puts(&b, "0123456789");
	CHECK_EQ_INT(hk_buf_put(&b, "x", SIZE_MAX - 5), HK_EINTERNAL);
	CHECK_EQ_INT(b.len, 10);
	CHECK_EQ_STR(b.ptr, "0123456789");
	CHECK_EQ_INT(hk_buf_grow(&b, SIZE_MAX), HK_EINTERNAL);
	CHECK_EQ_INT(hk_buf_grow(&b, SIZE_MAX - 10), HK_EINTERNAL);
	CHECK(strstr(hk_error_last(), "out of memory") != NULL);
	hk_buf_free(&b);
}

/* A need above SIZE_MAX / 2 once made the doubling reach 0 and loop. */
static void test_huge_request_fails_cleanly(void)
{
	hk_buf b = HK_BUF_INIT;
	hk_buf_puts(&b, "keep");
	alarm(10);
	CHECK_EQ_INT(hk_buf_grow(&b, SIZE_MAX / 2 + 10), HK_EINTERNAL);
	CHECK_EQ_INT(hk_buf_grow(&b, SIZE_MAX - 100), HK_EINTERNAL);
	alarm(0);
	CHECK_EQ_STR(b.ptr, "keep");
	hk_buf_free(&b);
	/* an allocation the allocator refuses (no overflow involved) */
	alarm(10);
	CHECK_EQ_INT(hk_buf_grow(&b, SIZE_MAX / 4), HK_EINTERNAL);
	alarm(0);
	CHECK(b.ptr == NULL && b.len == 0);
	CHECK(hk_buf_error(&b) != 0);
	hk_buf_free(&b);
}

/* After a failed append every later append does nothing and reports the
 * failure; one check at the end sees it; the text is never a cut one with
 * later pieces glued on. */
static void test_errors_are_sticky(void)
{
	hk_buf b = HK_BUF_INIT;
	char *s;
	hk_buf_puts(&b, "head,");
	hk_buf_put(&b, "lost", SIZE_MAX - 2); /* fails */
	CHECK_EQ_INT(hk_buf_puts(&b, "tail"), HK_EINTERNAL);
	CHECK_EQ_INT(hk_buf_putc(&b, '!'), HK_EINTERNAL);
	CHECK_EQ_INT(hk_buf_printf(&b, "%s", "more"), HK_EINTERNAL);
	CHECK_EQ_INT(hk_buf_grow(&b, 1), HK_EINTERNAL);
	CHECK_EQ_STR(b.ptr, "head,");
	CHECK_EQ_INT(hk_buf_error(&b), HK_EINTERNAL);
	hk_buf_clear(&b); /* clearing keeps the failure */
	CHECK_EQ_INT(hk_buf_puts(&b, "x"), HK_EINTERNAL);
	CHECK_EQ_INT(hk_buf_error(&b), HK_EINTERNAL);
	s = hk_buf_detach(&b); /* a failed buffer hands out nothing */
	CHECK(s == NULL);
	CHECK(b.ptr == NULL);
	/* freed: usable again */
	CHECK_EQ_INT(hk_buf_error(&b), 0);
	CHECK_EQ_INT(hk_buf_puts(&b, "again"), 0);
	CHECK_EQ_STR(b.ptr, "again");
	hk_buf_free(&b);
	hk_buf_free(NULL);
}

static void test_array_grow(void)
{
	long *v = NULL;
	size_t cap = 0;
	CHECK_EQ_INT(HK_ARRAY_GROW(v, cap, 1), 0);
	CHECK(v != NULL && cap >= 1);
	for (size_t n = 0; n < 1000; n++) {
		CHECK_EQ_INT(HK_ARRAY_GROW(v, cap, n + 1), 0);
		v[n] = (long)n;
	}
	CHECK(cap >= 1000 && cap < 4000);
	CHECK_EQ_INT(v[999], 999);
	/* no shrinking, no change when big enough */
	{
		long *was = v;
		size_t c = cap;
		CHECK_EQ_INT(HK_ARRAY_GROW(v, cap, 10), 0);
		CHECK(v == was && cap == c);
	}
	free(v);
}

/* need * elem beyond SIZE_MAX: refused, the array and its capacity unchanged. */
static void test_array_grow_overflow(void)
{
	double *v = NULL;
	size_t cap = 0;
	CHECK_EQ_INT(HK_ARRAY_GROW(v, cap, 8), 0);
	v[7] = 1.5;
	{
		double *was = v;
		size_t c = cap;
		CHECK_EQ_INT(HK_ARRAY_GROW(v, cap, SIZE_MAX / sizeof(*v) + 2), HK_EINTERNAL);
		CHECK(v == was && cap == c);
		CHECK_EQ_INT(HK_ARRAY_GROW(v, cap, SIZE_MAX), HK_EINTERNAL);
		CHECK(v == was && cap == c);
		alarm(10);
		CHECK_EQ_INT(HK_ARRAY_GROW(v, cap, SIZE_MAX / sizeof(*v) / 2), HK_EINTERNAL); /* refused by malloc */
		alarm(0);
		CHECK(v == was && cap == c);
		CHECK(v[7] == 1.5);
	}
	free(v);
}

int main(void)
{
	signal(SIGALRM, on_alarm);
	RUN(test_append_and_detach);
	RUN(test_wrapping_size_is_refused);
	RUN(test_huge_request_fails_cleanly);
	RUN(test_errors_are_sticky);
	RUN(test_array_grow);
	RUN(test_array_grow_overflow);
	return TEST_DONE();
}
