/* test_json.c - the JSON string writer and the DOM parser, including its errors. */
#include "test.h"
#include "base/error.h"
#include "base/json.h"

#include <stdlib.h>
#include <string.h>

static void test_put_str(void)
{
	hk_buf b = HK_BUF_INIT;
	CHECK_EQ_INT(hk_json_put_str(&b, "a\"b\\c\n\x01户", strlen("a\"b\\c\n\x01户")), 0);
	CHECK_EQ_STR(b.ptr, "\"a\\\"b\\\\c\\n\\u0001户\"");
	hk_buf_free(&b);
}

static void test_parse_object(void)
{
	const char *t = "{\"a\": 1, \"b\": [true, null, -2.5e1], \"c\": \"x\\u00e9\\ud83d\\ude00\", \"d\": 9007199254740993}";
	hk_json *v = NULL;
	long long i = 0;
	CHECK_EQ_INT(hk_json_parse(&v, t, strlen(t)), 0);
	CHECK_EQ_INT(hk_json_type_of(v), HK_JSON_OBJECT);
	CHECK_EQ_INT(hk_json_len(v), 4);
	CHECK_EQ_STR(hk_json_key_at(v, 1), "b");
	CHECK_EQ_INT(hk_json_int(hk_json_get(v, "a"), &i), 0);
	CHECK_EQ_INT(i, 1);
	CHECK_EQ_INT(hk_json_int(hk_json_get(v, "d"), &i), 0);
	CHECK_EQ_INT(i, 9007199254740993LL);
	CHECK(hk_json_bool(hk_json_at(hk_json_get(v, "b"), 0)));
	CHECK_EQ_INT(hk_json_type_of(hk_json_at(hk_json_get(v, "b"), 1)), HK_JSON_NULL);
	CHECK(hk_json_num(hk_json_at(hk_json_get(v, "b"), 2)) == -25.0);
	CHECK(hk_json_int(hk_json_at(hk_json_get(v, "b"), 2), &i) != 0);
	CHECK_EQ_STR(hk_json_str(hk_json_get(v, "c")), "x\xc3\xa9\xf0\x9f\x98\x80");
	CHECK(hk_json_get(v, "zz") == NULL);
	hk_json_free(v);
}

static void test_parse_errors(void)
{
	static const struct { const char *text, *msg; } cases[] = {
		{"{\"a\": }", "line 1, column 7: unexpected character"},
		{"[1, 2", "line 1, column 6: ',' or ']' expected"},
		{"{\"a\": 1}\n x", "line 2, column 2: text after the JSON value"},
		{"\"abc", "line 1, column 5: unterminated string"},
		{"{1: 2}", "line 1, column 2: object key (a string) expected"},
		{"01", "line 1, column 2: text after the JSON value"},
		{"\"\\ud800\"", "line 1, column 8: unpaired surrogate in \\u escape"},
		{"", "line 1, column 1: value expected, end of text found"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hk_json *v = (hk_json *)1;
		CHECK_EQ_INT(hk_json_parse(&v, cases[i].text, strlen(cases[i].text)), HK_EINPUT);
		CHECK(v == NULL);
		CHECK_EQ_STR(hk_error_last(), cases[i].msg);
	}
}

static void test_deep_nesting_refused(void)
{
	char *t = malloc(20001);
	hk_json *v = NULL;
	memset(t, '[', 20000);
	t[20000] = '\0';
	CHECK_EQ_INT(hk_json_parse(&v, t, 20000), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "nesting too deep") != NULL);
	free(t);
}

static void test_buf(void)
{
	hk_buf b = HK_BUF_INIT;
	char *s;
	for (int i = 0; i < 1000; i++)
		CHECK_EQ_INT(hk_buf_printf(&b, "%d,", i), 0);
	CHECK_EQ_INT(b.len, 3890);
	hk_buf_clear(&b);
	CHECK_EQ_STR(b.ptr, "");
	hk_buf_puts(&b, "xy");
	s = hk_buf_detach(&b);
	CHECK_EQ_STR(s, "xy");
	CHECK(b.ptr == NULL);
	free(s);
	hk_buf_free(NULL);
}

static void test_write_round_trip(void)
{
	const char *text = " { \"a\" : [1, -2, 0.5, true, false, null], \"b\": {\"c\": \"x\\\"y\\n\"}, \"d\": {} } ";
	hk_json *v = NULL;
	hk_buf b = HK_BUF_INIT;
	CHECK_EQ_INT(hk_json_parse(&v, text, strlen(text)), 0);
	CHECK_EQ_INT(hk_json_write(&b, v), 0);
	CHECK_EQ_STR(b.ptr, "{\"a\":[1,-2,0.5,true,false,null],\"b\":{\"c\":\"x\\\"y\\n\"},\"d\":{}}");
	hk_json_free(v);
	hk_buf_free(&b);
}

int main(void)
{
	RUN(test_put_str);
	RUN(test_parse_object);
	RUN(test_parse_errors);
	RUN(test_deep_nesting_refused);
	RUN(test_buf);
	RUN(test_write_round_trip);
	return TEST_DONE();
}
