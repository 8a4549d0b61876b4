/*
 * jail.c - resource limits and the seccomp filter of a child that runs pack
 * code (see jail.h for the list and why).
 */
#include "engine/jail.h"

#include <seccomp.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/resource.h>
#include <unistd.h>

/* Bytes of address space now (first field of /proc/self/statm), or 0.
 * Read with one read(2), not stdio: a child does this once, before any
 * rule code, and a FILE's buffer would cost it heap pages. */
static size_t vm_now(void)
{
	char buf[64];
	ssize_t n;
	int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return (size_t)strtoull(buf, NULL, 10) * (size_t)sysconf(_SC_PAGESIZE);
}

int hk_jail_limits(size_t memory, unsigned cpu_seconds)
{
	struct rlimit rl = {0, 0};

	if (setrlimit(RLIMIT_CORE, &rl) != 0)
		return -1;
	if (memory) {
		size_t base = vm_now();
		rl.rlim_cur = rl.rlim_max = base + memory;
		if (base && setrlimit(RLIMIT_AS, &rl) != 0)
			return -1;
	}
	if (cpu_seconds) {
		rl.rlim_cur = cpu_seconds;
		rl.rlim_max = cpu_seconds + 1;
		if (setrlimit(RLIMIT_CPU, &rl) != 0)
			return -1;
	}
	return 0;
}

/* Calls that fail with EPERM instead of killing: they name files or start
 * something; code that tries them gets an error it can report. */
static const int eperm_calls[] = {
	SCMP_SYS(open), SCMP_SYS(openat), SCMP_SYS(openat2), SCMP_SYS(creat), SCMP_SYS(stat),
	SCMP_SYS(lstat), SCMP_SYS(statx), SCMP_SYS(access), SCMP_SYS(faccessat), SCMP_SYS(faccessat2),
	SCMP_SYS(readlink), SCMP_SYS(readlinkat), SCMP_SYS(execve), SCMP_SYS(execveat),
	SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(connect), SCMP_SYS(mkdir), SCMP_SYS(mkdirat),
	SCMP_SYS(unlink), SCMP_SYS(unlinkat), SCMP_SYS(rename), SCMP_SYS(renameat), SCMP_SYS(renameat2),
	SCMP_SYS(link), SCMP_SYS(linkat), SCMP_SYS(symlink), SCMP_SYS(symlinkat), SCMP_SYS(truncate),
	SCMP_SYS(chmod), SCMP_SYS(fchmodat), SCMP_SYS(chown), SCMP_SYS(fchownat), SCMP_SYS(mknod),
	SCMP_SYS(mknodat), SCMP_SYS(getcwd), SCMP_SYS(chdir), SCMP_SYS(fchdir), SCMP_SYS(uname),
	SCMP_SYS(sysinfo), SCMP_SYS(prctl), SCMP_SYS(sched_getaffinity), SCMP_SYS(getrlimit),
	SCMP_SYS(ioctl), SCMP_SYS(fcntl), SCMP_SYS(pipe), SCMP_SYS(pipe2), SCMP_SYS(dup), SCMP_SYS(dup2),
	SCMP_SYS(dup3)};

/* Calls allowed whatever their arguments. */
static const int allowed_calls[] = {
	SCMP_SYS(read), SCMP_SYS(pread64), SCMP_SYS(readv), SCMP_SYS(preadv), SCMP_SYS(lseek),
	SCMP_SYS(fstat), SCMP_SYS(close), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(brk),
	SCMP_SYS(madvise), SCMP_SYS(futex), SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres),
	SCMP_SYS(gettimeofday), SCMP_SYS(time), SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(getrandom),
	SCMP_SYS(sched_yield), SCMP_SYS(rt_sigreturn), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction),
	SCMP_SYS(sigaltstack), SCMP_SYS(getrusage), SCMP_SYS(exit), SCMP_SYS(exit_group),
	SCMP_SYS(nanosleep), SCMP_SYS(clock_nanosleep), SCMP_SYS(restart_syscall)};

/* The filter for out_fd as BPF, compiled once per descriptor number in
 * the parent (compiling takes milliseconds; a child per rule should not). */
struct compiled {
	int fd;
	struct sock_filter *prog;
	unsigned short len;
};
static struct compiled cache[8];
static int ncache;

