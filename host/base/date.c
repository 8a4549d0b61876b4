/*
 * date.c - calendar dates of date.h: reading the accepted forms, the local
 * calendar day of an instant, and today.
 */
#include "base/date.h"
#include "base/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hk_date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int hk_date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	return month == 2 && hk_date_is_leap(year) ? 29 : days[month - 1];
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads min..max digits at s[*i]; returns the number or -1. */
static int digits(const char *s, size_t len, size_t *i, int min, int max)
{
	int v = 0, n = 0;
	while (*i < len && is_digit(s[*i]) && n < max) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n >= min ? v : -1;
}

static int bad(const char **why, const char *what)
{
	*why = what;
	return HK_EINPUT;
}

/* The forms written with other separators, 2020年6月30日 (年, 月, 日) and
 * 2020.6.30, rewritten as YYYY-M-D into tmp (tmpsz bytes); returns its
 * length, or 0 when s is neither. */
static size_t other_separators(char *tmp, size_t tmpsz, const char *s, size_t len)
{
	size_t i = 0, o = 0;
	int seps = 0, cjk = 0, dots = 0;

	while (i < len && o + 1 < tmpsz) {
		if (is_digit(s[i])) {
			tmp[o++] = s[i++];
		} else if (s[i] == '.' && !cjk) {
			tmp[o++] = '-', i++, dots++, seps++;
		} else if (len - i >= 3 && !dots && seps < 2 &&
			   memcmp(s + i, seps == 0 ? "\xE5\xB9\xB4" : "\xE6\x9C\x88", 3) == 0) {
			tmp[o++] = '-', i += 3, cjk++, seps++; /* 年, 月 */
		} else if (len - i == 3 && cjk == 2 && memcmp(s + i, "\xE6\x97\xA5", 3) == 0) {
			i += 3; /* 日 */
			cjk++;
		} else {
			break;
		}
	}
	return i == len && seps == 2 && (cjk == 3 || dots == 2) ? o : 0;
}

int hk_date_parse(char out[11], const char *s, size_t len, const char **why)
{
	int y, m, d;
	size_t i = 0, n;
	char tmp[24];

	if ((n = other_separators(tmp, sizeof(tmp), s, len)) > 0) {
		s = tmp;
		len = n;
	}
	if (len == 8 && (y = digits(s, len, &i, 4, 4)) >= 0 && (m = digits(s, len, &i, 2, 2)) >= 0 &&
	    (d = digits(s, len, &i, 2, 2)) >= 0) {
		/* YYYYMMDD */
	} else {
		char sep;
		i = 0;
		if ((y = digits(s, len, &i, 4, 4)) < 0 || i >= len || (s[i] != '-' && s[i] != '/'))
			return bad(why, "not a date");
		sep = s[i++];
		if ((m = digits(s, len, &i, 1, 2)) < 0 || i >= len || s[i++] != sep)
			return bad(why, "not a date");
		if ((d = digits(s, len, &i, 1, 2)) < 0 || i != len)
			return bad(why, "not a date");
	}
	if (y < 1 || d < 1 || d > hk_date_days_in_month(y, m))
		return bad(why, "no such date");
	/* y has 4 digits, m and d 2: written digit by digit */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = out[7] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}

void hk_date_local(char out[11], time_t t)
{
	struct tm tm;
	if (!localtime_r(&t, &tm) || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(out, 11, "1970-01-01"); /* an instant no calendar can hold */
}

char *hk_time_local(char out[32], const char *utc)
{
	struct tm tm = {0};
	char z = 0;
	int n = 0;
	time_t t;

	snprintf(out, 32, "%s", utc ? utc : "");
	if (!utc || strlen(utc) != 20 ||
	    sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec, &z, &n) != 7 ||
	    n != 20 || z != 'Z')
		return out;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (!localtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(out, 32, "%s", utc);
	return out;
}

/* The test clock $HUIKAN_NOW (YYYY-MM-DDTHH:MM:SSZ) as an instant; 0 when it
 * is unset or malformed. */
static int test_clock(time_t *out)
{
	const char *env = getenv("HUIKAN_NOW");
	struct tm tm = {0};
	char day[11], z = 0;
	int n = 0;

	if (!env || strlen(env) != 20 || hk_date_parse(day, env, 10, &(const char *){NULL}) < 0 ||
	    sscanf(env + 10, "T%2d:%2d:%2d%c%n", &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z, &n) != 4 || n != 10 ||
	    z != 'Z')
		return 0;
	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi(day + 5) - 1;
	tm.tm_mday = atoi(day + 8);
	*out = timegm(&tm);
	return 1;
}

void hk_date_today(char out[11])
{
	time_t t;
	if (!test_clock(&t))
		t = time(NULL);
	hk_date_local(out, t);
}
