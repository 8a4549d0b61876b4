/*
 * test_fdio.c - whole reads and writes on a descriptor (fdio.h): a write
 * larger than a pipe holds arrives whole; a read stops at end of file with
 * what came; a write to a pipe nobody reads fails with EPIPE.
 */
#include "base/fdio.h"
#include "test.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG (1u << 20) /* more than a pipe's buffer: many short writes */

static void test_whole_through_a_pipe(void)
{
	int p[2];
	char *out = malloc(BIG), *in = malloc(BIG + 16);
	pid_t pid;
	int st = 0;

	CHECK(out && in && pipe(p) == 0);
	for (size_t i = 0; i < BIG; i++)
		out[i] = (char)(i * 7);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(hk_fdio_write_all(p[1], out, BIG) == 0 ? 0 : 1);
	}
	close(p[1]);
	CHECK_EQ_INT(hk_fdio_read_full(p[0], in, BIG + 16), BIG); /* end of file after BIG */
	CHECK(memcmp(in, out, BIG) == 0);
	close(p[0]);
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	free(out);
	free(in);
}

static void test_write_to_closed_pipe(void)
{
	int p[2];
	struct sigaction ign, old;

	CHECK_EQ_INT(pipe(p), 0);
	close(p[0]);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	errno = 0;
	CHECK_EQ_INT(hk_fdio_write_all(p[1], "x", 1), -1);
	CHECK_EQ_INT(errno, EPIPE);
	sigaction(SIGPIPE, &old, NULL);
	close(p[1]);
	CHECK_EQ_INT(hk_fdio_write_all(-1, "x", 0), 0); /* nothing to write */
}

int main(void)
{
	RUN(test_whole_through_a_pipe);
	RUN(test_write_to_closed_pipe);
	return TEST_DONE();
}
