/* test_date.c - base/date.c: the accepted forms, the calendar (leap years),
 * the local day of an instant and the test clock of hk_date_today. */
#include "base/date.h"
#include "base/error.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define S(x) x, strlen(x)

static void test_forms(void)
{
	static const char *const in[][2] = {
		{"2019-03-05", "2019-03-05"}, {"2019/3/5", "2019-03-05"},   {"2019/03/05", "2019-03-05"},
		{"2019-3-5", "2019-03-05"},   {"20190305", "2019-03-05"},   {"2019-12-31", "2019-12-31"},
		{"0001-01-01", "0001-01-01"}, {"9999-12-31", "9999-12-31"}, {"2019/12/1", "2019-12-01"},
		/* as Chinese offices write dates, and the importer reads them */
		{"2019.3.5", "2019-03-05"},   {"2019.03.05", "2019-03-05"}, {"2019年3月5日", "2019-03-05"},
		{"2019年03月05日", "2019-03-05"},
	};
	char d[11];
	const char *why = NULL;
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		memset(d, 'x', sizeof(d));
		CHECK_EQ_INT(hk_date_parse(d, S(in[i][0]), &why), 0);
		CHECK_EQ_STR(d, in[i][1]);
	}
	/* the bytes after len are not read */
	CHECK_EQ_INT(hk_date_parse(d, "2020-06-30T08:00:00Z", 10, &why), 0);
	CHECK_EQ_STR(d, "2020-06-30");
}

static void test_leap_years(void)
{
	char d[11];
	const char *why = NULL;
	CHECK_EQ_INT(hk_date_is_leap(2020), 1);
	CHECK_EQ_INT(hk_date_is_leap(2021), 0);
	CHECK_EQ_INT(hk_date_is_leap(1900), 0); /* divisible by 100 */
	CHECK_EQ_INT(hk_date_is_leap(2000), 1); /* ... and by 400 */
	CHECK_EQ_INT(hk_date_days_in_month(2020, 2), 29);
	CHECK_EQ_INT(hk_date_days_in_month(2021, 2), 28);
	CHECK_EQ_INT(hk_date_days_in_month(2021, 4), 30);
	CHECK_EQ_INT(hk_date_days_in_month(2021, 12), 31);
	CHECK_EQ_INT(hk_date_days_in_month(2021, 13), 0);
	CHECK_EQ_INT(hk_date_days_in_month(2021, 0), 0);
	CHECK_EQ_INT(hk_date_parse(d, S("2020-02-29"), &why), 0);
	CHECK_EQ_STR(d, "2020-02-29");
	CHECK_EQ_INT(hk_date_parse(d, S("2000/2/29"), &why), 0);
	CHECK_EQ_INT(hk_date_parse(d, S("20000229"), &why), 0);
	CHECK_EQ_INT(hk_date_parse(d, S("2024-02-29"), &why), 0);
	why = NULL;
	CHECK_EQ_INT(hk_date_parse(d, S("1900-02-29"), &why), HK_EINPUT);
	CHECK_EQ_STR(why, "no such date");
	CHECK_EQ_INT(hk_date_parse(d, S("19000229"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_date_parse(d, S("2021-02-29"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_date_parse(d, S("2100/2/29"), &why), HK_EINPUT);
}

/* Checks that each of the n strings v[i] is refused with `want` as the why. */
static void refused(const char *const *v, size_t n, const char *want)
{
	char d[11];
	const char *why;
	for (size_t i = 0; i < n; i++) {
		why = NULL;
		CHECK_EQ_INT(hk_date_parse(d, S(v[i]), &why), HK_EINPUT);
		CHECK_EQ_STR(why, want);
	}
}

static void test_no_such_date(void)
{
	char d[11];
	const char *why = NULL;
	static const char *const bad[] = {"2021-02-31", "2021/2/31", "20210231", "2021-04-31", "2021-06-31",
					  "2021-09-31", "2021-11-31", "2021-01-32", "2021-13-01", "2021-00-10",
					  "2021-01-00", "0000-01-01", "20211301", "2021-02-30"};
	refused(bad, sizeof(bad) / sizeof(bad[0]), "no such date");
	CHECK_EQ_INT(hk_date_parse(d, S("2021-01-31"), &why), 0);
	CHECK_EQ_INT(hk_date_parse(d, S("2021-03-31"), &why), 0);
}

static void test_not_a_date(void)
{
	char d[11];
	const char *why = NULL;
	static const char *const bad[] = {"", "garbage", "2019/03-05", "2019-3/5", "05/03/2019", "2019-03-05T00",
					  "2019-003-05", "2019035", "201903051", "2019.03", "19-03-05",
					  "2019-03-", "2019--05", " 2019-03-05", "2019-03-05 ", "+2019-03-05",
					  "2019-1a-05", "２０１９-03-05", "20190305Z", "2019\0-03-05", "2019年3月5",
					  "2019年3.5日", "2019.3.5日", "2019.3.5.", "3月5日"};
	refused(bad, sizeof(bad) / sizeof(bad[0]), "not a date");
	/* a NUL inside the given length is not a digit */
	CHECK_EQ_INT(hk_date_parse(d, "2019-03-0\0", 10, &why), HK_EINPUT);
	CHECK_EQ_INT(hk_date_parse(d, "2019030\0", 8, &why), HK_EINPUT);
}

static void test_today(void)
{
	char d[11];
	/* 20:00 UTC is the next day in China (UTC+8), the same day in UTC */
	setenv("HUIKAN_NOW", "2021-03-01T20:00:00Z", 1);
	setenv("TZ", "CST-8", 1);
	tzset();
	hk_date_today(d);
	CHECK_EQ_STR(d, "2021-03-02");
	setenv("TZ", "UTC0", 1);
	tzset();
	hk_date_today(d);
	CHECK_EQ_STR(d, "2021-03-01");
	hk_date_local(d, 0);
	CHECK_EQ_STR(d, "1970-01-01");
	setenv("HUIKAN_NOW", "not a time", 1); /* a malformed test clock: the real clock */
	hk_date_today(d);
	CHECK(strcmp(d, "2021-03-02") > 0);
	unsetenv("HUIKAN_NOW");
	hk_date_today(d);
	CHECK(strcmp(d, "2021-03-02") > 0);
	CHECK_EQ_INT(strlen(d), 10);
}

int main(void)
{
	RUN(test_forms);
	RUN(test_leap_years);
	RUN(test_no_such_date);
	RUN(test_not_a_date);
	RUN(test_today);
	return TEST_DONE();
}
