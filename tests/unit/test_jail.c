/*
 * test_jail.c - the second wall (jail.h, child.h, wire.h): a child that has
 * locked itself in cannot open a file, start a program or make a socket even
 * when it calls the C library directly (as code that got past the Lua
 * sandbox would); forbidden calls kill it; the parent kills a child past its
 * time; the records it sends are read back and garbage is told apart.
 */
#include "base/buf.h"
#include "base/error.h"
#include "engine/child.h"
#include "engine/jail.h"
#include "engine/wire.h"
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct hk_child_opts opts = {.timeout = 2.0, .memory = 256u << 20, .cpu = 3, .max_output = 1u << 20};

/* Writes errno of each attempt as one 'R' record of 4 u64 fields: open,
 * openat, socket, execve (0 when it succeeded). */
static int try_escape(void *arg, int fd)
{
	struct hk_wire w = {fd, HK_BUF_INIT, 0};
	hk_buf p = HK_BUF_INIT;
	int r[4];
	char *argv[] = {"/bin/true", NULL};

	(void)arg;
	errno = 0;
	r[0] = open("/etc/passwd", O_RDONLY) < 0 ? errno : 0;
	errno = 0;
	r[1] = openat(AT_FDCWD, "/tmp/huikan-jail-test-created", O_WRONLY | O_CREAT, 0600) < 0 ? errno : 0;
	errno = 0;
	r[2] = socket(AF_INET, SOCK_STREAM, 0) < 0 ? errno : 0;
	errno = 0;
	execve("/bin/true", argv, NULL);
	r[3] = errno;
	for (int i = 0; i < 4; i++)
		hk_wire_field_u64(&p, (uint64_t)r[i]);
	hk_wire_put(&w, 'R', p.ptr, p.len);
	hk_wire_flush(&w);
	hk_buf_free(&p);
	hk_wire_free(&w);
	return 0;
}

static void test_no_file_no_exec_no_socket(void)
{
	struct hk_child c;
	struct hk_wire_rec rec;
	size_t pos = 0, fp = 0;
	char why[300];

	unlink("/tmp/huikan-jail-test-created");
	CHECK_EQ_INT(hk_child_run(&c, &opts, try_escape, NULL), 0);
	CHECK(hk_child_fate(&c, &opts, why, sizeof(why)) == NULL);
	CHECK_EQ_INT(hk_wire_next(&rec, c.out.ptr, c.out.len, &pos, 1024), 1);
	CHECK_EQ_INT(rec.tag, 'R');
	for (int i = 0; i < 4; i++) {
		uint64_t e = 0;
		CHECK_EQ_INT(hk_wire_get_u64(&e, rec.p, rec.n, &fp), 1);
		CHECK_EQ_INT((int)e, EPERM);
	}
	CHECK(access("/tmp/huikan-jail-test-created", F_OK) != 0);
	hk_child_clear(&c);
}

/* The same calls made directly in a forked child after hk_jail_lock: no
 * child.h in between. */
static void test_lock_direct(void)
{
	int st = 0;
	pid_t pid = fork();

	if (pid == 0) {
		int fd;
		if (hk_jail_limits(64u << 20, 2) != 0 || hk_jail_lock(2) != 0)
			_exit(10);
		fd = open("/etc/hostname", O_RDONLY);
		_exit(fd < 0 && errno == EPERM ? 0 : 11);
	}
	CHECK(pid > 0);
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st));
	CHECK_EQ_INT(WEXITSTATUS(st), 0);
}

static int do_fork(void *arg, int fd)
{
	(void)arg;
	(void)fd;
	fork(); /* clone is not allowed: SIGSYS */
	return 0;
}

static int do_ptrace_like(void *arg, int fd)
{
	(void)arg;
	(void)fd;
	kill(getppid(), SIGTERM); /* kill is not allowed: SIGSYS, and the parent lives */
	return 0;
}

static void test_forbidden_calls_kill(void)
{
	struct hk_child c;
	char why[300];
	const char *f;

	CHECK_EQ_INT(hk_child_run(&c, &opts, do_fork, NULL), 0);
	CHECK(WIFSIGNALED(c.status) && WTERMSIG(c.status) == SIGSYS);
	f = hk_child_fate(&c, &opts, why, sizeof(why));
	CHECK(f && strstr(f, "SIGSYS"));
	hk_child_clear(&c);
	CHECK_EQ_INT(hk_child_run(&c, &opts, do_ptrace_like, NULL), 0);
	CHECK(WIFSIGNALED(c.status) && WTERMSIG(c.status) == SIGSYS);
	hk_child_clear(&c);
}

static int spin(void *arg, int fd)
{
	volatile unsigned long n = 0;
	(void)arg;
	(void)fd;
	for (;;)
		n++;
	return 0;
}

/* Sends one 'N' record: how many descriptors from 3 to 1023 other than its
 * pipe the child has open (fstat, which the filter allows, tells). */
