/* test_report.c - the pieces of `huikan report` that need no ledger: day
 * arithmetic, escaping, SVG marks, and the four lists built from a model,
 * in each language (their headers, sheet names, statuses and rule titles
 * follow hk_lang_init). */
#include "test.h"
#include "base/i18n.h"
#include "report/report_lists.h"
#include "report/report_svg.h"

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_days_between(void)
{
	CHECK_EQ_INT(hk_report_lists_days_between("2021-03-01", "2021-03-03"), 2);
	CHECK_EQ_INT(hk_report_lists_days_between("2020-02-28", "2020-03-01"), 2); /* leap year */
	CHECK_EQ_INT(hk_report_lists_days_between("2019-02-28", "2019-03-01"), 1);
	CHECK_EQ_INT(hk_report_lists_days_between("2019-12-31", "2020-01-01"), 1);
	CHECK_EQ_INT(hk_report_lists_days_between("2021-03-03", "2020-03-03"), -365);
	CHECK_EQ_INT(hk_report_lists_days_between("1970-01-01", "2000-01-01"), 10957);
	CHECK_EQ_INT(hk_report_lists_days_between("", "2021-01-01"), 0);
	CHECK_EQ_INT(hk_report_lists_days_between("2021-01-01", NULL), 0);
}

static void test_escape(void)
{
	hk_buf b = HK_BUF_INIT;
	hk_report_svg_put_esc(&b, "<a href=\"x\">&'县</a>");
	CHECK_EQ_STR(b.ptr, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;县&lt;/a&gt;");
	hk_buf_free(&b);
}

static void test_svg_marks(void)
{
	static const struct hk_svg_series s[] = {{"closed", "#080"}, {"open <x>", "#f80"}};
	const char *labels[] = {"规则 <a>", "b"}, *keys[] = {"ka", "kb"};
	double v[] = {3, 1, 0, 0};
	hk_buf b = HK_BUF_INIT;
	hk_report_svg_hbars(&b, &(struct hk_svg_chart){"c1", "t & t", labels, keys, v, 2, s, 2, 0, NULL});
	CHECK_EQ_INT(count(b.ptr, "class=\"mark\""), 4);
	CHECK_EQ_INT(count(b.ptr, "<g class=\"row\""), 2);
	CHECK(strstr(b.ptr, "data-label=\"规则 &lt;a&gt;\" data-key=\"ka\" data-series=\"0\" data-value=\"3\""));
	CHECK(strstr(b.ptr, "width=\"0.0\"")); /* a zero is a mark of no width */
	CHECK(strstr(b.ptr, "<title>t &amp; t</title>"));
	CHECK(!strstr(b.ptr, "<x>"));
	hk_buf_clear(&b);
	hk_report_svg_columns(&b, &(struct hk_svg_chart){"c2", "t", labels, NULL, v, 2, s, 2, 0, "%"});
	CHECK_EQ_INT(count(b.ptr, "class=\"mark\""), 4);
	CHECK(strstr(b.ptr, "3%"));
	hk_buf_free(&b);
}

/* The word of the chosen language: zh under Chinese, else en. */
static const char *w(const char *zh, const char *en)
{
	return hk_lang_is_zh() ? zh : en;
}

static void check_lists(const char *lang)
{
	struct hk_report_finding f[] = {
		{.id = "F-1", .status = "assigned", .rule = "r1", .entity = "e1", .category = "c", .severity = "high",
		 .message = "m1", .village = "", .town = "", .unit = "县教育局", .person = "张三", .due = "2021-02-01",
		 .found_at = "2021-01-01T00:00:00Z", .closed_at = "", .submitter = "", .days_overdue = 28},
		{.id = "F-2", .status = "closed", .rule = "r1", .entity = "e2", .category = "c", .severity = "low",
		 .message = "m2", .village = "", .town = "", .unit = "县教育局", .person = "", .due = "2021-01-15",
		 .found_at = "2021-01-01T00:00:00Z", .closed_at = "2021-02-02T00:00:00Z", .submitter = "", .days_overdue = -1},
		{.id = "F-3", .status = "submitted", .rule = "r2", .entity = "e3", .category = "c", .severity = "low",
		 .message = "m3", .village = "", .town = "", .unit = "县扶贫办", .person = "", .due = "2021-01-20",
		 .found_at = "", .closed_at = "", .submitter = "", .days_overdue = -1},
		{.id = "F-4", .status = "open", .rule = "r2", .entity = "e4", .category = "c", .severity = "low",
		 .message = "m4", .village = "", .town = "", .unit = "", .person = "", .due = "",
		 .found_at = "", .closed_at = "", .submitter = "", .days_overdue = -1},
	};
	struct hk_report_group units[] = {
		{.name = "-", .findings = 1},
		{.name = "县扶贫办", .findings = 1, .closure_pct = 0},
		{.name = "县教育局", .findings = 2, .closed = 1, .overdue = 1, .closure_pct = 50},
	};
	struct hk_report_model m = {.as_of = "2021-03-01", .findings = f, .nfindings = 4, .office = "县纪委",
				    .by_unit = {units, 3}, .total = {.findings = 4, .closure_pct = 25}};
	struct hk_rtable t;
	struct hk_rcell c;

	CHECK_EQ_INT(hk_lang_init(lang), 0);
	f[0].audit_day = "2020-06-30";
	f[0].title = w("帮扶责任人未走访", "No visit by the helper"); /* the title of the chosen language */
	f[1].title = f[2].title = f[3].title = "";
	f[2].present = 0; /* F-3: submitted and no longer reproduced: 待销号 */
	f[0].present = f[1].present = f[3].present = 1;
	CHECK_EQ_INT(hk_report_lists_init(&t, &m, HK_RL_PROBLEMS), 0);
	CHECK_EQ_INT(t.nrows, 4);
	CHECK_EQ_STR(hk_report_lists_header(&t, 0), w("序号", "No."));
	CHECK_EQ_STR(hk_report_lists_header(&t, 9), w("状态", "Status"));
	CHECK_EQ_STR(t.name, w("问题清单", "Findings"));
	CHECK_EQ_STR(t.file, "问题清单"); /* the CSV file's name: the same in both */
	CHECK_EQ_INT((long)hk_report_lists_cell(&t, 1, 0).n, 2);
	/* the rule: its title beside its id; the id alone when no title is known */
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 1).s, w("帮扶责任人未走访 (r1)", "No visit by the helper (r1)"));
	CHECK_EQ_STR(hk_report_lists_cell(&t, 3, 1).s, "r2");
	/* statuses in words, never their codes */
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 9).s, w("整改中", "assigned"));
	CHECK_EQ_STR(hk_report_lists_cell(&t, 1, 9).s, w("已销号", "closed"));
	CHECK_EQ_STR(hk_report_lists_cell(&t, 2, 9).s, w("待销号", "ready to close"));
	CHECK_EQ_STR(hk_report_lists_cell(&t, 3, 9).s, w("待整改", "open"));
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 10).s, "F-1");
	c = hk_report_lists_cell(&t, 0, 5); /* 发现日期: the audit date of the run */
	CHECK(c.t == HK_RC_DATE && strcmp(c.s, "2020-06-30") == 0);
	hk_report_lists_clear(&t);

	CHECK_EQ_INT(hk_report_lists_init(&t, &m, HK_RL_TASKS), 0);
	CHECK_EQ_INT(t.nrows, 3); /* the findings with a unit */
	CHECK_EQ_INT(hk_report_lists_cell(&t, 0, 7).t, HK_RC_DATE);
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 4).s, "县教育局"); /* 牵头单位: the unit when not given */
	hk_report_lists_clear(&t);

	/* active with a due date, by due: F-3 (01-20) then F-1 (02-01); F-2 is closed */
	CHECK_EQ_INT(hk_report_lists_init(&t, &m, HK_RL_DEADLINES), 0);
	CHECK_EQ_INT(t.nrows, 2);
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 7).s, "F-3");
	CHECK_EQ_STR(hk_report_lists_cell(&t, 1, 7).s, "F-1");
	CHECK_EQ_STR(hk_report_lists_cell(&t, 1, 2).s, w("限期整改", "by a date"));
	CHECK_EQ_INT(hk_report_lists_cell(&t, 1, 4).t, HK_RC_EMPTY); /* no days left */
	CHECK_EQ_INT((long)hk_report_lists_cell(&t, 1, 5).n, 28);
	CHECK_EQ_STR(hk_report_lists_cell(&t, 1, 6).s, w("整改中", "assigned"));
	CHECK_EQ_STR(t.name, w("时限清单", "Deadlines"));
	hk_report_lists_clear(&t);

	CHECK_EQ_INT(hk_report_lists_init(&t, &m, HK_RL_RESPONSIBILITY), 0);
	CHECK_EQ_INT(t.nrows, 3); /* one row per assigned finding */
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 3).s, "县教育局");
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 4).s, "张三");
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 5).s, "县纪委");
	hk_report_lists_clear(&t);

	CHECK_EQ_INT(hk_report_lists_init(&t, &m, HK_RL_UNITS), 0);
	CHECK_EQ_INT(t.nrows, 2); /* the unassigned are not a unit */
	CHECK_EQ_STR(hk_report_lists_cell(&t, 1, 1).s, "县教育局");
	c = hk_report_lists_cell(&t, 1, 5);
	CHECK(c.t == HK_RC_PCT && c.n == 50);
	hk_report_lists_clear(&t);

	CHECK_EQ_INT(hk_report_lists_init(&t, &m, HK_RL_RANKING), 0);
	CHECK_EQ_INT(t.nrows, 2);
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 0).s, w("红榜", "red list"));
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 2).s, "县教育局");
	CHECK_EQ_STR(hk_report_lists_cell(&t, 1, 0).s, w("黑榜", "black list"));
	CHECK_EQ_STR(hk_report_lists_cell(&t, 1, 2).s, "县扶贫办");
	CHECK_EQ_INT((long)hk_report_lists_cell(&t, 1, 1).n, 1);
	hk_report_lists_clear(&t);

	CHECK_EQ_INT(hk_report_lists_init(&t, &m, HK_RL_SUMMARY), 0);
	CHECK_EQ_INT((long)hk_report_lists_cell(&t, 0, 1).n, 4);
	CHECK_EQ_INT(hk_report_lists_cell(&t, 6, 1).t, HK_RC_PCT);
	CHECK_EQ_STR(hk_report_lists_cell(&t, 0, 0).s, w("问题总数", "Findings"));
	CHECK_EQ_STR(hk_report_lists_cell(&t, 12, 1).s, w("最新状态", "latest state"));
	CHECK_EQ_STR(hk_report_lists_header(&t, 1), w("数值", "Value"));
	hk_report_lists_clear(&t);
}

static void test_lists_zh(void)
{
	check_lists("zh");
}

static void test_lists_en(void)
{
	check_lists("en");
}

int main(void)
{
	RUN(test_days_between);
	RUN(test_escape);
	RUN(test_svg_marks);
	RUN(test_lists_zh);
	RUN(test_lists_en);
	return TEST_DONE();
}
