/* test_encoding.c - UTF-8 validation, BOM, GB18030 detection and conversion. */
#include "encoding.h"
#include "error.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* 未脱贫 in UTF-8 and in GB18030 */
#define WTP_UTF8 "\xe6\x9c\xaa\xe8\x84\xb1\xe8\xb4\xab"
#define WTP_GB "\xce\xb4\xcd\xd1\xc6\xb6"

static char *dup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void test_utf8_invalid(void)
{
	CHECK_EQ_INT(hk_utf8_invalid("abc", 3), 3);
	CHECK_EQ_INT(hk_utf8_invalid(WTP_UTF8, 9), 9);
	CHECK_EQ_INT(hk_utf8_invalid("ab\xff", 3), 2);
	CHECK_EQ_INT(hk_utf8_invalid("a\xe6\x9c", 3), 1);          /* truncated */
	CHECK_EQ_INT(hk_utf8_invalid("\xc0\xaf", 2), 0);           /* overlong */
	CHECK_EQ_INT(hk_utf8_invalid("\xed\xa0\x80", 3), 0);       /* surrogate */
	CHECK_EQ_INT(hk_utf8_invalid("\xf4\x90\x80\x80", 4), 0);   /* > U+10FFFF */
	CHECK_EQ_INT(hk_utf8_invalid("\xf0\x9f\x98\x80", 4), 4);   /* emoji */
	CHECK_EQ_INT(hk_utf8_invalid("0123456789abcdef\x80", 17), 16); /* after the fast path */
}

static void test_detect_utf8_in_place(void)
{
	struct hk_decoded d;
	char *in = dup("a," WTP_UTF8 "\n", 12);
	CHECK_EQ_INT(hk_encoding_decode(&d, in, 12, HK_ENC_AUTO), 0);
	CHECK_EQ_INT(d.enc, HK_ENC_UTF8);
	CHECK(d.base == in && d.text == in && d.len == 12);
	free(d.base);
}

static void test_bom_stripped(void)
{
	struct hk_decoded d;
	char *in = dup("\xef\xbb\xbfid\n", 6);
	CHECK_EQ_INT(hk_encoding_decode(&d, in, 6, HK_ENC_AUTO), 0);
	CHECK_EQ_INT(d.len, 3);
	CHECK(memcmp(d.text, "id\n", 3) == 0);
	free(d.base);
}

static void test_detect_gb18030(void)
{
	struct hk_decoded d;
	char *in = dup("s," WTP_GB "\n", 9);
	CHECK_EQ_INT(hk_encoding_decode(&d, in, 9, HK_ENC_AUTO), 0);
	CHECK_EQ_INT(d.enc, HK_ENC_GB18030);
	CHECK_EQ_INT(d.len, 12);
	CHECK(memcmp(d.text, "s," WTP_UTF8 "\n", 12) == 0);
	free(d.base);
}

static void test_undecodable(void)
{
	struct hk_decoded d;
	char *in = dup("abc,\xff\xff", 6);
	CHECK_EQ_INT(hk_encoding_decode(&d, in, 6, HK_ENC_AUTO), HK_EINPUT);
	CHECK_EQ_INT(d.bad, 4);
	free(d.base);
	in = dup("x," WTP_GB, 8);
	CHECK_EQ_INT(hk_encoding_decode(&d, in, 8, HK_ENC_UTF8), HK_EINPUT); /* forced */
	CHECK_EQ_INT(d.bad, 4); /* \xce\xb4 happens to be valid UTF-8 */
	free(d.base);
}

static void test_forced_gb18030_ascii(void)
{
	struct hk_decoded d;
	char *in = dup("plain", 5);
	CHECK_EQ_INT(hk_encoding_decode(&d, in, 5, HK_ENC_GB18030), 0);
	CHECK(d.len == 5 && memcmp(d.text, "plain", 5) == 0);
	free(d.base);
}

static void test_encode_round_trip(void)
{
	hk_buf b = HK_BUF_INIT;
	CHECK_EQ_INT(hk_encoding_encode(&b, WTP_UTF8, 9, HK_ENC_GB18030), 0);
	CHECK(b.len == 6 && memcmp(b.ptr, WTP_GB, 6) == 0);
	hk_buf_clear(&b);
	CHECK_EQ_INT(hk_encoding_encode(&b, "ab\xff", 3, HK_ENC_GB18030), HK_EINPUT);
	hk_buf_free(&b);
}

static void test_parse_names(void)
{
	enum hk_encoding e;
	CHECK(hk_encoding_parse(&e, "UTF-8") == 0 && e == HK_ENC_UTF8);
	CHECK(hk_encoding_parse(&e, "gb18030") == 0 && e == HK_ENC_GB18030);
	CHECK(hk_encoding_parse(&e, NULL) == 0 && e == HK_ENC_AUTO);
	CHECK_EQ_INT(hk_encoding_parse(&e, "latin1"), HK_EINPUT);
}

int main(void)
{
	RUN(test_utf8_invalid);
	RUN(test_detect_utf8_in_place);
	RUN(test_bom_stripped);
	RUN(test_detect_gb18030);
	RUN(test_undecodable);
	RUN(test_forced_gb18030_ascii);
	RUN(test_encode_round_trip);
	RUN(test_parse_names);
	return TEST_DONE();
}
