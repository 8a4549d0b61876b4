/*
 * child.h - running pack or user code in a child process: fork, drop what
 * the code does not need (jail.h), let it write records (wire.h) to a pipe,
 * and in the parent read them, enforce the wall clock with SIGKILL, bound
 * what it accepts, and tell how the child ended.
 *
 * The parent is one thread: rules run in parallel as several children, not
 * as threads (fork of a threaded process is not safe for SQLite or the
 * sanitizers).
 */
#ifndef HK_CHILD_H
#define HK_CHILD_H

#include <stddef.h>
#include <sys/types.h>

#include "base/buf.h"
#include "engine/sandbox.h"

struct hk_child_opts {
	double timeout;      /* wall clock: SIGKILL at timeout + HK_CHILD_GRACE; <= 0: none */
	size_t memory;       /* address-space growth allowed (jail.h); 0: no cap */
	unsigned cpu;        /* RLIMIT_CPU seconds; 0: no cap */
	size_t max_output;   /* bytes the parent accepts; more: killed */
	dev_t keep_dev;      /* a file whose descriptors the child keeps (the */
	ino_t keep_ino;      /* registry db); keep_ino 0: none */
	char restart_tag;    /* a record with this tag (wire.h) restarts the wall
			      * clock: one child, several files each with its own; 0: none */
};

/* The budgets of the child process that runs code with the sandbox budgets
 * lim: the wall clock of lim; an address space that may grow by twice the
 * Lua heap budget (copies of findings are charged to it too) plus 256 MiB
 * for SQLite (page cache, statements, sorting in memory); CPU time the wall
 * clock plus 2 s; output twice the heap budget plus 32 MiB. A budget of 0
 * (unlimited) leaves that cap off. docs/security.md lists them. */
void hk_child_budget(struct hk_child_opts *co, const struct hk_limits *lim);

/* Seconds past its timeout a child may take to report the stop its own
 * sandbox made before the parent kills it. */
#define HK_CHILD_GRACE 0.5

/* The code to run in the child; writes records to fd; returns its exit code. */
typedef int (*hk_child_fn)(void *arg, int fd);

struct hk_child {
	pid_t pid;          /* 0 once reaped */
	int fd;             /* read end of the pipe, -1 at EOF */
	int pidfd;          /* readable when the child ends, or -1 */
	hk_buf out;         /* what the child wrote */
	double start, kill_at;
	size_t max_output;
	double timeout;     /* the wall clock, for restarts */
	char restart_tag;
	size_t scan;        /* records of out looked at for restart_tag */
	int status;         /* as from waitpid */
	double cpu;         /* user + system seconds of the child */
	int timed_out;      /* killed by the wall clock */
	int overflow;       /* killed: wrote more than max_output */
};

/* Forks a child that runs fn(arg, fd) after hk_jail_limits and hk_jail_lock
 * (when the kernel has no seccomp, it first writes a record 'W'). In the
 * child: every descriptor but stdin/stdout (both /dev/null), stderr, the
 * pipe and those of the keep file is closed. Returns 0 or HK_EINTERNAL
 * (fork or pipe failed; message set). Clear c with hk_child_clear. */
int hk_child_start(struct hk_child *c, const struct hk_child_opts *o, hk_child_fn fn, void *arg);

/* Reads from the running children of v[0..n) (those with pid != 0) until
 * one of them has ended and been reaped; kills those past their time or
 * output bound. Returns its index, or -1 when none is running. */
int hk_child_wait_any(struct hk_child *const *v, size_t n);

/* hk_child_start, then wait until it ended. Returns 0 or HK_EINTERNAL. */
int hk_child_run(struct hk_child *c, const struct hk_child_opts *o, hk_child_fn fn, void *arg);

/* NULL when the child exited with status 0 and was not killed; else why it
 * ended, in words ("killed by the wall clock after 2 s", "killed by the
 * sandbox: a forbidden system call (SIGSYS)", ...) in buf. */
const char *hk_child_fate(const struct hk_child *c, const struct hk_child_opts *o, char *buf, size_t n);

/* Kills a child still running, reaps it, frees the buffer. NULL-safe. */
void hk_child_clear(struct hk_child *c);

struct hk_wire_rec;

/* Handles the records every kind of child may send: 'W' (no seccomp:
 * hk_child_warn_no_seccomp) and 'L' (a log line, printed to stderr made
 * visible; at most 1001 counted in *nlog). Returns 1 when r was one of
 * them, 0 when it is another, -1 when it is a bad one. */
int hk_child_common_record(const struct hk_wire_rec *r, size_t *nlog);

/* Prints "huikan: WARNING: ..." once per process when a child said the
 * kernel has no seccomp. */
void hk_child_warn_no_seccomp(void);

#endif
