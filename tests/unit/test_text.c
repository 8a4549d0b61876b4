/*
 * test_text.c - text from data made visible for a terminal (base/text.h):
 * control characters, C1 and bidi controls and bytes that are not UTF-8 come
 * out as escapes; UTF-8 text passes unchanged.
 */
#include "base/text.h"
#include "test.h"

#include <stdlib.h>

static const char *vis(const char *s, size_t len, unsigned flags)
{
	static hk_buf b = HK_BUF_INIT;
	hk_buf_clear(&b);
	if (hk_text_visible(&b, s, len, flags) != 0)
		return "(error)";
	return b.ptr ? b.ptr : "";
}

/* A string literal with its length (it may hold NUL bytes). */
#define V(lit, flags) vis(lit, sizeof(lit) - 1, flags)

static void test_plain_text_unchanged(void)
{
	CHECK_EQ_STR(V("abc 乌石镇 \\ x", 0), "abc 乌石镇 \\ x");
	CHECK_EQ_STR(V("", 0), "");
}

static void test_controls_visible(void)
{
	CHECK_EQ_STR(V("a\x1b[2Jb", 0), "a\\x1b[2Jb");
	CHECK_EQ_STR(V("a\rb\x7f", 0), "a\\rb\\x7f");
	CHECK_EQ_STR(V("a\nb\tc", 0), "a\\nb\\tc");
	CHECK_EQ_STR(V("a\nb\tc\r", HK_TEXT_LINES), "a\nb\tc\\r");
	CHECK_EQ_STR(V("a\0b", 0), "a\\x00b");
}

static void test_c1_bidi_and_bad_bytes(void)
{
	CHECK_EQ_STR(V("a\xc2\x9b" "31mb", 0), "a\\u009b31mb");   /* CSI as U+009B */
	CHECK_EQ_STR(V("x\xe2\x80\xaey", 0), "x\\u202ey");        /* RIGHT-TO-LEFT OVERRIDE */
	CHECK_EQ_STR(V("a\x9b" "b", 0), "a\\x9bb");               /* raw C1 byte: not UTF-8 */
	CHECK_EQ_STR(V("\xff\xfe", 0), "\\xff\\xfe");
	CHECK_EQ_STR(V("\xe4\xb9", 0), "\\xe4\\xb9");             /* cut sequence */
	CHECK_EQ_STR(V("\xc0\xaf", 0), "\\xc0\\xaf");             /* overlong */
	CHECK_EQ_STR(V("\xed\xa0\x80", 0), "\\xed\\xa0\\x80");    /* surrogate */
}

static void test_vis_helper(void)
{
	hk_buf b = HK_BUF_INIT;
	CHECK_EQ_STR(hk_text_vis(&b, "pack\x1b]0;x\x07", 0), "pack\\x1b]0;x\\x07");
	CHECK_EQ_STR(hk_text_vis(&b, NULL, 0), "");
	CHECK_EQ_STR(hk_text_vis(&b, "ok", 0), "ok");
	hk_buf_free(&b);
}

int main(void)
{
	RUN(test_plain_text_unchanged);
	RUN(test_controls_visible);
	RUN(test_c1_bidi_and_bad_bytes);
	RUN(test_vis_helper);
	return TEST_DONE();
}
