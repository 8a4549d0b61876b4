/*
 * csvw.c - the CSV field writer of csvw.h.
 */
#include "base/csvw.h"

#include <string.h>

/* The full-width forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) in UTF-8. */
static int fullwidth_sign(const unsigned char *s, size_t n)
{
	return n >= 3 && s[0] == 0xEF && s[1] == 0xBC && (s[2] == 0x9D || s[2] == 0x8B || s[2] == 0x8D || s[2] == 0xA0);
}

/* A plain decimal number: -?digits(.digits)?, which a spreadsheet reads as a
 * number, never as a formula. */
static int plain_number(const char *s, size_t n)
{
	size_t i = 0, d = 0;
	if (i < n && s[i] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (d && i < n && s[i] == '.') {
		size_t f = 0;
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			f++;
		if (!f)
			return 0;
	}
	return d && i == n;
}

int hk_csvw_formula_like(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] && strchr("=+-@\t\r", s[0]))
		return !plain_number(s, n);
	return fullwidth_sign((const unsigned char *)s, n);
}

/* Starts with apostrophes followed by a formula-like text, or with at least
 * one apostrophe followed by a digit (Excel's mark of a number typed as
 * text, '450922..., which the importer drops): such a text gets one more
 * apostrophe, so that the importer's stripping of one is exact. */
static int needs_apostrophe(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == '\'')
		i++;
	return hk_csvw_formula_like(s + i, n - i) || (i > 0 && i < n && s[i] >= '0' && s[i] <= '9');
}

int hk_csvw_field(hk_buf *b, const char *s, size_t n)
{
	int q = n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');

	for (size_t i = 0; i < n && !q; i++)
		q = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (q)
		hk_buf_putc(b, '"');
	if (needs_apostrophe(s, n))
		hk_buf_putc(b, '\'');
	if (!q) {
		hk_buf_put(b, s, n);
	} else {
		for (size_t i = 0, j = 0; i <= n; i++)
			if (i == n || s[i] == '"') {
				hk_buf_put(b, s + j, i - j + (i < n)); /* a quote is written twice */
				j = i;
			}
		hk_buf_putc(b, '"');
	}
	return hk_buf_error(b);
}

int hk_csvw_str(hk_buf *b, const char *s)
{
	return hk_csvw_field(b, s ? s : "", s ? strlen(s) : 0);
}

size_t hk_csvw_unescape(const char *s, size_t n)
{
	return n > 1 && s[0] == '\'' && (needs_apostrophe(s + 1, n - 1) || (s[1] >= '0' && s[1] <= '9')) ? 1 : 0;
}