/* Builds the libseccomp filter for out_fd; NULL on failure (errno). */
static scmp_filter_ctx build(int out_fd)
{
	scmp_filter_ctx ctx;
	int err = 0;
	size_t i;

	/* KILL_PROCESS needs Linux 4.14; libseccomp refuses it on an older kernel
	 * or where it cannot ask the kernel (no seccomp at all): the child is
	 * single-threaded, so killing its thread ends it as well */
	if (!(ctx = seccomp_init(SCMP_ACT_KILL_PROCESS)) && !(ctx = seccomp_init(SCMP_ACT_KILL_THREAD)))
		return NULL;
	/* a binary tree of system call numbers, not a list: shorter to check
	 * for each call and for the kernel to prepare at each child's start */
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	for (i = 0; !err && i < sizeof(eperm_calls) / sizeof(eperm_calls[0]); i++)
		if (eperm_calls[i] >= 0) /* __NR_SCMP_ERROR: unknown on this arch */
			err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), eperm_calls[i], 0);
	for (i = 0; !err && i < sizeof(allowed_calls) / sizeof(allowed_calls[0]); i++)
		if (allowed_calls[i] >= 0)
			err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed_calls[i], 0);
	/* writes: the report pipe and stderr (a sanitizer's report) only */
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(write), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)out_fd));
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(write), 1, SCMP_A0(SCMP_CMP_EQ, 2));
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(writev), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)out_fd));
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(writev), 1, SCMP_A0(SCMP_CMP_EQ, 2));
	/* memory: never executable */
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
				       SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	/* fstat as glibc makes it: newfstatat(fd, "", buf, AT_EMPTY_PATH) */
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(newfstatat), 1,
				       SCMP_A3(SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH, AT_EMPTY_PATH));
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(newfstatat), 1,
				       SCMP_A3(SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH, 0));
	/* prlimit64 to read a limit, never to set one */
	if (!err)
		err = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prlimit64), 1, SCMP_A2(SCMP_CMP_EQ, 0));
	if (err) {
		seccomp_release(ctx);
		errno = -err;
		return NULL;
	}
	return ctx;
}

int hk_jail_prepare(int out_fd)
{
	scmp_filter_ctx ctx;
	int p[2] = {-1, -1}, rc = -1;
	char buf[65536];
	ssize_t n;

	for (int i = 0; i < ncache; i++)
		if (cache[i].fd == out_fd)
			return 0;
	if (ncache == (int)(sizeof(cache) / sizeof(cache[0])))
		return 0; /* the child compiles its own */
	if (!(ctx = build(out_fd)))
		return -1;
	if (pipe(p) != 0)
		goto cleanup;
	if (seccomp_export_bpf(ctx, p[1]) != 0)
		goto cleanup;
	close(p[1]);
	p[1] = -1;
	n = read(p[0], buf, sizeof(buf));
	if (n <= 0 || n % (ssize_t)sizeof(struct sock_filter) != 0 || !(cache[ncache].prog = malloc((size_t)n)))
		goto cleanup;
	memcpy(cache[ncache].prog, buf, (size_t)n);
	cache[ncache].len = (unsigned short)(n / (ssize_t)sizeof(struct sock_filter));
	cache[ncache++].fd = out_fd;
	rc = 0;
cleanup:
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	seccomp_release(ctx);
	return rc;
}

int hk_jail_lock(int out_fd)
{
	scmp_filter_ctx ctx;
	int err;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	for (int i = 0; i < ncache; i++) {
		if (cache[i].fd == out_fd) {
			struct sock_fprog prog = {cache[i].len, cache[i].prog};
			if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0)
				return 0;
			/* before Linux 3.17 a filter is installed with prctl */
			if (errno == ENOSYS && prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) == 0)
				return 0;
			return errno == EINVAL || errno == ENOSYS ? 1 : -1;
		}
	}
	if (!(ctx = build(out_fd)))
		return -1;
	/* the kernel's own error from seccomp_load, not -ECANCELED */
	seccomp_attr_set(ctx, SCMP_FLTATR_API_SYSRAWRC, 1);
	err = seccomp_load(ctx);
	seccomp_release(ctx);
	if (err == -EINVAL || err == -ENOSYS || err == -EOPNOTSUPP)
		return 1; /* no seccomp in this kernel */
	if (err) {
		errno = -err;
		return -1;
	}
	return 0;
}
