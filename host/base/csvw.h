/*
 * csvw.h - writing CSV for people who open it in a spreadsheet: the one
 * field writer behind every CSV file huikan writes (run, findings, stats,
 * report, export).
 *
 * Fields are RFC 4180 (quoted when they hold a comma, quote, line break, or a
 * leading or trailing space or tab). A text that a spreadsheet would run as a
 * formula (formula injection, CWE-1236) is kept as text by a leading
 * apostrophe: a text beginning with = + - @ TAB CR, or their full-width forms
 * ＝ ＋ － ＠, unless the whole text is a plain number such as -12 or -0.5. The
 * importer reads such a field back without the apostrophe (hk_csvw_unescape).
 * The importer also drops the apostrophe Excel shows before a number typed as
 * text ('450922...), so a text that itself begins with apostrophes and a
 * digit gets one more too.
 * Files start with a UTF-8 byte order mark so that Excel reads Chinese text;
 * commands offer --no-bom for pipelines.
 */
#ifndef HK_CSVW_H
#define HK_CSVW_H

#include <stddef.h>

#include "base/buf.h"

/* The UTF-8 byte order mark. */
#define HK_CSVW_BOM "\xEF\xBB\xBF"

/* True when s[0..n) would run as a formula in a spreadsheet (see above). */
int hk_csvw_formula_like(const char *s, size_t n);

/* Appends s[0..n) as one CSV field (no separator): neutralised and quoted as
 * above. Returns 0 or HK_EINTERNAL (the buffer's error, sticky). */
int hk_csvw_field(hk_buf *b, const char *s, size_t n);

/* hk_csvw_field of a C string (NULL is an empty field). */
int hk_csvw_str(hk_buf *b, const char *s);

/* How many leading bytes of a field read from CSV are the apostrophe that
 * hk_csvw_field added: 1 when s[0..n) is an apostrophe followed by a text
 * that is formula-like or itself begins with such an apostrophe, else 0. So
 * reading back what hk_csvw_field wrote gives the original text exactly. */
size_t hk_csvw_unescape(const char *s, size_t n);

#endif
