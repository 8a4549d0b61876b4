/*
 * error.c - the per-thread last-error message behind hk_error_last(), and the
 * out-of-memory exit for code without an error path.
 */
#include "base/error.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HK_ERROR_MAX 4096

static _Thread_local char last[HK_ERROR_MAX];

static void set_v(const char *fmt, va_list ap)
{
	vsnprintf(last, sizeof(last), fmt, ap);
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
	char prefix[1024], old[HK_ERROR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, last, sizeof(old));
	snprintf(last, sizeof(last), "%s: %s", prefix, old);
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
