/*
 * buf.h - a growable byte buffer, always NUL-terminated after a put.
 *
 * Used to build output records, JSON texts and SQL. Errors are sticky, as in
 * SQLite's StrAccum: when an append fails (out of memory, or a size that
 * would overflow), the buffer remembers it, keeps what it held, and every
 * later append does nothing and returns the same error. So a writer may
 * append freely and check once, with hk_buf_error, before it uses the text:
 * a failed append can never leave a silently shortened text behind.
 */
#ifndef HK_BUF_H
#define HK_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *ptr;  /* NULL until the first put */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
	int err;    /* 0, or the HK_E* code of the first failed append (sticky) */
} hk_buf;

#define HK_BUF_INIT {NULL, 0, 0, 0}

/* Makes room for `extra` more bytes plus a NUL. Returns 0 or HK_EINTERNAL
 * (out of memory, or len + extra would overflow; also once the buffer has
 * failed before). */
int hk_buf_grow(hk_buf *b, size_t extra);

/* Append bytes / a C string / one char / formatted text. Return 0 or
 * HK_EINTERNAL; after a failure the buffer is unchanged and stays failed. */
int hk_buf_put(hk_buf *b, const void *p, size_t n);
int hk_buf_puts(hk_buf *b, const char *s);
int hk_buf_putc(hk_buf *b, char c);
int hk_buf_printf(hk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int hk_buf_vprintf(hk_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* 0 when every append so far succeeded, else the code of the first failure
 * (its message was set then with hk_error_setc; this call sets it again, so
 * that the caller can return it as is). The one check a writer needs. */
int hk_buf_error(const hk_buf *b);

/* Empties the buffer but keeps its memory and its error state. */
void hk_buf_clear(hk_buf *b);

/* Releases the memory; the buffer is then empty, without error, reusable.
 * NULL-safe. */
void hk_buf_free(hk_buf *b);

/* Hands the string to the caller (free() it) and empties the buffer. Returns an
 * empty malloc'd string when nothing was put; NULL when out of memory or when
 * an append failed (the buffer is freed then). */
char *hk_buf_detach(hk_buf *b);

#endif
