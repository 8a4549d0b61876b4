/* test_values.c - money, integers, reals, booleans and money formatting. */
#include "base/error.h"
#include "test.h"
#include "registry/values.h"
#include "registry/header.h"

#include <string.h>

#define S(x) x, strlen(x)

static void test_money(void)
{
	long long f = -1;
	const char *why = NULL;
	CHECK_EQ_INT(hk_values_money(&f, S("1000"), &why), 0);
	CHECK_EQ_INT(f, 100000);
	CHECK_EQ_INT(hk_values_money(&f, S("1000.5"), &why), 0);
	CHECK_EQ_INT(f, 100050);
	CHECK_EQ_INT(hk_values_money(&f, S("1000.05"), &why), 0);
	CHECK_EQ_INT(f, 100005);
	CHECK_EQ_INT(hk_values_money(&f, S("-0.01"), &why), 0);
	CHECK_EQ_INT(f, -1);
	CHECK_EQ_INT(hk_values_money(&f, S("0.1"), &why), 0);
	CHECK_EQ_INT(f, 10); /* exact, no float drift */
	CHECK_EQ_INT(hk_values_money(&f, S("1000.505"), &why), HK_EINPUT);
	CHECK(strstr(why, "2 decimals"));
	CHECK_EQ_INT(hk_values_money(&f, S("12k"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_money(&f, S("1,00"), &why), HK_EINPUT); /* 1,000 is Excel's thousands: test_money_excel */
	CHECK_EQ_INT(hk_values_money(&f, S(".5"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_money(&f, S("5."), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_money(&f, S("-"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_money(&f, S("1.2.3"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_money(&f, S("99999999999999999999"), &why), HK_EINPUT);
	CHECK(strstr(why, "range"));
	CHECK_EQ_INT(hk_values_money(&f, S("1.00000000000000000000001"), &why), HK_EINPUT);
}

static void test_money_format(void)
{
	char b[32];
	hk_values_money_format(b, 100000);
	CHECK_EQ_STR(b, "1000");
	hk_values_money_format(b, 100050);
	CHECK_EQ_STR(b, "1000.5");
	hk_values_money_format(b, 100005);
	CHECK_EQ_STR(b, "1000.05");
	hk_values_money_format(b, -5);
	CHECK_EQ_STR(b, "-0.05");
	hk_values_money_format(b, 0);
	CHECK_EQ_STR(b, "0");
	/* round trip */
	for (long long v = -1234; v <= 1234; v += 7) {
		long long back = 0;
		const char *why;
		size_t n = hk_values_money_format(b, v);
		CHECK(hk_values_money(&back, b, n, &why) == 0 && back == v);
	}
}

static void test_int_real_bool(void)
{
	long long n = 0;
	double d = 0;
	int b = -1;
	const char *why = NULL;
	CHECK_EQ_INT(hk_values_int(&n, S("2015"), &why), 0);
	CHECK_EQ_INT(n, 2015);
	CHECK_EQ_INT(hk_values_int(&n, S("-3"), &why), 0);
	CHECK_EQ_INT(n, -3);
	CHECK_EQ_INT(hk_values_int(&n, S("2015.0"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_int(&n, S("-"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_int(&n, S("99999999999999999999"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_real(&d, S("85.5"), &why), 0);
	CHECK(d == 85.5);
	CHECK_EQ_INT(hk_values_real(&d, S("1e3"), &why), 0);
	CHECK(d == 1000.0);
	CHECK_EQ_INT(hk_values_real(&d, S("inf"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_real(&d, S("nan"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_real(&d, S("0x10"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_real(&d, S("1e999"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_real(&d, S("8,5"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_bool(&b, S("是"), &why), 0);
	CHECK_EQ_INT(b, 1);
	CHECK_EQ_INT(hk_values_bool(&b, S("否"), &why), 0);
	CHECK_EQ_INT(b, 0);
	CHECK_EQ_INT(hk_values_bool(&b, S("TRUE"), &why), 0);
	CHECK_EQ_INT(b, 1);
	CHECK_EQ_INT(hk_values_bool(&b, S("0"), &why), 0);
	CHECK_EQ_INT(b, 0);
	CHECK_EQ_INT(hk_values_bool(&b, S("yes"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_bool(&b, S("2"), &why), HK_EINPUT);
}

static void test_real_format_round_trip(void)
{
	char b[40];
	double vals[] = {85.5, 0.1, 1.0 / 3.0, 4.35, 1e-7, 123456789.125, -2.5};
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		double back = 0;
		const char *why;
		size_t n = hk_values_real_format(b, vals[i]);
		CHECK(hk_values_real(&back, b, n, &why) == 0 && back == vals[i]);
	}
	hk_values_real_format(b, 85.5);
	CHECK_EQ_STR(b, "85.5");
}

/* Money as Excel shows it: separators in their places, a currency sign, 元. */
static void test_money_excel(void)
{
	long long f = -1;
	const char *why = NULL;
	CHECK_EQ_INT(hk_values_money(&f, S("10,379.00"), &why), 0);
	CHECK_EQ_INT(f, 1037900);
	CHECK_EQ_INT(hk_values_money(&f, S("1,234,567.5"), &why), 0);
	CHECK_EQ_INT(f, 123456750);
	CHECK_EQ_INT(hk_values_money(&f, S("¥1,000"), &why), 0);
	CHECK_EQ_INT(f, 100000);
	CHECK_EQ_INT(hk_values_money(&f, S("-￥5.5"), &why), 0);
	CHECK_EQ_INT(f, -550);
	CHECK_EQ_INT(hk_values_money(&f, S("¥-5"), &why), 0);
	CHECK_EQ_INT(f, -500);
	CHECK_EQ_INT(hk_values_money(&f, S("300元"), &why), 0);
	CHECK_EQ_INT(f, 30000);
	CHECK_EQ_INT(hk_values_money(&f, S("10,37.00"), &why), HK_EINPUT);   /* a separator out of place */
	CHECK_EQ_INT(hk_values_money(&f, S("1037,900"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_money(&f, S(",100"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_money(&f, S("1,000.005"), &why), HK_EINPUT);
	CHECK_EQ_STR(why, "more than 2 decimals in an amount of yuan");
	CHECK_EQ_INT(hk_values_money(&f, S("¥"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_money(&f, S("$100"), &why), HK_EINPUT);
}

/* Dates of a date column: the base forms, 年月日, dots and Excel serials. */
static void test_dates_excel(void)
{
	char d[11];
	const char *why = NULL;
	CHECK_EQ_INT(hk_values_date(d, S("2020-06-30"), &why), 0);
	CHECK_EQ_STR(d, "2020-06-30");
	CHECK_EQ_INT(hk_values_date(d, S("2020年6月30日"), &why), 0);
	CHECK_EQ_STR(d, "2020-06-30");
	CHECK_EQ_INT(hk_values_date(d, S("2020年06月03日"), &why), 0);
	CHECK_EQ_STR(d, "2020-06-03");
	CHECK_EQ_INT(hk_values_date(d, S("2020.6.30"), &why), 0);
	CHECK_EQ_STR(d, "2020-06-30");
	CHECK_EQ_INT(hk_values_date(d, S("43982"), &why), 0); /* Excel's serial of 2020-05-31 */
	CHECK_EQ_STR(d, "2020-05-31");
	CHECK_EQ_INT(hk_values_date(d, S("43982.75"), &why), 0);
	CHECK_EQ_STR(d, "2020-05-31");
	CHECK_EQ_INT(hk_values_date(d, S("2021年2月31日"), &why), HK_EINPUT);
	CHECK_EQ_STR(why, "no such date");
	CHECK_EQ_INT(hk_values_date(d, S("2020年6月30"), &why), HK_EINPUT);
	CHECK_EQ_STR(why, "not a date");
	CHECK_EQ_INT(hk_values_date(d, S("2020.6-30"), &why), HK_EINPUT);
	CHECK_EQ_INT(hk_values_date(d, S("2020"), &why), HK_EINPUT); /* a year, not the serial of 1905-07-12 */
	CHECK_EQ_STR(why, "not a date");
	CHECK_EQ_INT(hk_values_date(d, S("10000"), &why), 0);
	CHECK_EQ_STR(d, "1927-05-18");
	CHECK_EQ_INT(hk_values_date(d, S("439820"), &why), HK_EINPUT);
	CHECK_EQ_STR(why, "not a date");
}

static void test_excel_sci(void)
{
	CHECK_EQ_INT(hk_values_excel_sci(S("4.50922E+17")), 1);
	CHECK_EQ_INT(hk_values_excel_sci(S("4.50922195008211e17")), 1);
	CHECK_EQ_INT(hk_values_excel_sci(S("4.5E+11")), 1);
	CHECK_EQ_INT(hk_values_excel_sci(S("4.5E+10")), 0);
	CHECK_EQ_INT(hk_values_excel_sci(S("450922195008210998")), 0);
	CHECK_EQ_INT(hk_values_excel_sci(S("45092219500821099X")), 0);
	CHECK_EQ_INT(hk_values_excel_sci(S("E+17")), 0);
}

static void test_header_norm(void)
{
	hk_buf b = HK_BUF_INIT;
	CHECK_EQ_STR(hk_header_norm(&b, S("人均纯收入（元）")), "人均纯收入");
	CHECK_EQ_STR(hk_header_norm(&b, S("人均纯收入(元)")), "人均纯收入");
	CHECK_EQ_STR(hk_header_norm(&b, S("人均纯收入【元/人】")), "人均纯收入");
	CHECK_EQ_STR(hk_header_norm(&b, S("住房面积[㎡]")), "住房面积");
	CHECK_EQ_STR(hk_header_norm(&b, S("户 编\n号")), "户编号");
	CHECK_EQ_STR(hk_header_norm(&b, S("户\xE3\x80\x80编号")), "户编号");
	CHECK_EQ_STR(hk_header_norm(&b, S("ｉｄ＿ｎｕｍｂｅｒ")), "id_number");
	CHECK_EQ_STR(hk_header_norm(&b, S("（元）")), "(元)"); /* nothing before the unit: kept */
	CHECK_EQ_INT(hk_header_is_serial(hk_header_norm(&b, S("序 号"))), 1);
	hk_buf_free(&b);
}

int main(void)
{
	RUN(test_money_excel);
	RUN(test_dates_excel);
	RUN(test_excel_sci);
	RUN(test_header_norm);
	RUN(test_money);
	RUN(test_money_format);
	RUN(test_int_real_bool);
	RUN(test_real_format_round_trip);
	return TEST_DONE();
}
