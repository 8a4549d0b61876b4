/*
 * encoding.h - text encodings of registry files: UTF-8 (with or without BOM)
 * and GB18030 (Chinese Excel exports), detection and conversion with iconv.
 *
 * Detection and streaming decoding of files are in textin.h: a UTF-8 BOM or
 * valid UTF-8 means UTF-8, anything else GB18030. Pure ASCII is both.
 */
#ifndef HK_ENCODING_H
#define HK_ENCODING_H

#include <stddef.h>

#include "base/buf.h"

/* UTF-16 (Excel's "Unicode text") is only detected, by its byte order mark. */
enum hk_encoding { HK_ENC_AUTO, HK_ENC_UTF8, HK_ENC_GB18030, HK_ENC_UTF16LE, HK_ENC_UTF16BE };

/* Parses "auto", "utf-8"/"utf8", "gb18030" (any case) into *out. Returns 0 or
 * HK_EINPUT with a message naming the value. NULL means auto. */
int hk_encoding_parse(enum hk_encoding *out, const char *name);

/* "utf-8", "gb18030" or "auto". */
const char *hk_encoding_name(enum hk_encoding enc);

/* Appends the UTF-8 text (len bytes) to `out` encoded as `enc` (UTF-8: copied;
 * GB18030: converted). Returns 0, HK_EINPUT when the text is not valid UTF-8,
 * or HK_EINTERNAL. */
int hk_encoding_encode(hk_buf *out, const char *utf8, size_t len, enum hk_encoding enc);

#endif
