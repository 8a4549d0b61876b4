/* test_error.c - the error convention: codes and messages, prefixes, exit
 * codes, and the out-of-memory exit of hk_x* (exit 3 with a message, no abort). */
#include "test.h"
#include "base/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_set_and_prefix(void)
{
	CHECK_EQ_INT(hk_error_setc(HK_EINPUT, "bad value '%s'", "x"), HK_EINPUT);
	hk_error_prefix("%s:%d", "a.csv", 3);
	CHECK_EQ_STR(hk_error_last(), "a.csv:3: bad value 'x'");
	CHECK_EQ_INT(hk_error_set("generic"), HK_ERROR);
	hk_error_clear();
	CHECK_EQ_STR(hk_error_last(), "");
	CHECK_EQ_INT(hk_error_exit_code(HK_EINPUT), HK_EXIT_USAGE);
	CHECK_EQ_INT(hk_error_exit_code(HK_EINTERNAL), HK_EXIT_INTERNAL);
}

/* A message may quote the last one (hk_error_prefix is the idiom, but a set
 * whose argument is hk_error_last() must not read what it is writing). */
static void test_set_quotes_last(void)
{
	hk_error_set("no such file: %s", "a.csv");
	hk_error_setc(HK_EINPUT, "case 3: %s", hk_error_last());
	CHECK_EQ_STR(hk_error_last(), "case 3: no such file: a.csv");
}

static void test_x_alloc(void)
{
	char *s = hk_xstrdup(NULL), *t = hk_xstrdup("abc");
	int *v = hk_xcalloc(0, sizeof(int));
	CHECK_EQ_STR(s, "");
	CHECK_EQ_STR(t, "abc");
	v = hk_xrealloc(v, 1000, sizeof(int));
	v[999] = 7;
	CHECK_EQ_INT(v[999], 7);
	free(s);
	free(t);
	free(v);
}

/* A request that cannot be met ends the process with exit 3 and one line. */
static void test_oom_exits_3(void)
{
	int fd[2], status = 0;
	char msg[128] = "";
	ssize_t n;
	pid_t pid;
	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		CHECK(!"pipe/fork");
		return;
	}
	if (pid == 0) {
		dup2(fd[1], 2);
		close(fd[0]);
		hk_xrealloc(NULL, SIZE_MAX / 2, 4); /* overflows size_t */
		_exit(0);
	}
	close(fd[1]);
	n = read(fd[0], msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status));
	CHECK_EQ_INT(WEXITSTATUS(status), HK_EXIT_INTERNAL);
	CHECK_EQ_STR(msg, "huikan: out of memory\n");
}

int main(void)
{
	RUN(test_set_and_prefix);
	RUN(test_set_quotes_last);
	RUN(test_x_alloc);
	RUN(test_oom_exits_3);
	return TEST_DONE();
}
