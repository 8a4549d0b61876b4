/* test_csv.c - the in-place RFC 4180 parser: quoting, line ends, trimming,
 * line numbers, errors, and hk_csv_locate. */
#include "registry/csv.h"
#include "base/error.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static hk_csv c;
static char *text;

static void start(const char *s)
{
	size_t n = strlen(s);
	hk_csv_free(&c);
	free(text);
	text = malloc(n + 1);
	memcpy(text, s, n + 1);
	hk_csv_init(&c, text, n);
}

static void done(void)
{
	hk_csv_free(&c);
	free(text);
	text = NULL;
}

static void test_simple_records(void)
{
	start("a,b,c\n1,2,3\n");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 3);
	CHECK_EQ_STR(c.fields[0].ptr, "a");
	CHECK_EQ_STR(c.fields[2].ptr, "c");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_STR(c.fields[1].ptr, "2");
	CHECK_EQ_INT(c.fields[1].line, 2);
	CHECK_EQ_INT(hk_csv_next(&c), 0);
	done();
}

/* Tab-separated: tabs split, commas are text, spaces around fields dropped. */
static void test_tab_separated(void)
{
	start("a\tb, c\t \"x\ty\" \n1,5\t\t3\n");
	hk_csv_set_sep(&c, '\t');
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 3);
	CHECK_EQ_STR(c.fields[1].ptr, "b, c");
	CHECK_EQ_STR(c.fields[2].ptr, "x\ty");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 3);
	CHECK_EQ_STR(c.fields[0].ptr, "1,5");
	CHECK_EQ_STR(c.fields[1].ptr, "");
	CHECK_EQ_INT(hk_csv_next(&c), 0);
	done();
}

static void test_quotes_and_escapes(void)
{
	start("\"a,b\",\"say \"\"hi\"\"\",\"\"\n");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 3);
	CHECK_EQ_STR(c.fields[0].ptr, "a,b");
	CHECK_EQ_STR(c.fields[1].ptr, "say \"hi\"");
	CHECK_EQ_INT(c.fields[1].len, 8);
	CHECK_EQ_STR(c.fields[2].ptr, "");
	CHECK(c.fields[2].quoted);
	done();
}

static void test_multiline_field_and_lines(void)
{
	start("x,\"line1\r\nline2\nline3\"\ny,z");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_STR(c.fields[1].ptr, "line1\r\nline2\nline3");
	CHECK_EQ_INT(c.fields[1].line, 1);
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.fields[0].line, 4);
	CHECK_EQ_STR(c.fields[1].ptr, "z"); /* no newline at EOF */
	CHECK_EQ_INT(hk_csv_next(&c), 0);
	done();
}

static void test_crlf_cr_and_empty_fields(void)
{
	start("a,,\r\n,b\rc\r\n");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 3);
	CHECK_EQ_INT(c.fields[1].len, 0);
	CHECK_EQ_INT(c.fields[2].len, 0);
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 2);
	CHECK_EQ_STR(c.fields[1].ptr, "b");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_STR(c.fields[0].ptr, "c");
	CHECK_EQ_INT(c.fields[0].line, 3);
	CHECK_EQ_INT(hk_csv_next(&c), 0);
	done();
}

static void test_trailing_comma_at_eof(void)
{
	start("a,");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 2);
	CHECK_EQ_INT(c.fields[1].len, 0);
	done();
}

static void test_trim_unquoted_not_quoted(void)
{
	start("  a b \t, \" x \" ,\t\n");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 3);
	CHECK_EQ_STR(c.fields[0].ptr, "a b");
	CHECK_EQ_STR(c.fields[1].ptr, " x ");
	CHECK_EQ_INT(c.fields[2].len, 0);
	done();
}

static void test_unterminated_quote(void)
{
	start("a,b\n1,\"open\n2,3\n");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(hk_csv_next(&c), HK_EINPUT);
	CHECK_EQ_INT(c.err_line, 2);
	CHECK_EQ_INT(c.err_field, 2);
	CHECK_EQ_STR(c.err_what, "unterminated quoted field");
	CHECK(c.err_len == 5 && memcmp(c.err_at, "\"open", 5) == 0);
	done();
}

