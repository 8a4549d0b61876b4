/*
 * buf.c - the growable byte buffer of buf.h.
 */
#include "base/buf.h"
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hk_buf_grow(hk_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1, cap;
	char *p;

	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->ptr, cap);
	if (!p)
		return hk_error_setc(HK_EINTERNAL, "out of memory (buffer of %zu bytes)", cap);
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int hk_buf_put(hk_buf *b, const void *p, size_t n)
{
	int err = hk_buf_grow(b, n);
	if (err)
		return err;
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int hk_buf_puts(hk_buf *b, const char *s)
{
	return hk_buf_put(b, s, strlen(s));
}

int hk_buf_putc(hk_buf *b, char c)
{
	return hk_buf_put(b, &c, 1);
}

int hk_buf_printf(hk_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, err;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return hk_error_setc(HK_EINTERNAL, "bad format '%s'", fmt);
	if ((err = hk_buf_grow(b, (size_t)n)) != 0)
		return err;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void hk_buf_clear(hk_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void hk_buf_free(hk_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

char *hk_buf_detach(hk_buf *b)
{
	char *s = b->ptr;
	if (!s)
		s = calloc(1, 1);
	b->ptr = NULL;
	b->len = b->cap = 0;
	return s;
}
