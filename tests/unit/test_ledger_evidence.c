/*
 * test_ledger_evidence.c - the names evidence files may be written under
 * (`huikan evidence`), and the plan of an assignment in an event's JSON.
 */
#include "ledger/ledger_evidence.h"
#include "ledger/event.h"
#include "base/error.h"
#include "test.h"

#include <string.h>

static void test_safe_names(void)
{
	CHECK_EQ_INT(hk_ledger_evidence_name_safe("scan.pdf"), 1);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe("照片 1.jpg"), 1);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe(".hidden"), 1);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe(""), 0);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe(NULL), 0);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe("."), 0);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe(".."), 0);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe("../etc/passwd"), 0);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe("/etc/passwd"), 0);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe("a\\b"), 0);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe("a\nb"), 0);
	CHECK_EQ_INT(hk_ledger_evidence_name_safe("a\x1b[2Jb"), 0);
	char longname[300];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_EQ_INT(hk_ledger_evidence_name_safe(longname), 0);
}

static void test_plan_roundtrip(void)
{
	struct hk_event e = {0}, back = {0};
	hk_buf json = HK_BUF_INIT, name = HK_BUF_INIT;
	char hash[HK_EVENT_HASH_LEN + 1];
	e.type = HK_EV_ASSIGNED;
	e.lamport = 7;
	e.office = "county";
	e.actor = "Olga <olga@x.cn>";
	e.time = "2026-11-23T10:00:00Z";
	e.finding = "F-0123456789ab";
	e.prev = "";
	e.unit = "县教育局";
	e.due = "2026-12-31";
	e.measure = "入户核实";
	e.goal = "数据准确";
	e.lead_unit = "县教育局";
	e.support_unit = "县公安局, 县民政局";
	e.leader = "李局长";
	e.deadline_kind = "immediate";
	CHECK_EQ_INT(hk_event_to_json(&json, &e), 0);
	CHECK(strstr(json.ptr, "\"measure\":\"入户核实\",\"goal\":\"数据准确\",\"lead_unit\":\"县教育局\","
			       "\"support_unit\":\"县公安局, 县民政局\",\"leader\":\"李局长\",\"deadline_kind\":\"immediate\"") != NULL);
	hk_event_hash(hash, json.ptr, json.len);
	hk_event_file_name(&name, 7, "county", hash);
	CHECK_EQ_INT(hk_event_parse(&back, name.ptr, json.ptr, json.len), 0);
	CHECK_EQ_STR(back.measure, "入户核实");
	CHECK_EQ_STR(back.support_unit, "县公安局, 县民政局");
	CHECK_EQ_STR(back.deadline_kind, "immediate");
	hk_event_clear(&back);
	/* an event without a plan keeps its bytes: no plan members written */
	hk_buf_clear(&json);
	e.measure = e.goal = e.lead_unit = e.support_unit = e.leader = e.deadline_kind = NULL;
	CHECK_EQ_INT(hk_event_to_json(&json, &e), 0);
	CHECK(strstr(json.ptr, "measure") == NULL && strstr(json.ptr, "deadline_kind") == NULL);
	hk_buf_free(&json);
	hk_buf_free(&name);
}

int main(void)
{
	RUN(test_safe_names);
	RUN(test_plan_roundtrip);
	return TEST_DONE();
}
