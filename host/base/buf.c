/*
 * buf.c - the growable byte buffer of buf.h.
 */
#include "base/buf.h"
#include "base/error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Marks the buffer failed (the first failure wins) and returns its code. */
static int failed(hk_buf *b, const char *fmt, size_t n)
{
	if (!b->err)
		b->err = HK_EINTERNAL;
	return hk_error_setc(b->err, fmt, n);
}

int hk_buf_grow(hk_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->err)
		return hk_buf_error(b);
	if (extra > SIZE_MAX - 1 - b->len)
		return failed(b, "out of memory (a buffer of %zu bytes cannot grow further)", b->len);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (!(p = realloc(b->ptr, cap)))
		return failed(b, "out of memory (buffer of %zu bytes)", cap);
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

int hk_buf_vprintf(hk_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n, err;

	if (b->err)
		return hk_buf_error(b);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->err = HK_EINTERNAL;
		return hk_error_setc(b->err, "bad format '%s'", fmt);
	}
	if ((err = hk_buf_grow(b, (size_t)n)) != 0)
		return err;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int hk_buf_printf(hk_buf *b, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = hk_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return err;
}

int hk_buf_error(const hk_buf *b)
{
	if (!b->err)
		return 0;
	return hk_error_setc(b->err, "out of memory (building a text of %zu bytes)", b->len);
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
	b->err = 0;
}

char *hk_buf_detach(hk_buf *b)
{
	char *s = b->ptr;
	if (b->err) {
		hk_buf_error(b);
		hk_buf_free(b);
		return NULL;
	}
	if (!s)
		s = calloc(1, 1);
	b->ptr = NULL;
	b->len = b->cap = 0;
	return s;
}
