/*
 * path.c - see path.h.
 */
#include "base/path.h"
#include "base/array.h"
#include "base/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Reads the stream f to its end into a malloc'd, NUL-terminated *out (see
 * hk_path_read); `path` names it in messages. Does not close f. */
static int read_stream(char **out, size_t *len, FILE *f, const char *path, size_t max)
{
	char *buf = NULL;
	size_t n = 0, cap = 0;
	int err = 0;

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
	return err;
}

int hk_path_read(char **out, size_t *len, const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	int err;

	*out = NULL;
	*len = 0;
	if (!f)
		return hk_error_setc(HK_EINPUT, "%s: cannot open: %s", path, hk_strerror(errno));
	err = read_stream(out, len, f, path, max);
	fclose(f);
	return err;
}

static const char *kind_of(mode_t m)
{
	return S_ISDIR(m) ? "a directory" : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
	     : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

int hk_path_read_regular(char **out, size_t *len, const char *path, size_t max)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	FILE *f;
	int err;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return hk_error_setc(HK_EINPUT, "%s: cannot open: %s", path, hk_strerror(errno));
	if (fstat(fd, &st) < 0) {
		err = hk_error_setc(HK_EINPUT, "%s: cannot read: %s", path, hk_strerror(errno));
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return hk_error_setc(HK_EINPUT, "%s: is %s, not a regular file; give a file", path, kind_of(st.st_mode));
	}
	if (max && (unsigned long long)st.st_size > max) {
		close(fd);
		return hk_error_setc(HK_EINPUT, "%s: %lld bytes, larger than the limit of %zu bytes", path,
				     (long long)st.st_size, max);
	}
	if (!(f = fdopen(fd, "rb"))) {
		err = hk_error_setc(HK_EINPUT, "%s: cannot read: %s", path, hk_strerror(errno));
		close(fd);
		return err;
	}
	err = read_stream(out, len, f, path, max); /* max again: the file may grow */
	fclose(f);
	return err;
}

int hk_path_mkdirs(const char *path, unsigned mode)
{
	char *buf = strdup(path);
	int err = 0;

	if (!buf)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if (!*buf)
		err = hk_error_setc(HK_EINPUT, "bad directory name '%s'", path);
	for (char *p = buf + 1; !err && p[-1]; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
			err = hk_error_setc(HK_EINPUT, "cannot create '%s': %s", buf, hk_strerror(errno));
		*p = c;
	}
	if (!err && !hk_path_is_dir(path))
		err = hk_error_setc(HK_EINPUT, "'%s' is not a directory", path);
	free(buf);
	return err;
}
