/*
 * child.c - forked children for pack code: start, pipe reading with a
 * deadline, reaping, and the words for how a child ended (see child.h).
 */
#include "engine/child.h"
#include "base/cleanup.h"
#include "base/error.h"
#include "base/fdio.h"
#include "engine/jail.h"
#include "engine/wire.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int no_seccomp_warned;

void hk_child_budget(struct hk_child_opts *co, const struct hk_limits *lim)
{
	memset(co, 0, sizeof(*co));
	co->timeout = lim->timeout;
	co->memory = lim->max_memory ? 2 * lim->max_memory + ((size_t)256 << 20) : 0;
	co->cpu = lim->timeout > 0 ? (unsigned)lim->timeout + 2 : 0;
	co->max_output = lim->max_memory ? 2 * lim->max_memory + ((size_t)32 << 20) : SIZE_MAX / 2;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In the child: closes every descriptor but 0-2, keep_fd and those open on
 * the keep file. */
static void close_others(int keep_fd, const struct hk_child_opts *o)
{
	int fds[1024], n = 0;
	DIR *d;
	struct dirent *e;

#ifdef SYS_close_range
	/* Nothing to keep but keep_fd (the usual case: the registry is
	 * mapped): two calls instead of a scan of /proc/self/fd. */
	if (!o->keep_ino && keep_fd >= 3 &&
	    (keep_fd == 3 || syscall(SYS_close_range, 3u, (unsigned)keep_fd - 1, 0u) == 0) &&
	    syscall(SYS_close_range, (unsigned)keep_fd + 1, ~0u, 0u) == 0)
		return;
#endif
	d = opendir("/proc/self/fd");
	if (!d) { /* no /proc: the usual range */
		for (int fd = 3; fd < 1024; fd++) {
			struct stat st;
			if (fd != keep_fd && !(o->keep_ino && fstat(fd, &st) == 0 && st.st_dev == o->keep_dev &&
					       st.st_ino == o->keep_ino))
				close(fd);
		}
		return;
	}
	while ((e = readdir(d)) && n < 1024) {
		int fd = atoi(e->d_name);
		struct stat st;
		if (e->d_name[0] < '0' || e->d_name[0] > '9' || fd < 3 || fd == keep_fd || fd == dirfd(d))
			continue;
		if (o->keep_ino && fstat(fd, &st) == 0 && st.st_dev == o->keep_dev && st.st_ino == o->keep_ino)
			continue;
		fds[n++] = fd;
	}
	closedir(d);
	for (int i = 0; i < n; i++)
		close(fds[i]);
}

_Noreturn static void child_main(int fd, const struct hk_child_opts *o, hk_child_fn fn, void *arg)
{
	int null, rc;

	close_others(fd, o);
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		if (null > 2)
			close(null);
	}
	signal(SIGPIPE, SIG_DFL);
	if (hk_jail_limits(o->memory, o->cpu) != 0)
		_exit(120);
	rc = hk_jail_lock(fd);
	if (rc < 0)
		_exit(121);
	if (rc == 1)
		(void)hk_fdio_write_all(fd, "W\0\0\0\0", 5);
	_exit(fn(arg, fd) & 0xff);
}

int hk_child_start(struct hk_child *c, const struct hk_child_opts *o, hk_child_fn fn, void *arg)
{
	int p[2];

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->pidfd = -1;
	if (pipe2(p, O_CLOEXEC) != 0)
		return hk_error_setc(HK_EINTERNAL, "cannot make a pipe for a rule's process: %s", hk_strerror(errno));
	hk_jail_prepare(p[1]);
	c->pid = hk_cleanup_fork(); /* ends with the parent, removes none of its files */
	if (c->pid < 0) {
		int e = errno;
		c->pid = 0;
		close(p[0]);
		close(p[1]);
		return hk_error_setc(HK_EINTERNAL, "cannot start a process for a rule: %s", hk_strerror(e));
	}
	if (c->pid == 0) {
		close(p[0]);
		child_main(p[1], o, fn, arg);
	}
	close(p[1]);
	c->fd = p[0];
#ifdef SYS_pidfd_open
	c->pidfd = (int)syscall(SYS_pidfd_open, c->pid, 0);
#else
	c->pidfd = -1;
#endif
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
	c->start = now_seconds();
	c->kill_at = o->timeout > 0 ? c->start + o->timeout + HK_CHILD_GRACE : 0;
	c->max_output = o->max_output;
	c->timeout = o->timeout;
	c->restart_tag = o->restart_tag;
	return 0;
}

/* Reads what is available; at EOF closes the fd. */
static void drain(struct hk_child *c)
{
	char buf[65536];

	while (c->fd >= 0) {
		ssize_t r = read(c->fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return;
		if (r <= 0) {
			close(c->fd);
			c->fd = -1;
			return;
		}
		if (c->out.len + (size_t)r > c->max_output || hk_buf_put(&c->out, buf, (size_t)r) != 0) {
			if (c->pid && !c->overflow)
				kill(c->pid, SIGKILL);
			c->overflow = 1;
			close(c->fd);
			c->fd = -1;
			return;
		}
		if (c->restart_tag && c->timeout > 0) {
			struct hk_wire_rec rec;
			while (hk_wire_next(&rec, c->out.ptr, c->out.len, &c->scan, c->max_output) == 1)
				if (rec.tag == c->restart_tag && c->pid && !c->timed_out)
					c->kill_at = now_seconds() + c->timeout + HK_CHILD_GRACE;
		}
	}
}

/* Reaps c if it ended (blocking when `block`); returns 1 when reaped. */
static int reap(struct hk_child *c, int block)
{
	struct rusage ru;
	pid_t r;

	do
		r = wait4(c->pid, &c->status, block ? 0 : WNOHANG, &ru);
	while (r < 0 && errno == EINTR);
	if (r != c->pid)
		return 0;
	c->pid = 0;
	if (c->pidfd >= 0)
		close(c->pidfd);
	c->pidfd = -1;
	c->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
		 (double)ru.ru_stime.tv_usec / 1e6;
	if (c->fd >= 0) { /* what it wrote before it ended */
		fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) & ~O_NONBLOCK);
		drain(c);
	}
	return 1;
}

