/*
 * jail.h - what a child process that runs pack or user code gives up before
 * the code runs (the second wall; the sandbox of sandbox.h is the first).
 *
 *  - resource limits: RLIMIT_AS (its address space may grow by `memory`
 *    bytes over what it has when it enters, SQLite's memory included),
 *    RLIMIT_CPU, RLIMIT_CORE 0 (no core file), RLIMIT_NOFILE;
 *  - PR_SET_NO_NEW_PRIVS;
 *  - a seccomp filter (libseccomp). Allowed: read, pread64, readv, lseek,
 *    fstat (newfstatat with AT_EMPTY_PATH only), close, write and writev to
 *    the report pipe and stderr only, mmap and mprotect without PROT_EXEC,
 *    munmap, mremap, brk, madvise, futex, the clocks, getpid, gettid,
 *    getrandom, sched_yield, the signal calls the sanitizers need, exit,
 *    exit_group (no kill, no tgkill: an abort() ends the process by SIGSYS,
 *    which ends it all the same). The calls that name a
 *    file or start something (open, openat, openat2, creat, stat by path,
 *    access, readlink, execve, execveat, socket, connect, mkdir, unlink,
 *    rename, ...) fail with EPERM, so that the code (and SQLite, and a
 *    sanitizer's report) sees an error; every other call (ptrace, fork,
 *    clone, bind, mount, ...) kills the process (SIGSYS).
 */
#ifndef HK_JAIL_H
#define HK_JAIL_H

#include <stddef.h>

/* Sets the limits (memory 0: no address-space cap; cpu_seconds 0: no CPU
 * cap). Returns 0 or -1 (errno). */
int hk_jail_limits(size_t memory, unsigned cpu_seconds);

/* In the parent: compiles the filter for out_fd once (hk_jail_lock then
 * loads it without compiling). Returns 0 or -1 (the child compiles then). */
int hk_jail_prepare(int out_fd);

/* Sets PR_SET_NO_NEW_PRIVS and loads the filter; `out_fd` is the one
 * descriptor besides stderr the process may write to. Returns 0, 1 when the
 * kernel has no seccomp (nothing loaded: the budgets alone hold), or -1 on
 * another failure (errno). */
int hk_jail_lock(int out_fd);

#endif
