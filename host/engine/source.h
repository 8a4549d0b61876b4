/*
 * source.h - the Lua source files of a pack, read safely and kept in memory.
 *
 * Rules run in child processes that may not open files (child.h, jail.h), so
 * every file their code may load (rule files, pack.lua, the modules of lib/
 * and the plugins directory) is read by the parent before the fork and kept
 * here, process-wide; the child finds it in its copy of this memory.
 *
 * Reading is bounded and confined: a source is a regular file (no FIFO,
 * device or directory), at most HK_SOURCE_MAX bytes, its name ends in .lua,
 * and its real path (symlinks resolved) lies under the real path of its root
 * (the pack directory, lib/, or the plugins directory): a symlink inside the
 * root that points inside it is fine, one that points out is refused.
 */
#ifndef HK_SOURCE_H
#define HK_SOURCE_H

#include <stddef.h>

#define HK_SOURCE_MAX (1u << 20) /* bytes of one rule or library file */

/* Reads path (checked as above; root may be NULL: no confinement) into a
 * malloc'd NUL-terminated buffer the caller frees. Returns 0, HK_ENOTFOUND
 * (no such file), or HK_EINPUT naming the file and the reason. */
int hk_source_read(char **out, size_t *len, const char *path, const char *root);

/* Reads path into the store (a no-op when it is there). A file that cannot
 * be read is remembered with its error, which hk_source_get then returns.
 * Returns what hk_source_read returned (HK_EINTERNAL when out of memory). */
int hk_source_add(const char *path, const char *root);

/* Adds every *.lua file under dir, at any depth (at most 4096 files, 16
 * levels), with `root` as their root. Returns 0 or HK_EINTERNAL. */
int hk_source_add_dir(const char *dir, const char *root);

/* The text of path: from the store, else (unless sealed) read with root and
 * added. The text stays valid until hk_source_clear. Returns 0, HK_ENOTFOUND
 * or HK_EINPUT (message set) as hk_source_read. */
int hk_source_get(const char **text, size_t *len, const char *path, const char *root);

/* From now on hk_source_get never touches the file system: what is not in
 * the store is not found. Called in a rule's child before its sandbox is
 * locked (a child can open no file anyway). */
void hk_source_seal(void);

/* Empties the store (and unseals it). */
void hk_source_clear(void);

#endif