static void test_text_after_quote(void)
{
	start("\"ab\"c,d\n");
	CHECK_EQ_INT(hk_csv_next(&c), HK_EINPUT);
	CHECK_EQ_INT(c.err_field, 1);
	CHECK_EQ_STR(c.err_what, "text after the closing quote of a field");
	done();
}

/* start() with n bytes that may hold NULs */
static void start_bytes(const char *s, size_t n)
{
	hk_csv_free(&c);
	free(text);
	text = malloc(n + 1);
	memcpy(text, s, n);
	text[n] = '\0';
	hk_csv_init(&c, text, n);
}

static void test_nul_in_field(void)
{
	/* unquoted, in the header: the error names line 1, field 2 */
	start_bytes("id,na\0me,x\n1,2,3\n", 18);
	CHECK_EQ_INT(hk_csv_next(&c), HK_EINPUT);
	CHECK_EQ_INT(c.err_line, 1);
	CHECK_EQ_INT(c.err_field, 2);
	CHECK(strstr(c.err_what, "NUL byte") != NULL);
	CHECK(c.err_len == 7 && memcmp(c.err_at, "na\0me,x", 7) == 0);
	/* quoted, spanning lines: the line where the field starts */
	start_bytes("a,b\n1,\"x\ny\0\"\n", 14);
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(hk_csv_next(&c), HK_EINPUT);
	CHECK_EQ_INT(c.err_line, 2);
	CHECK_EQ_INT(c.err_field, 2);
	CHECK(strstr(c.err_what, "NUL byte") != NULL);
	/* at the very end of the text */
	start_bytes("a,b\0", 4);
	CHECK_EQ_INT(hk_csv_next(&c), HK_EINPUT);
	CHECK_EQ_INT(c.err_field, 2);
	done();
}

static void test_many_fields(void)
{
	char buf[4000];
	size_t n = 0;
	for (int i = 0; i < 500; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%d", i ? "," : "", i);
	start(buf);
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.nfields, 500);
	CHECK_EQ_STR(c.fields[499].ptr, "499");
	done();
}

static void test_locator(void)
{
	const char *s = "a,b\r\n\"x\ny\",q\xff,z\n";
	size_t off = (size_t)(strchr(s, '\xff') - s);
	struct hk_csv_locator l, m;
	hk_csv_locator_init(&l);
	hk_csv_locator_feed(&l, s, off);
	CHECK_EQ_INT(l.fline, 3);
	CHECK_EQ_INT(l.field, 2);
	CHECK_EQ_INT(l.fstart, off - 1);
	/* fed in pieces, the same answer (CRLF split across pieces) */
	hk_csv_locator_init(&m);
	hk_csv_locator_feed(&m, s, 4);
	hk_csv_locator_feed(&m, s + 4, off - 4);
	CHECK_EQ_INT(m.fline, l.fline);
	CHECK_EQ_INT(m.field, l.field);
	CHECK_EQ_INT(m.fstart, l.fstart);
	CHECK_EQ_INT(m.line, 3);
}

static void test_feed_keeps_lines(void)
{
	char a[] = "h1,h2\n1,2\n", b[] = "3,\"x\ny\"\n5,6";
	hk_csv_init(&c, a, strlen(a));
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(hk_csv_next(&c), 0);
	hk_csv_feed(&c, b, strlen(b));
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.fields[0].line, 3);
	CHECK_EQ_STR(c.fields[1].ptr, "x\ny");
	CHECK_EQ_INT(hk_csv_next(&c), 1);
	CHECK_EQ_INT(c.fields[0].line, 5);
	CHECK_EQ_STR(c.fields[1].ptr, "6");
	hk_csv_free(&c);
}

int main(void)
{
	RUN(test_simple_records);
	RUN(test_quotes_and_escapes);
	RUN(test_multiline_field_and_lines);
	RUN(test_crlf_cr_and_empty_fields);
	RUN(test_trailing_comma_at_eof);
	RUN(test_trim_unquoted_not_quoted);
	RUN(test_unterminated_quote);
	RUN(test_text_after_quote);
	RUN(test_nul_in_field);
	RUN(test_many_fields);
	RUN(test_locator);
	RUN(test_feed_keeps_lines);
	RUN(test_tab_separated);
	return TEST_DONE();
}
