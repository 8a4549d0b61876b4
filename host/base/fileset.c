/*
 * fileset.c - fileset.h: a set of hk_files, each finished before any is
 * committed.
 */
#include "base/fileset.h"
#include "base/array.h"
#include "base/error.h"
#include "base/file.h"
#include "base/path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct hk_fileset {
	hk_file **v;
	size_t n, cap;
	char *made; /* the directory hk_fileset_dir made, or NULL */
};

/* Starts *set when it is NULL. Returns 0 or HK_EINTERNAL. */
static int start(hk_fileset **set)
{
	if (!*set && !(*set = calloc(1, sizeof(**set))))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	return 0;
}

/* Frees set (its files already committed or aborted). */
static void set_free(hk_fileset *set)
{
	free(set->v);
	free(set->made);
	free(set);
}

int hk_fileset_dir(hk_fileset **set, const char *dir)
{
	int err;

	if ((err = start(set)) != 0)
		return err;
	if (mkdir(dir, 0777) == 0)
		return ((*set)->made = strdup(dir)) ? 0 : hk_error_setc(HK_EINTERNAL, "out of memory");
	if (errno == EEXIST && hk_path_is_dir(dir))
		return 0;
	return hk_error_setc(HK_EINPUT, "cannot create directory %s: %s", dir, hk_strerror(errno));
}

int hk_fileset_add(hk_fileset **set, const char *path, const void *data, size_t len)
{
	hk_file *f = NULL;
	int err;

	if ((err = start(set)) != 0)
		return err;
	if ((err = HK_ARRAY_GROW((*set)->v, (*set)->cap, (*set)->n + 1)) != 0)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if ((err = hk_file_open(&f, path, 0)) != 0)
		return err;
	if (len && fwrite(data, 1, len, hk_file_stream(f)) != len) {
		err = hk_error_setc(HK_EINPUT, "cannot write %s: %s", path, hk_strerror(errno ? errno : EIO));
		hk_file_abort(f);
		return err;
	}
	if ((err = hk_file_finish(f)) != 0) {
		hk_file_abort(f);
		return err;
	}
	(*set)->v[(*set)->n++] = f;
	return 0;
}

int hk_fileset_commit(hk_fileset *set)
{
	int err = 0;

	for (size_t i = 0; set && i < set->n; i++) {
		if (!err)
			err = hk_file_commit(set->v[i]);
		else
			hk_file_abort(set->v[i]);
	}
	if (set)
		set_free(set);
	return err;
}

void hk_fileset_abort(hk_fileset *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		hk_file_abort(set->v[i]);
	if (set->made)
		rmdir(set->made); /* ours, and empty again */
	set_free(set);
}
