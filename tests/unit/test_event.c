/*
 * test_event.c - event JSON, file names, parsing and the checks on them.
 */
#include "ledger/event.h"
#include "base/error.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static struct hk_event sample(void)
{
	struct hk_event e = {0};
	e.type = HK_EV_ASSIGNED;
	e.lamport = 42;
	e.office = "county";
	e.actor = "Olga <olga@x.cn>";
	e.time = "2026-11-23T10:00:00Z";
	e.finding = "F-0123456789ab";
	e.prev = "aaaaaaaaaaaa";
	e.unit = "县教育局 \"quoted\"";
	e.due = "2026-12-31";
	return e;
}

/* Writes e's JSON and the file name it gets (with lamport `name_lamport`). */
static void encode(const struct hk_event *e, unsigned long long name_lamport, hk_buf *json, hk_buf *name, char *hash)
{
	hk_event_to_json(json, e);
	hk_event_hash(hash, json->ptr, json->len);
	hk_event_file_name(name, name_lamport, e->office, hash);
}

static void test_roundtrip(void)
{
	struct hk_event e = sample(), back;
	hk_buf json = HK_BUF_INIT, name = HK_BUF_INIT;
	char hash[HK_EVENT_HASH_LEN + 1];
	CHECK_EQ_INT(hk_event_to_json(&json, &e), 0);
	hk_event_hash(hash, json.ptr, json.len);
	CHECK_EQ_INT(hk_event_file_name(&name, e.lamport, e.office, hash), 0);
	CHECK(strncmp(name.ptr, "0000000042-county-", 18) == 0);
	CHECK_EQ_INT(hk_event_parse(&back, name.ptr, json.ptr, json.len), 0);
	CHECK_EQ_INT(back.type, HK_EV_ASSIGNED);
	CHECK_EQ_INT(back.lamport, 42);
	CHECK_EQ_STR(back.unit, "县教育局 \"quoted\"");
	CHECK_EQ_STR(back.due, "2026-12-31");
	CHECK_EQ_STR(back.prev, "aaaaaaaaaaaa");
	CHECK_EQ_STR(back.hash, hash);
	CHECK(back.reason == NULL);
	hk_event_clear(&back);
	hk_buf_free(&json);
	hk_buf_free(&name);
}

static void test_evidence_roundtrip(void)
{
	struct hk_event e = sample(), back;
	struct hk_evidence_ref ev = {"photo.jpg", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 12};
	hk_buf json = HK_BUF_INIT, name = HK_BUF_INIT;
	char hash[HK_EVENT_HASH_LEN + 1];
	e.type = HK_EV_SUBMITTED;
	e.note = "done";
	e.evidence = &ev;
	e.nevidence = 1;
	encode(&e, e.lamport, &json, &name, hash);
	CHECK_EQ_INT(hk_event_parse(&back, name.ptr, json.ptr, json.len), 0);
	CHECK_EQ_INT(back.nevidence, 1);
	CHECK_EQ_STR(back.evidence[0].name, "photo.jpg");
	CHECK_EQ_INT(back.evidence[0].size, 12);
	hk_event_clear(&back);
	hk_buf_free(&json);
	hk_buf_free(&name);
}

static void test_changed_content_is_detected(void)
{
	struct hk_event e = sample(), back;
	hk_buf json = HK_BUF_INIT, name = HK_BUF_INIT;
	char hash[HK_EVENT_HASH_LEN + 1];
	encode(&e, e.lamport, &json, &name, hash);
	json.ptr[json.len - 3] = 'X'; /* a byte of the due date */
	CHECK_EQ_INT(hk_event_parse(&back, name.ptr, json.ptr, json.len), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "the event was changed") != NULL);
	hk_event_clear(&back);
	hk_buf_free(&json);
	hk_buf_free(&name);
}

static void test_name_must_match_content(void)
{
	struct hk_event e = sample(), back;
	hk_buf json = HK_BUF_INIT, name = HK_BUF_INIT;
	char hash[HK_EVENT_HASH_LEN + 1];
	encode(&e, 43, &json, &name, hash); /* wrong lamport in the name */
	CHECK_EQ_INT(hk_event_parse(&back, name.ptr, json.ptr, json.len), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "do not match the file name") != NULL);
	hk_event_clear(&back);
	hk_buf_free(&json);
	hk_buf_free(&name);
}

static void test_name_parse(void)
{
	unsigned long long lam = 0;
	char *office = NULL, hash[HK_EVENT_HASH_LEN + 1];
	CHECK_EQ_INT(hk_event_name_parse("0000000007-city-group-2-0123456789ab.json", &lam, &office, hash), 0);
	CHECK_EQ_INT(lam, 7);
	CHECK_EQ_STR(office, "city-group-2");
	CHECK_EQ_STR(hash, "0123456789ab");
	free(office);
	CHECK_EQ_INT(hk_event_name_parse("7-x-0123456789aZ.json", &lam, &office, hash), HK_EINPUT);
	CHECK_EQ_INT(hk_event_name_parse("x-county-0123456789ab.json", &lam, &office, hash), HK_EINPUT);
	CHECK_EQ_INT(hk_event_name_parse("7--0123456789ab.json", &lam, &office, hash), HK_EINPUT);
	CHECK_EQ_INT(hk_event_name_parse("7-c-0123456789ab.txt", &lam, &office, hash), HK_EINPUT);
	CHECK(office == NULL);
}

static void test_bad_json(void)
{
	struct hk_event back;
	const char *text = "{\"type\":\"closed\",\"lamport\":1,";
	char hash[HK_EVENT_HASH_LEN + 1], name[64];
	hk_event_hash(hash, text, strlen(text));
	snprintf(name, sizeof(name), "0000000001-c-%s.json", hash);
	CHECK_EQ_INT(hk_event_parse(&back, name, text, strlen(text)), HK_EINPUT);
	CHECK(strstr(hk_error_last(), name) != NULL);
	CHECK(strstr(hk_error_last(), "line 1") != NULL);
	hk_event_clear(&back);
}

static void test_types_and_office(void)
{
	CHECK_EQ_INT(hk_event_type_parse("waived"), HK_EV_WAIVED);
	CHECK_EQ_INT(hk_event_type_parse("nope"), HK_EV_UNKNOWN);
	CHECK_EQ_STR(hk_event_type_name(HK_EV_REAPPEARED), "reappeared");
	CHECK_EQ_INT(hk_event_office_check("县纪委"), 0);
	CHECK_EQ_INT(hk_event_office_check("a/b"), HK_EINPUT);
	CHECK_EQ_INT(hk_event_office_check(""), HK_EINPUT);
	CHECK_EQ_INT(hk_event_office_check("-x"), HK_EINPUT);
	CHECK_EQ_INT(hk_event_office_check("a b"), HK_EINPUT);
}

int main(void)
{
	RUN(test_roundtrip);
	RUN(test_evidence_roundtrip);
	RUN(test_changed_content_is_detected);
	RUN(test_name_must_match_content);
	RUN(test_name_parse);
	RUN(test_bad_json);
	RUN(test_types_and_office);
	return TEST_DONE();
}
