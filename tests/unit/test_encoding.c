/* test_encoding.c - UTF-8 validation, GB18030 conversion, and the streaming
 * reader textin: detection, BOMs, chunk boundaries, undecodable bytes. */
#include "registry/encoding.h"
#include "base/error.h"
#include "base/text.h"
#include "test.h"
#include "registry/textin.h"

#include <stdlib.h>
#include <string.h>

/* 未脱贫 in UTF-8 and in GB18030 */
#define WTP_UTF8 "\xe6\x9c\xaa\xe8\x84\xb1\xe8\xb4\xab"
#define WTP_GB "\xce\xb4\xcd\xd1\xc6\xb6"

/* Reads all of `data` through textin; the concatenated blocks go to *out
 * (free it). Returns the last hk_textin_next result (0 = clean end). */
static int read_all(const char *data, size_t len, enum hk_encoding enc, char **out, size_t *outlen,
		    enum hk_encoding *detected, hk_textin **keep)
{
	hk_textin *in = NULL;
	hk_buf b = HK_BUF_INIT;
	char *t;
	size_t n;
	int rc = hk_textin_open(&in, NULL, data, len, enc);
	if (rc < 0)
		return rc;
	while ((rc = hk_textin_next(in, &t, &n)) == 1) {
		CHECK(n > 0);
		hk_buf_put(&b, t, n);
	}
	*detected = hk_textin_encoding(in);
	*outlen = b.len;
	*out = hk_buf_detach(&b);
	if (keep)
		*keep = in;
	else
		hk_textin_free(in);
	return rc;
}

static void test_utf8_invalid(void)
{
	CHECK_EQ_INT(hk_text_utf8_invalid("abc", 3), 3);
	CHECK_EQ_INT(hk_text_utf8_invalid(WTP_UTF8, 9), 9);
	CHECK_EQ_INT(hk_text_utf8_invalid("ab\xff", 3), 2);
	CHECK_EQ_INT(hk_text_utf8_invalid("a\xe6\x9c", 3), 1);          /* truncated */
	CHECK_EQ_INT(hk_text_utf8_invalid("\xc0\xaf", 2), 0);           /* overlong */
	CHECK_EQ_INT(hk_text_utf8_invalid("\xed\xa0\x80", 3), 0);       /* surrogate */
	CHECK_EQ_INT(hk_text_utf8_invalid("\xf4\x90\x80\x80", 4), 0);   /* > U+10FFFF */
	CHECK_EQ_INT(hk_text_utf8_invalid("\xf0\x9f\x98\x80", 4), 4);   /* emoji */
	CHECK_EQ_INT(hk_text_utf8_invalid("0123456789abcdef\x80", 17), 16); /* after the fast path */
}

/* Reads `src` (srclen bytes) as `enc`: it must decode to `want` from `as`. */
static void check_decodes(const char *src, size_t srclen, enum hk_encoding enc, const char *want,
			  size_t wantlen, enum hk_encoding as)
{
	char *out = NULL;
	size_t n = 0;
	enum hk_encoding e;
	CHECK_EQ_INT(read_all(src, srclen, enc, &out, &n, &e, NULL), 0);
	CHECK_EQ_INT(e, as);
	CHECK(n == wantlen && memcmp(out, want, n) == 0);
	free(out);
}

static void test_detect_utf8(void)
{
	check_decodes("a," WTP_UTF8 "\n", 12, HK_ENC_AUTO, "a," WTP_UTF8 "\n", 12, HK_ENC_UTF8);
}

static void test_bom_stripped(void)
{
	check_decodes("\xef\xbb\xbfid\n", 6, HK_ENC_AUTO, "id\n", 3, HK_ENC_UTF8);
}

static void test_detect_gb18030(void)
{
	check_decodes("s," WTP_GB "\n", 9, HK_ENC_AUTO, "s," WTP_UTF8 "\n", 12, HK_ENC_GB18030);
}

/* Several MiB so that chunk boundaries fall inside multibyte characters,
 * quoted fields and CRLFs: the blocks must still add up to the decoded text
 * and end at record boundaries. */
