/*
 * file.h - writing an output file whole: the one way huikan puts a file the
 * user named (`run -o`, `report --html/--xlsx/--csv`, `export`) in place.
 *
 * What a path is decides how it is written:
 *   - "-": standard output;
 *   - a regular file, or a path that does not exist: written under a new
 *     temporary name beside it (created with O_EXCL, so no other file is ever
 *     touched) and renamed over it only when complete, so that a failure never
 *     leaves half a file and readers see the old or the new file, whole;
 *   - anything else (a character or block device such as /dev/null, a FIFO, a
 *     socket, a symbolic link such as /dev/stdout): opened and written in place,
 *     as a shell redirection does. Such a path is never replaced or removed.
 */
#ifndef HK_FILE_H
#define HK_FILE_H

#include <stdio.h>

typedef struct hk_file hk_file;

/* hk_file_open flags */
enum {
	/* The caller writes the file by its name (hk_file_name), with a library
	 * that opens it itself; no stream is opened. For a path written in place
	 * or "-", the name is a temporary file that commit copies there. */
	HK_FILE_BY_NAME = 1
};

/* Starts writing path ("-" = stdout). *out gets the handle, which the caller
 * ends with hk_file_commit or hk_file_abort. Returns 0, or HK_EINPUT naming
 * the path and the reason (cannot create, a directory, ...), HK_EINTERNAL when
 * out of memory; on error *out is NULL and nothing was created. */
int hk_file_open(hk_file **out, const char *path, int flags);

/* The stream to write to (NULL with HK_FILE_BY_NAME). */
FILE *hk_file_stream(hk_file *f);

/* The name of the file to write (the temporary name, or path itself when
 * written in place); valid until commit or abort. */
const char *hk_file_name(const hk_file *f);

/* Finishes the file: flushes and closes it, then renames the temporary file
 * over the path (or copies it into a path written in place). Frees f, also on
 * error. Returns 0, or HK_EINPUT naming the path and the write error; on error
 * the temporary file is removed and a replaced path keeps its old content. */
int hk_file_commit(hk_file *f);

/* Flushes and closes the file, checking every write, but leaves it under its
 * temporary name: hk_file_commit then only puts it in place (hk_fileset
 * finishes every file of a set before it commits any). Returns 0 or
 * HK_EINPUT naming the path and the write error; f stays the caller's, to
 * commit or abort. */
int hk_file_finish(hk_file *f);

/* Puts a finished file at path, for writers that make their own temporary
 * file (a regular file this process created, e.g. the demo generator's
 * .part files): renamed over path when path is a regular file or missing,
 * else copied into path in place ("-": stdout) and removed. Returns 0 or
 * HK_EINPUT naming path; tmp is gone either way. */
int hk_file_put(const char *tmp, const char *path);

/* Abandons the file: closes it and removes the temporary file. NULL-safe. */
void hk_file_abort(hk_file *f);

/* Writes data[0..len) as the whole content of path, as above. Returns 0 or
 * HK_EINPUT / HK_EINTERNAL naming the path (nothing is left behind). */
int hk_file_write(const char *path, const void *data, size_t len);

#endif
