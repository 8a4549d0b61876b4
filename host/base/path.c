/*
 * path.c - see path.h.
 */
#include "base/path.h"
#include "base/array.h"
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

int hk_path_join(char *out, size_t cap, const char *dir, const char *name)
{
	size_t nd = strlen(dir), nn = strlen(name);
	if (cap == 0 || nd + 1 + nn >= cap) {
		if (cap)
			out[0] = '\0';
		return hk_error_setc(HK_EINPUT, "path %s/%s: longer than %zu bytes", dir, name, cap ? cap - 1 : 0);
	}
	memcpy(out, dir, nd);
	out[nd] = '/';
	memcpy(out + nd + 1, name, nn + 1);
	return 0;
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
		if (cap - n < 65536 && (err = hk_array_grow(&buf, &cap, n + 65536 + 1, 1)) != 0) {
			hk_error_prefix("reading %s", path);
			goto cleanup;
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
