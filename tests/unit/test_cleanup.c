/* test_cleanup.c - files removed when the process is interrupted: a
 * registered file goes on SIGTERM and the process still dies of it; a
 * dropped one stays; a forked child that forgot the names removes nothing;
 * a signal ignored before stays ignored. */
#include "base/cleanup.h"
#include "test.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/hk_cleanup_XXXXXX";

static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0)
		close(fd);
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Runs `fn` in a child; returns its wait status. */
static int in_child(void (*fn)(void))
{
	int status = 0;
	pid_t pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static char a[64], b[64], c[64];

static void registers_and_dies(void)
{
	touch(a);
	touch(b);
	hk_cleanup_add(a);
	hk_cleanup_add(b);
	hk_cleanup_drop(b); /* b is kept, as a committed file */
	raise(SIGTERM);
	_exit(3); /* not reached */
}

static void test_removed_on_signal(void)
{
	int st = in_child(registers_and_dies);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ_INT(WTERMSIG(st), SIGTERM);
	CHECK_EQ_INT(exists(a), 0);
	CHECK_EQ_INT(exists(b), 1);
	unlink(b);
}

static void forgets_and_dies(void)
{
	hk_cleanup_child(getppid());
	CHECK_EQ_INT(hk_cleanup_count(), 0);
	raise(SIGHUP);
	_exit(3);
}

/* A child forked after the parent registered c: dying, it leaves c alone. */
static void test_child_forgets(void)
{
	int st;
	touch(c);
	CHECK_EQ_INT(hk_cleanup_add(c), 0);
	CHECK_EQ_INT(hk_cleanup_count(), 1);
	st = in_child(forgets_and_dies);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ_INT(WTERMSIG(st), SIGHUP);
	CHECK_EQ_INT(exists(c), 1);
	hk_cleanup_drop(c);
	CHECK_EQ_INT(hk_cleanup_count(), 0);
	unlink(c);
}

/* Page faults of this process so far. */
static long faults(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt + ru.ru_majflt;
}

/* A child of a process with a name registered forgets every slot by touching
 * few pages: it is forked for every rule, and each page it writes is a copy
 * of the parent's (it wrote one page per slot before: 64 faults). */
static void test_child_forgets_cheaply(void)
{
	int st = 0;
	pid_t pid;

	touch(c);
	CHECK_EQ_INT(hk_cleanup_add(c), 0);
	CHECK_EQ_INT(hk_cleanup_count(), 1); /* the states read once: mapped */
	pid = fork();
	if (pid == 0) {
		long before;
		getppid();
		before = faults();
		hk_cleanup_child(getppid());
		_exit((int)(faults() - before > 250 ? 250 : faults() - before));
	}
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st));
	if (WEXITSTATUS(st) >= 16)
		fprintf(stderr, "hk_cleanup_child: %d page faults\n", WEXITSTATUS(st));
	CHECK(WEXITSTATUS(st) < 16);
	hk_cleanup_drop(c);
	unlink(c);
}

/* Dead: gone, or a zombie nobody reaped yet. */
static int dead(pid_t pid)
{
	char path[64], buf[512];
	FILE *f;
	const char *st;
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if (!(f = fopen(path, "r")))
		return 1;
	buf[0] = '\0';
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	st = strrchr(buf, ')');
	return st && st[1] == ' ' && (st[2] == 'Z' || st[2] == 'X');
}

/* A worker (a child of a child) ends when its parent ends. */
static void test_ends_with_parent(void)
{
	int pp[2], status;
	pid_t mid, worker = 0;

	CHECK_EQ_INT(pipe(pp), 0);
	mid = fork();
	if (mid == 0) {
		pid_t me = getpid(), w = fork();
		if (w == 0) {
			hk_cleanup_child(me);
			sleep(20);
			_exit(0);
		}
		if (write(pp[1], &w, sizeof(w)) != (ssize_t)sizeof(w))
			_exit(2);
		_exit(0); /* the worker's parent ends */
	}
	close(pp[1]);
	CHECK_EQ_INT(read(pp[0], &worker, sizeof(worker)), (int)sizeof(worker));
	close(pp[0]);
	waitpid(mid, &status, 0);
	for (int i = 0; i < 200 && worker > 0 && !dead(worker); i++)
		usleep(10000);
	CHECK(worker > 0);
	CHECK_EQ_INT(dead(worker), 1);
}

static void ignored_stays_ignored(void)
{
	signal(SIGINT, SIG_IGN);
	touch(a);
	hk_cleanup_add(a);
	raise(SIGINT); /* ignored: nothing happens */
	_exit(exists(a) ? 7 : 8);
}

static void test_ignored(void)
{
	int st = in_child(ignored_stays_ignored);
	CHECK(WIFEXITED(st));
	CHECK_EQ_INT(WEXITSTATUS(st), 7);
	unlink(a);
}

/* A device (a stand-in for /dev/null, made in the scratch directory) is
 * neither registered nor removed, whatever a caller asks. */
static void test_never_a_device(void)
{
	char dev[80];
	struct stat st;
	snprintf(dev, sizeof(dev), "%s/null", dir);
	if (mknod(dev, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		printf("# skip: mknod needs root\n");
		return;
	}
	CHECK_EQ_INT(hk_cleanup_add(dev), -1);
	hk_cleanup_remove(dev);
	CHECK(lstat(dev, &st) == 0 && S_ISCHR(st.st_mode));
	CHECK_EQ_INT(hk_cleanup_count(), 0);
	unlink(dev);
}

static void test_limits(void)
{
	char longp[5000];
	memset(longp, 'x', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	CHECK_EQ_INT(hk_cleanup_add(longp), -1);
	CHECK_EQ_INT(hk_cleanup_add(""), -1);
	hk_cleanup_drop(NULL);
	hk_cleanup_drop("/never/registered");
	CHECK_EQ_INT(hk_cleanup_count(), 0);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	snprintf(c, sizeof(c), "%s/c", dir);
	RUN(test_removed_on_signal);
	RUN(test_child_forgets);
	RUN(test_child_forgets_cheaply);
	RUN(test_ignored);
	RUN(test_ends_with_parent);
	RUN(test_never_a_device);
	RUN(test_limits);
	rmdir(dir);
	return TEST_DONE();
}
