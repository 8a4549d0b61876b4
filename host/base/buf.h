/*
 * buf.h - a growable byte buffer, always NUL-terminated after a put.
 *
 * Used to build output records, JSON texts and SQL. Allocation failure is
 * reported as HK_EINTERNAL with a message; the buffer stays valid.
 */
#ifndef HK_BUF_H
#define HK_BUF_H

#include <stddef.h>

typedef struct {
	char *ptr;  /* NULL until the first put */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
} hk_buf;

#define HK_BUF_INIT {NULL, 0, 0}

/* Makes room for `extra` more bytes plus a NUL. Returns 0 or HK_EINTERNAL. */
int hk_buf_grow(hk_buf *b, size_t extra);

/* Append bytes / a C string / one char / formatted text. Return 0 or HK_EINTERNAL. */
int hk_buf_put(hk_buf *b, const void *p, size_t n);
int hk_buf_puts(hk_buf *b, const char *s);
int hk_buf_putc(hk_buf *b, char c);
int hk_buf_printf(hk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Empties the buffer but keeps its memory. */
void hk_buf_clear(hk_buf *b);

/* Releases the memory; the buffer is then empty and reusable. NULL-safe. */
void hk_buf_free(hk_buf *b);

/* Hands the string to the caller (free() it) and empties the buffer. Returns an
 * empty malloc'd string when nothing was put, NULL only when out of memory. */
char *hk_buf_detach(hk_buf *b);

#endif
