/*
 * textin.h - streaming text input for the CSV parser: a file (or a memory
 * buffer) read in chunks, decoded to UTF-8 (encoding.h) and handed out in
 * blocks that end at a record boundary, so that memory stays bounded by the
 * chunk size (or the longest record) whatever the size of the file.
 *
 * Encoding: forced, or detected per file by a first streaming pass: a UTF-8
 * BOM or all-valid UTF-8 is UTF-8; mostly-valid UTF-8 is a UTF-8 file with bad
 * bytes (an error, not GB18030 garbage); anything else is GB18030.
 */
#ifndef HK_TEXTIN_H
#define HK_TEXTIN_H

#include <stddef.h>

#include "base/buf.h"
#include "registry/encoding.h"

typedef struct hk_textin hk_textin;

/* Opens `path` (NULL: the `len` bytes at `data`, which must outlive the
 * reader) for reading as `enc`. Returns 0; HK_EINPUT when the file cannot be
 * opened or read (message names the path and the reason); HK_EINTERNAL. */
int hk_textin_open(hk_textin **out, const char *path, const char *data, size_t len, enum hk_encoding enc);

/* The next block of whole records as UTF-8: *text points into the reader's
 * buffer (valid until the next call; the parser may write into it, including
 * text[len]). The last block is whatever remains. Returns 1 with a block, 0 at
 * the end, HK_EINPUT when bytes cannot be decoded (then
 * hk_textin_locate_bad says where) or the file cannot be read, HK_EINTERNAL. */
int hk_textin_next(hk_textin *in, char **text, size_t *len);

/* What the text is decoded from (after detection). */
enum hk_encoding hk_textin_encoding(const hk_textin *in);

/* After hk_textin_next returned HK_EINPUT for undecodable bytes: the line
 * and 1-based field number of the raw field holding the first bad byte, and
 * (put into `raw`) up to 80 raw bytes of that field. Returns 0, or HK_EINPUT
 * when the failure was not a decoding one. */
int hk_textin_locate_bad(hk_textin *in, unsigned long *line, size_t *field, hk_buf *raw);

void hk_textin_free(hk_textin *in);

#endif