static void test_chunk_boundaries(void)
{
	hk_buf src = HK_BUF_INIT, want = HK_BUF_INIT;
	hk_textin *in = NULL;
	char *t, *out = NULL;
	size_t n = 0, blocks = 0;
	enum hk_encoding e;
	int rc, ends_ok = 1;
	for (int i = 0; src.len < 3 * 1024 * 1024 + 7; i++) {
		hk_buf_printf(&src, "%d," WTP_GB ",\"q\n%d\"\r\n", i, i);
		hk_buf_printf(&want, "%d," WTP_UTF8 ",\"q\n%d\"\r\n", i, i);
	}
	CHECK_EQ_INT(read_all(src.ptr, src.len, HK_ENC_AUTO, &out, &n, &e, NULL), 0);
	CHECK_EQ_INT(e, HK_ENC_GB18030);
	CHECK(n == want.len && memcmp(out, want.ptr, n) == 0);
	free(out);
	CHECK_EQ_INT(hk_textin_open(&in, NULL, src.ptr, src.len, HK_ENC_GB18030), 0);
	while ((rc = hk_textin_next(in, &t, &n)) == 1) {
		blocks++;
		ends_ok &= t[n - 1] == '\n' && t[n - 2] == '\r';
	}
	CHECK_EQ_INT(rc, 0);
	CHECK(blocks >= 2);
	CHECK(ends_ok);
	hk_textin_free(in);
	hk_buf_free(&src);
	hk_buf_free(&want);
}

/* Reads `s` as `enc`, expects undecodable bytes in field `field` of line
 * `line` whose raw bytes are `raw_want` (NULL: not checked). */
static void check_located(const char *s, size_t len, enum hk_encoding enc, unsigned long line_want,
			  size_t field_want, const char *raw_want)
{
	hk_textin *in = NULL;
	hk_buf raw = HK_BUF_INIT;
	char *out = NULL;
	size_t n = 0, field = 0;
	unsigned long line = 0;
	enum hk_encoding e;
	CHECK_EQ_INT(read_all(s, len, enc, &out, &n, &e, &in), HK_EINPUT);
	CHECK_EQ_INT(hk_textin_locate_bad(in, &line, &field, &raw), 0);
	CHECK_EQ_INT(line, line_want);
	CHECK_EQ_INT(field, field_want);
	if (raw_want)
		CHECK_EQ_STR(raw.ptr, raw_want);
	hk_textin_free(in);
	hk_buf_free(&raw);
	free(out);
}

static void test_undecodable_located(void)
{
	const char *s = "a,b\n\"x\ny\",abc\xff\xff,z\n";
	check_located(s, strlen(s), HK_ENC_AUTO, 3, 2, "abc\xff\xff");
}

static void test_forced_utf8_refuses_gb18030(void)
{
	check_located("h,i\nx," WTP_GB "\n", 13, HK_ENC_UTF8, 2, 2, NULL);
}

/* UTF-8 text with one stray byte that GB18030 would happily decode (CE 61)
 * is a broken UTF-8 file, not GB18030 garbage. */
static void test_mostly_utf8_is_not_gb18030(void)
{
	hk_buf s = HK_BUF_INIT;
	hk_textin *in = NULL;
	for (int i = 0; i < 10; i++)
		hk_buf_puts(&s, "\xe6\x9d\x8e\xe6\x98\x8e,\xe5\xbc\xa0\xe4\xbc\x9f\n"); /* 李明,张伟 */
	hk_buf_puts(&s, "x\xce" "a,b\n");
	check_located(s.ptr, s.len, HK_ENC_AUTO, 11, 1, "x\xce" "a");
	CHECK_EQ_INT(hk_textin_open(&in, NULL, s.ptr, s.len, HK_ENC_AUTO), 0);
	CHECK_EQ_INT(hk_textin_encoding(in), HK_ENC_UTF8);
	hk_textin_free(in);
	hk_buf_free(&s);
}

static void test_forced_gb18030_ascii(void)
{
	check_decodes("plain", 5, HK_ENC_GB18030, "plain", 5, HK_ENC_GB18030);
}

static void test_truncated_gb18030_at_end(void)
{
	char *out = NULL;
	size_t n = 0;
	enum hk_encoding e;
	CHECK_EQ_INT(read_all("a\xce", 2, HK_ENC_GB18030, &out, &n, &e, NULL), HK_EINPUT);
	free(out);
}

static void test_missing_file(void)
{
	hk_textin *in = NULL;
	CHECK_EQ_INT(hk_textin_open(&in, "/nonexistent/x.csv", NULL, 0, HK_ENC_AUTO), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "/nonexistent/x.csv: cannot open") != NULL);
	CHECK(in == NULL);
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
	RUN(test_detect_utf8);
	RUN(test_bom_stripped);
	RUN(test_detect_gb18030);
	RUN(test_chunk_boundaries);
	RUN(test_undecodable_located);
	RUN(test_forced_utf8_refuses_gb18030);
	RUN(test_mostly_utf8_is_not_gb18030);
	RUN(test_forced_gb18030_ascii);
	RUN(test_truncated_gb18030_at_end);
	RUN(test_missing_file);
	RUN(test_encode_round_trip);
	RUN(test_parse_names);
	return TEST_DONE();
}
