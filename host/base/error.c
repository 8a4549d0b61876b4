/*
 * error.c - the per-thread last-error message behind hk_error_last().
 */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
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