int hk_child_wait_any(struct hk_child *const *v, size_t n)
{
	struct pollfd pf[256];
	size_t who[256];

	for (;;) {
		size_t np = 0, running = 0;
		double now = now_seconds(), next = -1;
		int wait_ms, eof_pending = 0;

		for (size_t i = 0; i < n; i++) {
			struct hk_child *c = v[i];
			if (!c || !c->pid)
				continue;
			running++;
			if (c->kill_at > 0 && now >= c->kill_at && !c->timed_out) {
				kill(c->pid, SIGKILL);
				c->timed_out = 1;
			}
			if (c->timed_out || c->overflow || c->fd < 0) {
				/* killed, or closed its pipe: reap it */
				if (reap(c, c->timed_out || c->overflow))
					return (int)i;
				if (c->pidfd >= 0 && np < sizeof(pf) / sizeof(pf[0])) {
					/* readable once it has ended */
					pf[np].fd = c->pidfd;
					pf[np].events = POLLIN;
					pf[np].revents = 0;
					who[np++] = i;
				} else {
					eof_pending = 1;
				}
				if (c->kill_at > 0 && (next < 0 || c->kill_at < next))
					next = c->kill_at;
				continue;
			}
			if (c->kill_at > 0 && (next < 0 || c->kill_at < next))
				next = c->kill_at;
			if (np < sizeof(pf) / sizeof(pf[0])) {
				pf[np].fd = c->fd;
				pf[np].events = POLLIN;
				pf[np].revents = 0;
				who[np++] = i;
			}
		}
		if (!running)
			return -1;
		wait_ms = next < 0 ? -1 : (int)((next - now) * 1000) + 1;
		if (eof_pending && (wait_ms < 0 || wait_ms > 5))
			wait_ms = 5;
		if (poll(pf, np, wait_ms) < 0 && errno != EINTR)
			return hk_error_setc(HK_EINTERNAL, "poll: %s", hk_strerror(errno)), -1;
		for (size_t k = 0; k < np; k++) {
			struct hk_child *c = v[who[k]];
			if (!pf[k].revents)
				continue;
			if (pf[k].fd == c->pidfd) {
				if (reap(c, 0))
					return (int)who[k];
				continue;
			}
			drain(c);
			if (c->fd < 0 && reap(c, c->overflow))
				return (int)who[k];
		}
	}
}

int hk_child_run(struct hk_child *c, const struct hk_child_opts *o, hk_child_fn fn, void *arg)
{
	struct hk_child *one[1] = {c};
	int err = hk_child_start(c, o, fn, arg);

	if (err)
		return err;
	while (c->pid)
		if (hk_child_wait_any(one, 1) < 0)
			break;
	return 0;
}

const char *hk_child_fate(const struct hk_child *c, const struct hk_child_opts *o, char *buf, size_t n)
{
	int sig;

	if (c->timed_out) {
		snprintf(buf, n, "time budget exceeded (%g s wall clock): its process was killed (work inside one "
			 "library call, which the instruction budget cannot see)", o->timeout);
		return buf;
	}
	if (c->overflow) {
		snprintf(buf, n, "wrote more than %zu MB of findings and log lines: its process was killed",
			 o->max_output >> 20);
		return buf;
	}
	if (WIFEXITED(c->status)) {
		switch (WEXITSTATUS(c->status)) {
		case 0: return NULL;
		case 120: snprintf(buf, n, "its process could not set its resource limits"); break;
		case 121: snprintf(buf, n, "its process could not install its system call filter"); break;
		default: snprintf(buf, n, "its process exited with status %d", WEXITSTATUS(c->status));
		}
		return buf;
	}
	sig = WIFSIGNALED(c->status) ? WTERMSIG(c->status) : 0;
	switch (sig) {
	case SIGXCPU:
		snprintf(buf, n, "CPU budget exceeded (%u s): its process was killed", o->cpu);
		break;
	case SIGSYS:
		snprintf(buf, n, "a system call the sandbox forbids: its process was killed (SIGSYS)");
		break;
	case SIGSEGV:
	case SIGBUS:
	case SIGABRT:
		snprintf(buf, n, "its process crashed (%s)%s", strsignal(sig),
			 o->memory ? ", most likely at its memory cap" : "");
		break;
	default:
		snprintf(buf, n, "its process was killed (%s)", strsignal(sig));
	}
	return buf;
}

void hk_child_clear(struct hk_child *c)
{
	if (!c)
		return;
	if (c->pid) {
		kill(c->pid, SIGKILL);
		reap(c, 1);
	}
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->pidfd >= 0)
		close(c->pidfd);
	c->pidfd = -1;
	hk_buf_free(&c->out);
}

void hk_child_warn_no_seccomp(void)
{
	if (no_seccomp_warned++)
		return;
	fprintf(stderr, "huikan: WARNING: this kernel has no seccomp: rules run without the system call "
		"filter, held by the in-process sandbox and the process budgets alone\n");
}

int hk_child_common_record(const struct hk_wire_rec *r, size_t *nlog)
{
	if (r->tag == 'W') {
		hk_child_warn_no_seccomp();
		return 1;
	}
	if (r->tag != 'L')
		return 0;
	if (++*nlog > 1001 || hk_wire_print_log(stderr, r) != 0)
		return -1;
	return 1;
}
