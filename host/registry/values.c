/*
 * values.c - typed field values of values.h.
 */
#include "registry/values.h"
#include "base/date.h"
#include "base/error.h"
#include "base/i18n.h"
#include "registry/workbook_cell.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* True when each of the len bytes at s is in `set`. */
static int all_in(const char *s, size_t len, const char *set)
{
	for (size_t i = 0; i < len; i++)
		if (!s[i] || !strchr(set, s[i]))
			return 0;
	return 1;
}

static int bad(const char **why, const char *what)
{
	*why = what;
	return HK_EINPUT;
}

static int money_plain(long long *fen, const char *s, size_t len, const char **why)
{
	const char *fmt = N_("not an amount of yuan (like 1000 or 1000.50)");
	size_t i = 0, nd = 0, dec = 0;
	long long v = 0;
	int neg = 0;

	if (i < len && s[i] == '-')
		neg = 1, i++;
	for (; i < len && is_digit(s[i]); i++, nd++) {
		if (v > (9000000000000000LL - 9) / 10)
			return bad(why, "amount out of range");
		v = v * 10 + (s[i] - '0');
	}
	if (nd == 0)
		return bad(why, fmt);
	v *= 100;
	if (i < len && s[i] == '.') {
		long long f = 0;
		for (i++; i < len && is_digit(s[i]); i++, dec++)
			if (dec < 2)
				f = f * 10 + (s[i] - '0');
		if (i == len && dec > 2)
			return bad(why, "more than 2 decimals in an amount of yuan");
		if (dec == 0)
			return bad(why, fmt);
		v += dec == 1 ? f * 10 : f;
	}
	if (i != len)
		return bad(why, fmt);
	*fen = neg ? -v : v;
	return 0;
}

/* Money as Excel shows it (values.h) into plain "[-]digits[.digits]" in tmp
 * (size n). Returns its length, or 0 when s is not such a form. */
static size_t money_excel(char *tmp, size_t n, const char *s, size_t len)
{
	size_t i = 0, o = 0, grp = 0;
	int neg = 0, sign = 0, commas = 0;

	for (int k = 0; k < 2; k++) { /* '-' and a currency sign, in either order */
		if (!neg && i < len && s[i] == '-')
			neg = 1, i++;
		if (!sign && len - i >= 2 && memcmp(s + i, "\xC2\xA5", 2) == 0)
			sign = 1, i += 2; /* ¥ */
		else if (!sign && len - i >= 3 && memcmp(s + i, "\xEF\xBF\xA5", 3) == 0)
			sign = 1, i += 3; /* ￥ */
	}
	if (len - i >= 3 && memcmp(s + len - 3, "\xE5\x85\x83", 3) == 0)
		len -= 3, sign = 1; /* 元 */
	if (neg)
		tmp[o++] = '-';
	for (; i < len && (is_digit(s[i]) || s[i] == ','); i++) {
		if (s[i] == ',') {
			if (grp == 0 || grp > 3 || (commas && grp != 3))
				return 0;
			commas = 1, grp = 0;
			continue;
		}
		if (o + 1 >= n)
			return 0;
		tmp[o++] = s[i];
		grp++;
	}
	if ((commas && grp != 3) || (!commas && !sign))
		return 0;
	for (; i < len; i++) {
		if (o + 1 >= n || !(is_digit(s[i]) || s[i] == '.'))
			return 0;
		tmp[o++] = s[i];
	}
	return o;
}

int hk_values_money(long long *fen, const char *s, size_t len, const char **why)
{
	char tmp[48];
	size_t n;

	if (money_plain(fen, s, len, why) == 0)
		return 0;
	if ((n = money_excel(tmp, sizeof(tmp), s, len)) == 0)
		return HK_EINPUT;
	return money_plain(fen, tmp, n, why);
}

int hk_values_date(char out[11], const char *s, size_t len, const char **why)
{
	char serial[32];
	size_t i, dig = 0;
	long serial_days = 0;

	if (hk_date_parse(out, s, len, why) == 0)
		return 0;
	if (strcmp(*why, "not a date") != 0)
		return HK_EINPUT;
	/* an Excel date serial */
	for (i = 0; i < len && is_digit(s[i]) && dig < 6; i++)
		dig++, serial_days = serial_days * 10 + (s[i] - '0');
	if (dig == 5 && (i == len || (s[i] == '.' && i + 1 < len && all_in(s + i + 1, len - i - 1, "0123456789")))) {
		if (hk_workbook_serial_date(serial, (double)serial_days, 0) < 0)
			return bad(why, "an Excel date serial out of range");
		memcpy(out, serial, 10);
		out[10] = '\0';
		return 0;
	}
	return bad(why, "not a date");
}

int hk_values_excel_sci(const char *s, size_t len)
{
	size_t i = 0;
	int e = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i >= len || !is_digit(s[i++]))
		return 0;
	if (i < len && s[i] == '.')
		for (i++; i < len && is_digit(s[i]); i++)
			;
	if (i >= len || (s[i] != 'E' && s[i] != 'e'))
		return 0;
	if (++i < len && s[i] == '+')
		i++;
	if (i >= len)
		return 0;
	for (; i < len; i++) {
		if (!is_digit(s[i]) || e > 1000)
			return 0;
		e = e * 10 + (s[i] - '0');
	}
	return e >= 11;
}

int hk_values_int(long long *out, const char *s, size_t len, const char **why)
{
	size_t i = 0;
	long long v = 0;
	int neg = 0;

	if (i < len && s[i] == '-')
		neg = 1, i++;
	if (i == len)
		return bad(why, "not an integer");
	for (; i < len; i++) {
		if (!is_digit(s[i]))
			return bad(why, "not an integer");
		if (v > (9000000000000000000LL - 9) / 10)
			return bad(why, "integer out of range");
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

int hk_values_real(double *out, const char *s, size_t len, const char **why)
{
	char tmp[64], *end;
	double v;

	if (len == 0 || len >= sizeof(tmp) || !all_in(s, len, "0123456789.-+eE") ||
	    !(is_digit(s[0]) || ((s[0] == '-' || s[0] == '.') && len > 1)))
		return bad(why, "not a number");
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	v = strtod(tmp, &end);
	if (end != tmp + len || !isfinite(v))
		return bad(why, "not a number");
	*out = v;
	return 0;
}

int hk_values_bool(int *out, const char *s, size_t len, const char **why)
{
	if ((len == 1 && s[0] == '1') || (len == 3 && memcmp(s, "是", 3) == 0) ||
	    (len == 4 && strncasecmp(s, "true", 4) == 0))
		*out = 1;
	else if ((len == 1 && s[0] == '0') || (len == 3 && memcmp(s, "否", 3) == 0) ||
		 (len == 5 && strncasecmp(s, "false", 5) == 0))
		*out = 0;
	else
		return bad(why, "not a boolean (1/0, 是/否, true/false)");
	return 0;
}

size_t hk_values_money_format(char out[32], long long fen)
{
	unsigned long long a = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
	const char *sign = fen < 0 ? "-" : "";
	unsigned long long y = a / 100, f = a % 100;
	int n;

	if (f == 0)
		n = snprintf(out, 32, "%s%llu", sign, y);
	else if (f % 10 == 0)
		n = snprintf(out, 32, "%s%llu.%llu", sign, y, f / 10);
	else
		n = snprintf(out, 32, "%s%llu.%02llu", sign, y, f);
	return (size_t)n;
}

size_t hk_values_real_format(char out[40], double v)
{
	int n = 0;
	for (int prec = 15; prec <= 17; prec++) {
		n = snprintf(out, 40, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	return (size_t)n;
}
