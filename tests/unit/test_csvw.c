/* test_csvw.c - the CSV field writer of base/csvw.h: every cell a spreadsheet
 * would run as a formula is kept as text (formula injection), plain numbers
 * stay numbers, quoting is RFC 4180, and the importer's reading back
 * (hk_csvw_unescape) gives the original text exactly. */
#include "test.h"
#include "base/csvw.h"

#include <stdlib.h>

static char *field(const char *s)
{
	hk_buf b = HK_BUF_INIT;
	CHECK_EQ_INT(hk_csvw_str(&b, s), 0);
	return hk_buf_detach(&b);
}

#define CHECK_FIELD(in, want)                                                        \
	do {                                                                         \
		char *got_ = field(in);                                              \
		CHECK_EQ_STR(got_, want);                                            \
		free(got_);                                                          \
	} while (0)

static void test_formulas_are_neutralised(void)
{
	CHECK_FIELD("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
	CHECK_FIELD("=HYPERLINK(\"http://x.example\",\"y\")", "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\"");
	CHECK_FIELD("+1+1", "'+1+1");
	CHECK_FIELD("@SUM(1,2)", "\"'@SUM(1,2)\"");
	/* "minus followed by a digit" is not a number: it runs */
	CHECK_FIELD("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0");
	CHECK_FIELD("-1e5+cmd", "'-1e5+cmd");
	CHECK_FIELD("-", "'-");
	CHECK_FIELD("\tTAB", "\"'\tTAB\"");
	CHECK_FIELD("\r=1", "\"'\r=1\"");
	/* full-width ＝ ＋ － ＠ */
	CHECK_FIELD("\xEF\xBC\x9D" "1+1", "'\xEF\xBC\x9D" "1+1");
	CHECK_FIELD("\xEF\xBC\x8B" "1", "'\xEF\xBC\x8B" "1");
	CHECK_FIELD("\xEF\xBC\x8D" "1", "'\xEF\xBC\x8D" "1");
	CHECK_FIELD("\xEF\xBC\xA0" "x", "'\xEF\xBC\xA0" "x");
}

static void test_plain_text_and_numbers_are_kept(void)
{
	CHECK_FIELD("", "");
	CHECK_FIELD(NULL, "");
	CHECK_FIELD("梁阿婆", "梁阿婆");
	CHECK_FIELD("-12", "-12");
	CHECK_FIELD("-0.5", "-0.5");
	CHECK_FIELD("12", "12");
	CHECK_FIELD("a=b", "a=b");
	CHECK_FIELD("'quoted", "'quoted");
	CHECK_FIELD("a,b", "\"a,b\"");
	CHECK_FIELD("say \"hi\"", "\"say \"\"hi\"\"\"");
	CHECK_FIELD("two\nlines", "\"two\nlines\"");
	CHECK_FIELD(" padded ", "\" padded \"");
	CHECK_FIELD("\xEF\xBC\x88" "x", "\xEF\xBC\x88" "x"); /* full-width ( is harmless */
	CHECK(!hk_csvw_formula_like("-12.50", 6));
	CHECK(hk_csvw_formula_like("-12.", 4));
	CHECK(hk_csvw_formula_like("-.5", 3));
	CHECK(!hk_csvw_formula_like("", 0));
}

/* What the importer strips is exactly what the writer added. */
static void test_round_trip(void)
{
	static const char *const texts[] = {
		"=1+1", "'=1+1", "''=1+1", "'", "''", "'x", "x'", "-5", "'-5", "-", "'-", "@", "plain", "",
		"\xEF\xBC\x9D", "'\xEF\xBC\x9D", "-2+3+cmd|' /C calc'!A0",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		hk_buf b = HK_BUF_INIT;
		const char *s = texts[i];
		size_t skip;
		hk_csvw_field(&b, s, strlen(s));
		/* these texts need no CSV quotes: the field is the cell */
		skip = hk_csvw_unescape(b.ptr ? b.ptr : "", b.len);
		CHECK_EQ_STR(b.len ? b.ptr + skip : "", s);
		hk_buf_free(&b);
	}
}

int main(void)
{
	RUN(test_formulas_are_neutralised);
	RUN(test_plain_text_and_numbers_are_kept);
	RUN(test_round_trip);
	return TEST_DONE();
}
