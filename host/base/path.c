/*
 * path.c - see path.h.
 */
#include "base/path.h"
#include "base/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int hk_path_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int hk_path_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int hk_path_read(char **out, size_t *len, const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int err = 0;

	*out = NULL;
	*len = 0;
	if (!f)
		return hk_error_setc(HK_EINPUT, "%s: cannot open: %s", path, strerror(errno));
	for (;;) {
		size_t r;
		if (cap - n < 65536) {
			size_t ncap = cap ? cap * 2 : 65536 + 1;
			char *p = realloc(buf, ncap);
			if (!p) {
				err = hk_error_setc(HK_EINTERNAL, "out of memory reading %s", path);
				goto cleanup;
			}
			buf = p;
			cap = ncap;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (max && n > max) {
			err = hk_error_setc(HK_EINPUT, "%s: larger than %zu bytes", path, max);
			goto cleanup;
		}
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		err = hk_error_setc(HK_EINPUT, "%s: read error", path);
		goto cleanup;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
cleanup:
	free(buf);
	fclose(f);
	return err;
}
