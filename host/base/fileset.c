/*
 * fileset.c - fileset.h: a set of hk_files, each finished before any is
 * committed.
 */
#include "base/fileset.h"
#include "base/array.h"
#include "base/error.h"
#include "base/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

struct hk_fileset {
	hk_file **v;
	size_t n, cap;
};

int hk_fileset_add(hk_fileset **set, const char *path, const void *data, size_t len)
{
	hk_file *f = NULL;
	int err;

	if (!*set && !(*set = calloc(1, sizeof(**set))))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
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
		free(set->v);
	free(set);
	return err;
}

void hk_fileset_abort(hk_fileset *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		hk_file_abort(set->v[i]);
	free(set->v);
	free(set);
}
