/*
 * error.c - the per-thread last-error message behind hk_error_last(), and the
 * out-of-memory exit for code without an error path.
 */
#include "base/error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local char last[HK_ERROR_MAX];

/* The chosen language's lookup (base/i18n.c sets it; error.c does not call
 * i18n.c itself, so that the two modules make no circle). */
static const char *(*translate)(const char *);

void hk_error_translate_with(const char *(*tr)(const char *))
{
	translate = tr;
}

static const char *tr(const char *fmt)
{
	return translate && fmt ? translate(fmt) : fmt;
}

/* The texts of the errors a person meets most (files, disks, permissions):
 * glibc's English text, marked for the catalogue, so that under Chinese
 * "没有那个文件或目录" follows a message's Chinese wording. */
#define N_(s) s /* a mark for the extraction (base/i18n.h; error.c does not include it) */
static const struct {
	int code;
	const char *text;
} errno_texts[] = {
	{ENOENT, N_("No such file or directory")},
	{EACCES, N_("Permission denied")},
	{EEXIST, N_("File exists")},
	{ENOTDIR, N_("Not a directory")},
	{EISDIR, N_("Is a directory")},
	{ENOSPC, N_("No space left on device")},
	{EROFS, N_("Read-only file system")},
	{EPERM, N_("Operation not permitted")},
	{EIO, N_("Input/output error")},
	{ENAMETOOLONG, N_("File name too long")},
	{ELOOP, N_("Too many levels of symbolic links")},
	{EMFILE, N_("Too many open files")},
	{ENOMEM, N_("Cannot allocate memory")},
	{EBUSY, N_("Device or resource busy")},
	{EXDEV, N_("Invalid cross-device link")},
	{ENOTEMPTY, N_("Directory not empty")},
	{EPIPE, N_("Broken pipe")},
	{EAGAIN, N_("Resource temporarily unavailable")},
	{EINVAL, N_("Invalid argument")},
	{EDQUOT, N_("Disk quota exceeded")},
	{EFBIG, N_("File too large")},
	{ENXIO, N_("No such device or address")},
	{ETXTBSY, N_("Text file busy")},
};
#undef N_

const char *hk_strerror(int e)
{
	for (size_t i = 0; i < sizeof(errno_texts) / sizeof(errno_texts[0]); i++)
		if (errno_texts[i].code == e) {
			const char *t = tr(errno_texts[i].text);
			if (t != errno_texts[i].text)
				return t;
			break;
		}
	return strerror(e);
}

/* A message longer than the buffer (a huge value quoted in it) is cut at a
 * UTF-8 boundary and ends in "…", so that the cut shows. */
static void mark_cut(size_t len)
{
	if (len < sizeof(last))
		return;
	len = sizeof(last) - 4;
	while (len > 0 && ((unsigned char)last[len] & 0xC0) == 0x80)
		len--;
	memcpy(last + len, "\xE2\x80\xA6", 4); /* … and the NUL */
}

/* Formats (the format in the chosen language, base/i18n.h) into a scratch
 * buffer first: an argument may be hk_error_last()
 * itself (a message quoting the one before it). */
static void set_v(const char *fmt, va_list ap)
{
	static _Thread_local char next[HK_ERROR_MAX];
	int n = vsnprintf(next, sizeof(next), tr(fmt), ap);

	memcpy(last, next, sizeof(last));
	if (n > 0)
		mark_cut((size_t)n);
}

int hk_error_set(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(fmt, ap);
	va_end(ap);
	return HK_ERROR;
}

int hk_error_setc(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(fmt, ap);
	va_end(ap);
	return code;
}

void hk_error_prefix(const char *fmt, ...)
{
	char prefix[HK_ERROR_MAX], old[HK_ERROR_MAX];
	size_t np = 0, no, room;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(prefix, sizeof(prefix), tr(fmt), ap); /* its arguments may point into last */
	va_end(ap);
	if (n > 0)
		np = (size_t)n < sizeof(prefix) ? (size_t)n : sizeof(prefix) - 1;
	memcpy(old, last, sizeof(old));
	no = strlen(old);
	/* "<prefix>: <old message>", cut as set_v cuts */
	room = sizeof(last) - 1;
	memcpy(last, prefix, np < room ? np : room);
	if (np + 2 <= room) {
		memcpy(last + np, ": ", 2);
		memcpy(last + np + 2, old, no < room - np - 2 ? no : room - np - 2);
	}
	last[np + 2 + no < room ? np + 2 + no : room] = '\0';
	mark_cut(np + 2 + no);
}

const char *hk_error_last(void)
{
	return last;
}

void hk_error_clear(void)
{
	last[0] = '\0';
}

int hk_error_exit_code(int code)
{
	switch (code) {
	case HK_OK: return HK_EXIT_OK;
	case HK_EINPUT:
	case HK_ENOTFOUND:
	case HK_ECONFLICT: return HK_EXIT_USAGE;
	case HK_EINTERNAL: return HK_EXIT_INTERNAL;
	default: return HK_EXIT_USAGE;
	}
}

void hk_oom(void)
{
	fputs("huikan: out of memory\n", stderr);
	exit(HK_EXIT_INTERNAL);
}

char *hk_xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		hk_oom();
	return d;
}

void *hk_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		hk_oom();
	return p;
}

void *hk_xrealloc(void *p, size_t n, size_t size)
{
	void *q;
	if (size && n > SIZE_MAX / size)
		hk_oom();
	q = realloc(p, n && size ? n * size : 1);
	if (!q)
		hk_oom();
	return q;
}
