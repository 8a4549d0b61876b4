/*
 * encoding.h - text encodings of registry files: UTF-8 (with or without BOM)
 * and GB18030 (Chinese Excel exports), detection and conversion with iconv.
 *
 * Detection: a UTF-8 BOM or valid UTF-8 means UTF-8; otherwise the text is
 * decoded as GB18030; bytes valid in neither are an error. Pure ASCII is both.
 */
#ifndef HK_ENCODING_H
#define HK_ENCODING_H

#include <stddef.h>

#include "buf.h"

enum hk_encoding { HK_ENC_AUTO, HK_ENC_UTF8, HK_ENC_GB18030 };

/* Parses "auto", "utf-8"/"utf8", "gb18030" (any case) into *out. Returns 0 or
 * HK_EINPUT with a message naming the value. NULL means auto. */
int hk_encoding_parse(enum hk_encoding *out, const char *name);

/* "utf-8", "gb18030" or "auto". */
const char *hk_encoding_name(enum hk_encoding enc);

/* Offset of the first byte of `p` that is not part of valid UTF-8 (overlongs,
 * surrogates and code points above U+10FFFF are invalid), or `len` when all of
 * it is valid. */
size_t hk_utf8_invalid(const char *p, size_t len);

struct hk_decoded {
	char *base;           /* the memory to free(): the input or its replacement */
	char *text;           /* UTF-8 text, BOM stripped; text[len] is writable */
	size_t len;
	enum hk_encoding enc; /* what the input was */
	size_t bad;           /* on HK_EINPUT: offset of the first undecodable input byte */
};

/* Decodes `len` bytes at `in` (malloc'd, at least len + 1 bytes; ownership
 * passes to out->base whatever happens) from `enc` (or detected when AUTO)
 * into UTF-8. Valid UTF-8 is used in place without a copy. Returns 0;
 * HK_EINPUT when bytes are invalid in the forced encoding or in both
 * (out->bad says where, out->text/len are the raw input); HK_EINTERNAL when
 * out of memory or iconv is missing. */
int hk_encoding_decode(struct hk_decoded *out, char *in, size_t len, enum hk_encoding enc);

/* Appends the UTF-8 text (len bytes) to `out` encoded as `enc` (UTF-8: copied;
 * GB18030: converted). Returns 0, HK_EINPUT when the text is not valid UTF-8,
 * or HK_EINTERNAL. */
int hk_encoding_encode(hk_buf *out, const char *utf8, size_t len, enum hk_encoding enc);

#endif
