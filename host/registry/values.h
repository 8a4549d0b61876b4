/*
 * values.h - parsing the typed values of registry CSV fields (docs/registry.md)
 * into their storage form, and formatting money back.
 *
 * Every parser takes the field bytes (s, len; no NUL needed), returns 0 or
 * HK_EINPUT and then sets *why to a static text saying what is wrong ("more
 * than 2 decimals", ...). None allocates. Dates are read by base/date.h.
 */
#ifndef HK_VALUES_H
#define HK_VALUES_H

#include <stddef.h>

/* Yuan with at most two decimals, optional leading '-', into integer fen.
 * Also as Excel shows money: thousands separators in their places
 * (10,379.00), a currency sign (¥ or ￥, after the '-' or before it) and a
 * trailing 元. */
int hk_values_money(long long *fen, const char *s, size_t len, const char **why);

/* A date of a date column into "YYYY-MM-DD" (out[10] = NUL): the forms of
 * hk_date_parse (base/date.h), and as Excel shows or exports dates:
 * 2020年6月30日, 2020.6.30, and an Excel date serial (43982, the 1900
 * system; whole days of 5 digits, 10000 = 1927-05-18 to 99999, so that a
 * year such as 2020 is never taken for a serial; a time of day after a '.'
 * is dropped). *why: "not a date", "no such date" or "an Excel date serial out
 * of range". */
int hk_values_date(char out[11], const char *s, size_t len, const char **why);

/* 1 when the text is a number in scientific notation with an exponent of 11
 * or more (4.50922E+17): a long number (an ID number, a code) that Excel
 * turned into a number and showed with at most 15 digits; its last digits
 * are lost. */
int hk_values_excel_sci(const char *s, size_t len);

/* A decimal integer with an optional leading '-'. */
int hk_values_int(long long *out, const char *s, size_t len, const char **why);

/* A finite decimal real (digits, '.', exponent; no inf/nan/hex). */
int hk_values_real(double *out, const char *s, size_t len, const char **why);

/* 1/0, 是/否, true/false (any case) into 1/0. */
int hk_values_bool(int *out, const char *s, size_t len, const char **why);

/* Writes fen as yuan with minimal decimals ("1000", "1000.5", "-0.05");
 * returns the length. */
size_t hk_values_money_format(char out[32], long long fen);

/* Writes a real with the fewest digits that read back to the same double. */
size_t hk_values_real_format(char out[40], double v);

#endif
