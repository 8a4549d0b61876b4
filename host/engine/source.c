/*
 * source.c - bounded, confined reading of Lua sources and the process-wide
 * store of them (see source.h).
 */
#include "engine/source.h"
#include "base/buf.h"
#include "base/error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILES 4096
#define MAX_DEPTH 16

struct entry {
	char *path;
	char *text;   /* NULL when it could not be read: then err and msg */
	size_t len;
	int err;
	char *msg;
};

static struct {
	struct entry *v;
	size_t n, cap;
	int sealed;
} store;

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Is the real path of `path` under the real path of `root`? */
static int confined(const char *path, const char *root, char *real, size_t n)
{
	char rroot[PATH_MAX], rpath[PATH_MAX];
	size_t k;

	if (!realpath(path, rpath))
		return -1;
	snprintf(real, n, "%s", rpath);
	if (!realpath(root, rroot))
		return 0;
	k = strlen(rroot);
	if (k == 1) /* root is / */
		return 1;
	return strncmp(rpath, rroot, k) == 0 && rpath[k] == '/';
}

int hk_source_read(char **out, size_t *len, const char *path, const char *root)
{
	char real[PATH_MAX];
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap;
	int fd = -1, err = HK_EINPUT, in;

	*out = NULL;
	*len = 0;
	if (lstat(path, &st) != 0)
		return hk_error_setc(errno == ENOENT ? HK_ENOTFOUND : HK_EINPUT, "%s: cannot read: %s", path,
				     hk_strerror(errno));
	if (root) {
		in = confined(path, root, real, sizeof(real));
		if (in < 0)
			return hk_error_setc(errno == ENOENT ? HK_ENOTFOUND : HK_EINPUT,
					     "%s: cannot read: %s (a dangling symlink?)", path, hk_strerror(errno));
		if (!in)
			return hk_error_setc(HK_EINPUT, "%s: a symlink to %s, outside %s: refused (a pack may "
					     "link only to files inside it)", path, real, root);
		if (!ends_with(real, ".lua"))
			return hk_error_setc(HK_EINPUT, "%s: a symlink to %s, which is not a .lua file: refused",
					     path, real);
	}
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return hk_error_setc(HK_EINPUT, "%s: cannot open: %s", path, hk_strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		hk_error_set("%s: not a regular file (a FIFO, device or directory): refused", path);
		goto cleanup;
	}
	if (st.st_size > (off_t)HK_SOURCE_MAX) {
		hk_error_set("%s: larger than %u KiB (%lld bytes): not a rule or library file", path,
			     HK_SOURCE_MAX >> 10, (long long)st.st_size);
		goto cleanup;
	}
	/* A buffer of the file's size (and one byte to see it grow), not of the
	 * largest allowed: a 1 MiB malloc is a mapping of its own, which the
	 * realloc below leaves mapped, one per file, and every rule's process
	 * forked afterwards copies each mapping (bench/isolation.md). */
	cap = (size_t)st.st_size + 2;
	if (!(buf = malloc(cap))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory reading %s", path);
		goto cleanup;
	}
	for (;;) {
		ssize_t r;
		if (n + 1 == cap && cap < HK_SOURCE_MAX + 2) { /* it grows while we read */
			size_t c2 = cap * 2 < HK_SOURCE_MAX + 2 ? cap * 2 : HK_SOURCE_MAX + 2;
			char *b2 = realloc(buf, c2);
			if (!b2) {
				err = hk_error_setc(HK_EINTERNAL, "out of memory reading %s", path);
				goto cleanup;
			}
			buf = b2;
			cap = c2;
		}
		r = read(fd, buf + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			hk_error_set("%s: read error: %s", path, hk_strerror(errno));
			goto cleanup;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > HK_SOURCE_MAX) { /* it grew while we read */
			hk_error_set("%s: larger than %u KiB: not a rule or library file", path, HK_SOURCE_MAX >> 10);
			goto cleanup;
		}
	}
	buf[n] = '\0';
	*out = realloc(buf, n + 1);
	if (!*out)
		*out = buf;
	*len = n;
	buf = NULL;
	err = 0;
cleanup:
	free(buf);
	close(fd);
	return err;
}

static struct entry *find(const char *path)
{
	for (size_t i = 0; i < store.n; i++)
		if (strcmp(store.v[i].path, path) == 0)
			return &store.v[i];
	return NULL;
}

int hk_source_add(const char *path, const char *root)
{
	struct entry *e = find(path);
	int err;

	if (e)
		return e->text ? 0 : hk_error_setc(e->err, "%s", e->msg);
	if (store.n == store.cap) {
		size_t cap = store.cap ? store.cap * 2 : 64;
		struct entry *v = realloc(store.v, cap * sizeof(*v));
		if (!v)
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		store.v = v;
		store.cap = cap;
	}
	e = &store.v[store.n];
	memset(e, 0, sizeof(*e));
	if (!(e->path = strdup(path)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	err = hk_source_read(&e->text, &e->len, path, root);
	if (err == HK_EINTERNAL) {
		free(e->path);
		return err;
	}
	if (err) {
		e->err = err;
		if (!(e->msg = strdup(hk_error_last()))) {
			free(e->path);
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		}
	}
	store.n++;
	return err;
}

static int add_dir(const char *dir, const char *root, int depth, size_t *count)
{
	DIR *d;
	struct dirent *e;
	int err = 0;

	if (depth > MAX_DEPTH || !(d = opendir(dir)))
		return 0;
	while (!err && (e = readdir(d)) && *count < MAX_FILES) {
		hk_buf p = HK_BUF_INIT;
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		if (hk_buf_printf(&p, "%s/%s", dir, e->d_name) != 0) {
			err = HK_EINTERNAL;
			break;
		}
		/* Directories are walked only when they are real (no symlinked
		 * directory: no loop, no way out). */
		if (lstat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode)) {
			err = add_dir(p.ptr, root, depth + 1, count);
		} else if (ends_with(e->d_name, ".lua")) {
			(*count)++;
			if (hk_source_add(p.ptr, root) == HK_EINTERNAL)
				err = HK_EINTERNAL;
		}
		hk_buf_free(&p);
	}
	closedir(d);
	return err;
}

int hk_source_add_dir(const char *dir, const char *root)
{
	size_t count = 0;
	return add_dir(dir, root, 0, &count);
}

int hk_source_get(const char **text, size_t *len, const char *path, const char *root)
{
	struct entry *e = find(path);
	int err;

	*text = NULL;
	*len = 0;
	if (!e) {
		if (store.sealed)
			return hk_error_setc(HK_ENOTFOUND, "%s: not found (a rule's process reads no files: only "
					     "the pack's rule and lib/ files and the plugins, read beforehand)", path);
		if ((err = hk_source_add(path, root)) == HK_EINTERNAL)
			return err;
		if (!(e = find(path)))
			return err;
	}
	if (!e->text)
		return hk_error_setc(e->err, "%s", e->msg);
	*text = e->text;
	*len = e->len;
	return 0;
}

void hk_source_seal(void)
{
	store.sealed = 1;
}

void hk_source_clear(void)
{
	for (size_t i = 0; i < store.n; i++) {
		free(store.v[i].path);
		free(store.v[i].text);
		free(store.v[i].msg);
	}
	free(store.v);
	memset(&store, 0, sizeof(store));
}
