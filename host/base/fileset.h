/*
 * fileset.h - writing a set of output files whole: a directory of CSV files
 * (export --out DIR, report --csv DIR) is put in place all or nothing.
 *
 * Each file is written and closed under its temporary name beside its path
 * (as hk_file does for one file); only when every file of the set was written
 * are they renamed into place. A full disk or any other write error leaves
 * the paths as they were (no half set of new and old files).
 */
#ifndef HK_FILESET_H
#define HK_FILESET_H

#include <stddef.h>

typedef struct hk_fileset hk_fileset;

/* Makes the directory dir for the set's files, or takes it when it is one
 * already; a directory made here is removed again by hk_fileset_abort (it is
 * then empty). Starts *set when *set is NULL. Returns 0, or HK_EINPUT
 * naming dir and why, or HK_EINTERNAL. */
int hk_fileset_dir(hk_fileset **set, const char *dir);

/* Writes data[0..len) as the content-to-be of path and adds it to *set (a new
 * set when *set is NULL). Nothing is in place until hk_fileset_commit.
 * Returns 0, or HK_EINPUT / HK_EINTERNAL naming path; on error the set holds
 * what it held before, which the caller still commits or aborts. */
int hk_fileset_add(hk_fileset **set, const char *path, const void *data, size_t len);

/* Puts every file of set in place, in the order added, and frees set (NULL
 * is an empty set). Returns 0, or the error naming the first path that could
 * not be put; the files after it are not put (their temporary files go). */
int hk_fileset_commit(hk_fileset *set);

/* Removes the temporary files of set (and the directory it made) and frees
 * it. NULL-safe. */
void hk_fileset_abort(hk_fileset *set);

#endif
