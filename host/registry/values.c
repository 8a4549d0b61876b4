/*
 * values.c - typed field values of values.h.
 */
#include "registry/values.h"
#include "base/error.h"
#include "base/i18n.h"

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

int hk_values_money(long long *fen, const char *s, size_t len, const char **why)
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
