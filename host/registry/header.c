/*
 * header.c - header.h: normalizing a header cell before it is matched.
 */
#include "registry/header.h"

#include <string.h>

/* Drops a trailing "(unit)" (open/close given as UTF-8) from b when a name
 * stays before it. Returns 1 when it did. */
static int drop_unit(hk_buf *b, const char *open, const char *close)
{
	size_t lo = strlen(open), lc = strlen(close);
	if (b->len < lo + lc + 1 || memcmp(b->ptr + b->len - lc, close, lc) != 0)
		return 0;
	for (size_t i = b->len - lc; i-- > 0;) {
		if (memcmp(b->ptr + i, open, lo) == 0 && i + lo <= b->len - lc) {
			if (i == 0)
				return 0;
			b->len = i;
			b->ptr[i] = '\0';
			return 1;
		}
	}
	return 0;
}

const char *hk_header_norm(hk_buf *b, const char *s, size_t len)
{
	int err = 0;

	hk_buf_clear(b);
	for (size_t i = 0; i < len && !err;) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
			i++;
		} else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
			i += 2; /* U+00A0 no-break space */
		} else if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
			i += 3; /* U+3000 ideographic space */
		} else if (c == 0xEF && i + 2 < len && ((unsigned char)s[i + 1] == 0xBC || (unsigned char)s[i + 1] == 0xBD)) {
			/* U+FF01..U+FF5E: full-width ASCII, EF BC 81..EF BD 9E */
			unsigned cp = 0xFF00u + (((unsigned char)s[i + 1] & 0x03u) << 6) + ((unsigned char)s[i + 2] & 0x3Fu);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				err = hk_buf_putc(b, (char)(cp - 0xFEE0));
			} else {
				err = hk_buf_put(b, s + i, 3);
			}
			i += 3;
		} else {
			err = hk_buf_putc(b, (char)c);
			i++;
		}
	}
	if (err || !b->ptr)
		return "";
	if (!drop_unit(b, "(", ")") && !drop_unit(b, "【", "】"))
		drop_unit(b, "[", "]");
	return b->ptr;
}

int hk_header_is_serial(const char *norm)
{
	return strcmp(norm, "序号") == 0;
}
