/*
 * cleanup.c - removing this process's temporary files when it is
 * interrupted (cleanup.h).
 */
#include "base/cleanup.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define NSLOTS 64

/* Slot i is free (0), being written (1) or holds a name (2) in path[i].
 * The states are kept apart from the names so that a forked child, which
 * forgets them all (hk_cleanup_child), touches one page, not one a slot:
 * each page of the parent's it reads or writes costs the child a fault. */
static atomic_int state[NSLOTS];
static char path_of[NSLOTS][PATH_MAX];

static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
static atomic_int installed;

/* Removes path if it is a regular file: whatever name a slot or a caller
 * holds, a device, FIFO or directory (/dev/null) is never removed.
 * Async-signal-safe (lstat, unlink). */
static void remove_regular(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		unlink(path);
}

static void on_signal(int sig)
{
	for (int i = 0; i < NSLOTS; i++)
		if (atomic_load(&state[i]) == 2)
			remove_regular(path_of[i]);
	/* SA_RESETHAND made the action the default again: the signal, blocked
	 * while this handler runs, ends the process when it returns */
	raise(sig);
}

/* Installs the handler for each signal whose action is the default. */
static void install(void)
{
	int expected = 0;

	if (!atomic_compare_exchange_strong(&installed, &expected, 1))
		return;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old, sa;
		if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL)
			continue; /* ignored (nohup) or handled by someone else */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t k = 0; k < sizeof(sigs) / sizeof(sigs[0]); k++)
			sigaddset(&sa.sa_mask, sigs[k]);
		sa.sa_flags = (int)SA_RESETHAND;
		sigaction(sigs[i], &sa, NULL);
	}
}

int hk_cleanup_add(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	struct stat st;

	if (!n || n >= PATH_MAX || (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)))
		return -1; /* only files this process made: regular ones */
	install();
	for (int i = 0; i < NSLOTS; i++) {
		int expected = 0;
		if (atomic_compare_exchange_strong(&state[i], &expected, 1)) {
			memcpy(path_of[i], path, n + 1);
			atomic_store(&state[i], 2);
			return 0;
		}
	}
	return -1;
}

void hk_cleanup_drop(const char *path)
{
	if (!path)
		return;
	for (int i = 0; i < NSLOTS; i++) {
		int expected = 2;
		if (atomic_load(&state[i]) == 2 && strcmp(path_of[i], path) == 0 &&
		    atomic_compare_exchange_strong(&state[i], &expected, 0))
			return;
	}
}

void hk_cleanup_remove(const char *path)
{
	if (!path)
		return;
	remove_regular(path);
	hk_cleanup_drop(path);
}

void hk_cleanup_child(pid_t parent)
{
	/* the fork's own thread is the main one: its end is the parent's end */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == 0 && getppid() != parent)
		_exit(127); /* the parent ended before the request */
	for (int i = 0; i < NSLOTS; i++)
		atomic_store(&state[i], 0);
	if (atomic_load(&installed))
		for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
			struct sigaction old;
			if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == on_signal)
				signal(sigs[i], SIG_DFL);
		}
}

pid_t hk_cleanup_fork(void)
{
	pid_t parent = getpid(), pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0)
		hk_cleanup_child(parent);
	return pid;
}

int hk_cleanup_count(void)
{
	int n = 0;
	for (int i = 0; i < NSLOTS; i++)
		n += atomic_load(&state[i]) == 2;
	return n;
}
