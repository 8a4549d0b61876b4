/*
 * file.c - the output files of file.h: replaced whole through a temporary
 * name when they are regular files, written in place when they are not.
 */
#include "base/file.h"
#include "base/cleanup.h"
#include "base/buf.h"
#include "base/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum how {
	TO_STDOUT, /* "-" */
	REPLACE,   /* a regular file or a new path: temporary file, then rename */
	IN_PLACE   /* a device, FIFO, socket or symbolic link: opened as it is */
};

struct hk_file {
	char *path; /* the path the user named */
	char *tmp;  /* our temporary file, NULL when there is none */
	FILE *fp;   /* the stream handed out, NULL with HK_FILE_BY_NAME */
	enum how how;
};

static int fail(const char *path, int e)
{
	return hk_error_setc(HK_EINPUT, "cannot write %s: %s", path, hk_strerror(e));
}

/* Creates the temporary file beside f->path under a new name (O_EXCL), so
 * that no existing file is ever opened; f->tmp gets the name. mode: the
 * permissions of the file it replaces, or -1. Returns 0 or HK_E* (set). */
static int create_beside(struct hk_file *f, int *fd, int mode)
{
	static unsigned counter;
	hk_buf name = HK_BUF_INIT;
	int e = EEXIST, err = 0;

	*fd = -1;
	for (int i = 0; i < 100 && *fd < 0 && e == EEXIST && !err; i++) {
		hk_buf_clear(&name);
		if ((err = hk_buf_printf(&name, "%s.tmp-%ld-%u", f->path, (long)getpid(), counter++)) == 0) {
			*fd = open(name.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
			e = errno;
		}
	}
	if (!err && *fd < 0)
		err = fail(f->path, e);
	if (!err && mode >= 0)
		(void)fchmod(*fd, (mode_t)mode); /* keep the replaced file's permissions */
	if (!err) {
		f->tmp = hk_buf_detach(&name);
		hk_cleanup_add(f->tmp); /* removed if the process is interrupted */
	}
	hk_buf_free(&name);
	return err;
}

/* Creates a temporary file in $TMPDIR (or /tmp) for a path that is written in
 * place or to stdout but that the caller writes by name. Returns 0 or HK_E*. */
static int create_staging(struct hk_file *f, int *fd)
{
	const char *dir = getenv("TMPDIR");
	hk_buf name = HK_BUF_INIT;
	int err;

	dir = dir && *dir ? dir : "/tmp";
	if ((err = hk_buf_printf(&name, "%s/huikan-XXXXXX", dir)) != 0)
		return err;
	if ((*fd = mkostemp(name.ptr, O_CLOEXEC)) < 0)
		err = hk_error_setc(HK_EINPUT, "cannot write %s: no temporary file in %s: %s", f->path, dir,
				    hk_strerror(errno));
	else {
		f->tmp = hk_buf_detach(&name);
		hk_cleanup_add(f->tmp);
	}
	hk_buf_free(&name);
	return err;
}

int hk_file_open(hk_file **out, const char *path, int flags)
{
	struct hk_file *f = calloc(1, sizeof(*f));
	struct stat st;
	int by_name = (flags & HK_FILE_BY_NAME) != 0, fd = -1, err = 0;

	*out = NULL;
	if (!f || !(f->path = strdup(path))) {
		free(f);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	if (!*path) {
		err = hk_error_setc(HK_EINPUT, "an empty file name: name a file, or - for standard output");
		goto done;
	}
	if (strcmp(path, "-") == 0)
		f->how = TO_STDOUT;
	else if (lstat(path, &st) == 0)
		f->how = S_ISREG(st.st_mode) ? REPLACE : IN_PLACE;
	else if (errno == ENOENT)
		f->how = REPLACE;
	else {
		err = fail(path, errno);
		goto done;
	}
	if (f->how == IN_PLACE && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		err = hk_error_setc(HK_EINPUT, "cannot write %s: it is a directory; name a file", path);
		goto done;
	}
	if (f->how == REPLACE)
		err = create_beside(f, &fd, lstat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1);
	else if (by_name)
		err = create_staging(f, &fd);
	if (err)
		goto done;
	if (by_name) {
		close(fd);
		fd = -1;
	} else if (f->how == TO_STDOUT) {
		f->fp = stdout;
	} else if (f->how == IN_PLACE) {
		if (!(f->fp = fopen(path, "w")))
			err = fail(path, errno);
	} else if (!(f->fp = fdopen(fd, "w"))) {
		err = hk_error_setc(HK_EINTERNAL, "cannot write %s: %s", path, hk_strerror(errno));
	} else {
		fd = -1;
	}
done:
	if (fd >= 0)
		close(fd);
	if (err) {
		hk_file_abort(f);
		return err;
	}
	*out = f;
	return 0;
}

FILE *hk_file_stream(hk_file *f)
{
	return f->fp;
}

const char *hk_file_name(const hk_file *f)
{
	return f->tmp ? f->tmp : f->path;
}

/* Copies the file `from` to the stream `to`. Returns 0 or the errno. */
static int copy_to(FILE *to, const char *from)
{
	char chunk[1 << 16];
	FILE *in = fopen(from, "rb");
	size_t n;
	int e = 0;

	if (!in)
		return errno;
	while (!e && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (fwrite(chunk, 1, n, to) != n)
			e = errno ? errno : EIO;
	if (!e && ferror(in))
		e = errno ? errno : EIO;
	fclose(in);
	return e;
}

/* Flushes and closes f->fp (stdout is only flushed). Returns 0 or the errno. */
static int close_stream(struct hk_file *f)
{
	FILE *fp = f->fp;
	int e = 0;

	f->fp = NULL;
	if (!fp)
		return 0;
	errno = 0;
	if (fflush(fp) != 0 || ferror(fp))
		e = errno ? errno : EIO;
	if (!e && f->how == REPLACE && fsync(fileno(fp)) != 0 && errno != EINVAL)
		e = errno;
	if (fp == stdout) {
		clearerr(fp);
		return e;
	}
	if (fclose(fp) != 0 && !e)
		e = errno ? errno : EIO;
	return e;
}

/* Copies the finished file tmp into path opened in place (or stdout for
 * "-"). Returns 0 or the errno. */
static int copy_in_place(const char *tmp, const char *path)
{
	FILE *to = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	int e;

	if (!to)
		return errno;
	e = copy_to(to, tmp);
	if (!e && (fflush(to) != 0 || ferror(to)))
		e = errno ? errno : EIO;
	if (to != stdout && fclose(to) != 0 && !e)
		e = errno ? errno : EIO;
	return e;
}

int hk_file_put(const char *tmp, const char *path)
{
	struct stat st;
	int e;

	/* what path is now: it may have changed since the writer started */
	if (strcmp(path, "-") == 0 || (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))) {
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			e = EISDIR;
		else
			e = copy_in_place(tmp, path);
		hk_cleanup_remove(tmp);
		return e ? fail(path, e) : 0;
	}
	if (rename(tmp, path) != 0) {
		e = errno;
		hk_cleanup_remove(tmp);
		return fail(path, e);
	}
	hk_cleanup_drop(tmp);
	return 0;
}

int hk_file_finish(hk_file *f)
{
	int e = close_stream(f);
	return e ? fail(f->path, e) : 0;
}

int hk_file_commit(hk_file *f)
{
	int e = close_stream(f), err = 0;

	if (e)
		err = fail(f->path, e);
	else if (f->tmp) {
		/* renamed over a regular file (or copied into whatever took its
		 * place meanwhile), or copied from the staging file into a device */
		err = hk_file_put(f->tmp, f->how == TO_STDOUT ? "-" : f->path);
		free(f->tmp);
		f->tmp = NULL;
	}
	hk_file_abort(f);
	return err;
}

void hk_file_abort(hk_file *f)
{
	if (!f)
		return;
	if (f->fp && f->fp != stdout)
		fclose(f->fp);
	hk_cleanup_remove(f->tmp);
	free(f->tmp);
	free(f->path);
	free(f);
}

int hk_file_write(const char *path, const void *data, size_t len)
{
	hk_file *f;
	int err = hk_file_open(&f, path, 0);

	if (err)
		return err;
	if (len && fwrite(data, 1, len, f->fp) != len) {
		err = fail(path, errno ? errno : EIO);
		hk_file_abort(f);
		return err;
	}
	return hk_file_commit(f);
}
