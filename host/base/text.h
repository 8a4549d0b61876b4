/*
 * text.h - text from data or packs made safe to print as text: every byte a
 * terminal would act on (escape sequences, carriage returns, C1 controls,
 * bidirectional overrides) and every byte that is not UTF-8 is written as a
 * visible escape, never raw. JSON output does not use this: it is escaped by
 * the JSON rules (json.h) and stays exact.
 */
#ifndef HK_TEXT_H
#define HK_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"

/* Keep line feeds and tabs as they are (text of several lines); without it
 * they are shown as \n and \t, so that one value stays on one line. */
#define HK_TEXT_LINES 1u

/* Appends s[0..len) to b made visible: C0 controls and DEL as \xNN (\n, \r,
 * \t as \n, \r, \t unless HK_TEXT_LINES keeps \n and \t), the C1 controls
 * U+0080..U+009F and the bidirectional controls U+202A..U+202E and
 * U+2066..U+2069 as \uXXXX, and each byte that is not part of valid UTF-8
 * as \xNN. Everything else (UTF-8 text, backslashes) is copied. Returns 0 or
 * HK_EINTERNAL (out of memory). */
int hk_text_visible(hk_buf *b, const char *s, size_t len, unsigned flags);

/* Offset of the first byte of s[0..len) that does not start a valid UTF-8
 * sequence (overlongs, surrogates and code points past U+10FFFF are not
 * valid), or len when all of s is UTF-8. */
size_t hk_text_utf8_invalid(const char *s, size_t len);

/* Writes the NUL-terminated s to f made visible (as hk_text_visible). NULL
 * writes nothing. Returns 0, or HK_EINTERNAL on a write error or OOM. */
int hk_text_fputs(FILE *f, const char *s, unsigned flags);

/* Formats like fprintf, then writes the text made visible with
 * HK_TEXT_LINES: for lines whose arguments quote data (the format's own
 * "\n" stays a line feed). Returns 0 or HK_EINTERNAL. */
int hk_text_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The visible form of s (as hk_text_visible with flags) in b, which is
 * emptied first; returns b->ptr, or "" when out of memory. For printing a
 * value with printf: the pointer is valid until b changes. */
const char *hk_text_vis(hk_buf *b, const char *s, unsigned flags);

#endif
