/*
 * path.h - small file-system helpers: what a path is, and reading a whole file.
 */
#ifndef HK_PATH_H
#define HK_PATH_H

#include <stddef.h>

/* True when path names an existing directory / regular file (following links). */
int hk_path_is_dir(const char *path);
int hk_path_is_file(const char *path);

/* Writes "dir/name" to out (cap bytes). Returns 0, or HK_EINPUT naming the
 * path when it does not fit (out is then ""): a path is never cut. */
int hk_path_join(char *out, size_t cap, const char *dir, const char *name);

/* Makes the directory path and its missing ancestors (mkdir -p), each with
 * mode (less the umask). Returns 0 when path is then a directory, else
 * HK_EINPUT: "cannot create 'DIR': reason" for the one that could not be made,
 * "'PATH' is not a directory", or "bad directory name ''". */
int hk_path_mkdirs(const char *path, unsigned mode);

/* Reads the whole file at path into a malloc'd, NUL-terminated buffer (*out,
 * the caller frees it; *len excludes the NUL). A file larger than max bytes
 * (0 = no limit) is refused. Returns 0, HK_EINPUT naming the file and why
 * (cannot open, read error, too large), or HK_EINTERNAL when out of memory. */
int hk_path_read(char **out, size_t *len, const char *path, size_t max);

/* Same, for a regular file only: a device, FIFO, socket or directory is
 * refused at once (HK_EINPUT saying what it is), without reading or waiting
 * for a writer; a file whose size exceeds max (0 = no limit) is refused
 * before it is read. */
int hk_path_read_regular(char **out, size_t *len, const char *path, size_t max);

#endif