static int count_fds(void *arg, int fd)
{
	struct hk_wire w = {fd, HK_BUF_INIT, 0};
	hk_buf p = HK_BUF_INIT;
	uint64_t n = 0;
	struct stat st;

	(void)arg;
	for (int i = 3; i < 1024; i++)
		if (i != fd && fstat(i, &st) == 0)
			n++;
	hk_wire_field_u64(&p, n);
	hk_wire_put(&w, 'N', p.ptr, p.len);
	hk_wire_flush(&w);
	hk_buf_free(&p);
	hk_wire_free(&w);
	return 0;
}

static uint64_t fds_in_child(const struct hk_child_opts *o)
{
	struct hk_child c;
	struct hk_wire_rec rec;
	size_t pos = 0, fp = 0;
	uint64_t n = 999;

	CHECK_EQ_INT(hk_child_run(&c, o, count_fds, NULL), 0);
	CHECK_EQ_INT(hk_wire_next(&rec, c.out.ptr, c.out.len, &pos, 1024), 1);
	CHECK_EQ_INT(rec.tag, 'N');
	CHECK_EQ_INT(hk_wire_get_u64(&n, rec.p, rec.n, &fp), 1);
	hk_child_clear(&c);
	return n;
}

/* The child keeps no descriptor of the parent's but its pipe, and those of
 * the keep file when there is one (the registry when SQLite reads it). */
static void test_descriptors_closed(void)
{
	struct hk_child_opts o = opts;
	struct stat st;
	int f1 = open("/etc/hostname", O_RDONLY | O_CLOEXEC), f2 = dup(f1), other = open("/dev/null", O_RDONLY);

	CHECK(f1 >= 0 && f2 >= 0 && other >= 0);
	CHECK_EQ_INT((int)fds_in_child(&o), 0);
	CHECK_EQ_INT(fstat(f1, &st), 0);
	o.keep_dev = st.st_dev;
	o.keep_ino = st.st_ino;
	CHECK_EQ_INT((int)fds_in_child(&o), 2);
	close(f1);
	close(f2);
	close(other);
}

static void test_wall_clock_kill(void)
{
	struct hk_child_opts o = opts;
	struct hk_child c;
	char why[300];
	const char *f;

	o.timeout = 0.3;
	CHECK_EQ_INT(hk_child_run(&c, &o, spin, NULL), 0);
	CHECK(c.timed_out);
	f = hk_child_fate(&c, &o, why, sizeof(why));
	CHECK(f && strstr(f, "time budget exceeded (0.3 s wall clock)"));
	hk_child_clear(&c);
}

static int flood(void *arg, int fd)
{
	static char buf[65536];
	(void)arg;
	for (;;)
		if (write(fd, buf, sizeof(buf)) < 0)
			return 1;
}

static void test_output_bound(void)
{
	struct hk_child c;
	char why[300];

	CHECK_EQ_INT(hk_child_run(&c, &opts, flood, NULL), 0);
	CHECK(c.overflow);
	CHECK(c.out.len <= opts.max_output);
	CHECK(hk_child_fate(&c, &opts, why, sizeof(why)) != NULL);
	hk_child_clear(&c);
}

static void test_wire_garbage(void)
{
	struct hk_wire_rec r;
	size_t pos = 0;
	const char *s;
	size_t n, fp = 0;

	/* a record: 'F', length 9, one field of 5 bytes */
	CHECK_EQ_INT(hk_wire_next(&r, "F\x09\0\0\0\x05\0\0\0hello", 14, &pos, 100), 1);
	CHECK_EQ_INT(hk_wire_get(&s, &n, r.p, r.n, &fp), 1);
	CHECK_EQ_INT((int)n, 5);
	CHECK_EQ_INT(hk_wire_get(&s, &n, r.p, r.n, &fp), 0);
	CHECK_EQ_INT(hk_wire_next(&r, "F\x09\0\0\0\x05\0\0\0hello", 14, &pos, 100), 0);
	/* truncated, oversized, field past its payload */
	pos = 0;
	CHECK_EQ_INT(hk_wire_next(&r, "F\x09\0\0\0\x05\0\0\0hel", 12, &pos, 100), -1);
	pos = 0;
	CHECK_EQ_INT(hk_wire_next(&r, "F\x09\0\0\0\x05\0\0\0hello", 14, &pos, 8), -1);
	pos = 0;
	fp = 0;
	CHECK_EQ_INT(hk_wire_next(&r, "F\x05\0\0\0\x09\0\0\0h", 10, &pos, 100), 1);
	CHECK_EQ_INT(hk_wire_get(&s, &n, r.p, r.n, &fp), -1);
	pos = 0;
	CHECK_EQ_INT(hk_wire_next(&r, "F\x01", 2, &pos, 100), -1);
}

int main(void)
{
	RUN(test_no_file_no_exec_no_socket);
	RUN(test_lock_direct);
	RUN(test_forbidden_calls_kill);
	RUN(test_descriptors_closed);
	RUN(test_wall_clock_kill);
	RUN(test_output_bound);
	RUN(test_wire_garbage);
	return TEST_DONE();
}
