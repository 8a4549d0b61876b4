/*
 * report_file.c - how the report writers put files in place: under a
 * temporary name beside the target, renamed over it only when complete, so
 * that a failure never leaves a half-written report.
 */
#include "report/report.h"
#include "base/buf.h"
#include "base/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int hk_report_tmp_name(hk_buf *out, const char *path)
{
	return hk_buf_printf(out, "%s.tmp%ld", path, (long)getpid());
}

int hk_report_commit_file(const char *tmp, const char *path)
{
	if (rename(tmp, path) == 0)
		return 0;
	unlink(tmp);
	return hk_error_setc(HK_EINPUT, "%s: %s", path, strerror(errno));
}

int hk_report_write_file(const char *path, const void *data, size_t len)
{
	hk_buf tmp = HK_BUF_INIT;
	FILE *f;
	size_t wrote;
	int err, closed;

	hk_report_tmp_name(&tmp, path);
	if (!tmp.ptr) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	} else if (!(f = fopen(tmp.ptr, "wb"))) {
		err = hk_error_setc(HK_EINPUT, "%s: %s", path, strerror(errno));
	} else {
		wrote = fwrite(data, 1, len, f);
		closed = fclose(f);
		if (wrote != len || closed != 0) {
			err = hk_error_setc(HK_EINPUT, "%s: write failed: %s", path, strerror(errno));
			unlink(tmp.ptr);
		} else {
			err = hk_report_commit_file(tmp.ptr, path);
		}
	}
	hk_buf_free(&tmp);
	return err;
}
