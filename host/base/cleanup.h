/*
 * cleanup.h - files this process made and removes when it is interrupted.
 *
 * A command that writes a file under a temporary name (a db loaded beside
 * its final name, a report, a pack) registers the name here while the file
 * is its own; when the process is stopped by SIGINT, SIGTERM or SIGHUP
 * (Ctrl-C, a scheduler's kill, a closed terminal), the handler removes every
 * registered file and the process then dies of the signal as before. So an
 * interrupted import or report leaves no half-written file behind, and never
 * touches a file it did not make. A signal that was ignored when the first
 * name was registered (nohup) stays ignored.
 *
 * The names live in fixed slots (no malloc in the handler; any thread may
 * take the signal). A forked child calls hk_cleanup_child: the parent's
 * files are not its to remove, and it ends with the parent, so that a
 * stopped command leaves no worker behind.
 */
#ifndef HK_CLEANUP_H
#define HK_CLEANUP_H

#include <sys/types.h>

/* Registers `path` (copied) for removal on interruption. Returns 0, or -1
 * when the name is too long, names something that is not a regular file
 * (a device such as /dev/null is never registered), or every slot is taken
 * (the file is then simply not removed on interruption). Only a regular
 * file is ever removed, here or by hk_cleanup_remove. */
int hk_cleanup_add(const char *path);

/* Unregisters `path`: it was renamed into place, or removed. NULL-safe. */
void hk_cleanup_drop(const char *path);

/* Removes the file at `path` and unregisters it (a temporary file given
 * up). NULL-safe. */
void hk_cleanup_remove(const char *path);

/* In a child forked by `parent` (its pid before the fork): forgets every
 * name, restores the default action of the signals (what the parent made is
 * the parent's to remove) and asks for SIGKILL when the parent ends
 * (PR_SET_PDEATHSIG; a parent already gone ends the child at once). */
void hk_cleanup_child(pid_t parent);

/* Forks a worker process: stdio is flushed first (the child never flushes,
 * so nothing buffered is written twice), and the child starts with
 * hk_cleanup_child done. Returns as fork(2). */
pid_t hk_cleanup_fork(void);

/* The number of names registered (for tests). */
int hk_cleanup_count(void);

#endif
