/*
 * text.c - making text from data visible before it reaches a terminal (see
 * text.h).
 */
#include "base/text.h"
#include "base/error.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at p (at most avail bytes) with its
 * code point in *cp, or 0 when p does not start one (overlongs, surrogates
 * and code points past U+10FFFF are not valid). */
static size_t utf8_seq(const unsigned char *p, size_t avail, uint32_t *cp)
{
	size_t n;
	uint32_t c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, c &= 0x07;
	else
		return 0;
	if (n > avail)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[k] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t hk_text_utf8_invalid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if (p[i] < 0x80) {
			/* ASCII fast path, 8 bytes at a time */
			uint64_t w;
			while (i + 8 <= len && (memcpy(&w, p + i, 8), !(w & 0x8080808080808080ULL)))
				i += 8;
			if (i < len && p[i] < 0x80)
				i++;
			continue;
		}
		if ((n = utf8_seq(p + i, len - i, &cp)) == 0)
			return i;
		i += n;
	}
	return len;
}

/* Code points a terminal acts on or that reorder the text shown. */
static int hidden_code_point(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int hk_text_visible(hk_buf *b, const char *s, size_t len, unsigned flags)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0;
	int err = 0;

	while (i < len && !err) {
		unsigned c = p[i];
		char esc[8];
		size_t n, elen = 0;
		uint32_t cp;

		if ((c >= 0x20 && c < 0x7F) || ((flags & HK_TEXT_LINES) && (c == '\n' || c == '\t'))) {
			i++;
			continue;
		}
		if (c < 0x80) {
			n = 1;
			esc[elen++] = '\\';
			if (c == '\n' || c == '\t' || c == '\r') {
				esc[elen++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
			} else {
				esc[elen++] = 'x';
				esc[elen++] = hex[c >> 4];
				esc[elen++] = hex[c & 15];
			}
		} else if ((n = utf8_seq(p + i, len - i, &cp)) == 0) {
			n = 1;
			memcpy(esc, "\\x", 2);
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 15];
			elen = 4;
		} else if (hidden_code_point(cp)) {
			memcpy(esc, "\\u", 2);
			for (int k = 0; k < 4; k++)
				esc[2 + k] = hex[(cp >> (12 - 4 * k)) & 15];
			elen = 6;
		} else {
			i += n;
			continue;
		}
		if ((err = hk_buf_put(b, s + start, i - start)) == 0)
			err = hk_buf_put(b, esc, elen);
		i += n;
		start = i;
	}
	if (!err)
		err = hk_buf_put(b, s + start, len - start);
	return err;
}

/* Writes the len bytes of s made visible to f. */
static int write_visible(FILE *f, const char *s, size_t len, unsigned flags)
{
	hk_buf b = HK_BUF_INIT;
	int err = hk_text_visible(&b, s, len, flags);

	if (!err && b.len && fwrite(b.ptr, 1, b.len, f) != b.len)
		err = hk_error_setc(HK_EINTERNAL, "cannot write the output");
	hk_buf_free(&b);
	return err;
}

int hk_text_fputs(FILE *f, const char *s, unsigned flags)
{
	return s ? write_visible(f, s, strlen(s), flags) : 0;
}

int hk_text_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n, err;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	err = write_visible(f, s, (size_t)n, HK_TEXT_LINES);
	free(s);
	return err;
}

const char *hk_text_vis(hk_buf *b, const char *s, unsigned flags)
{
	hk_buf_clear(b);
	if (!s || hk_text_visible(b, s, strlen(s), flags) != 0 || !b->ptr)
		return "";
	return b->ptr;
}
