/*
 * report_lists.c - the summary sheet and the four lists of a report as
 * tables of typed cells (report_lists.h).
 */
#include "report/report_lists.h"
#include "base/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct hk_rcolumn summary_cols[] = {
	{"指标 (figure)", 34}, {"数值 (value)", 44},
};

static const struct hk_rcolumn problem_cols[] = {
	{"编号 (id)", 16},         {"状态 (status)", 12},     {"状态说明", 10},            {"规则 (rule)", 30},
	{"类别 (category)", 12},   {"严重程度 (severity)", 10}, {"对象 (entity)", 30},       {"乡镇 (town)", 12},
	{"村 (village)", 15},      {"问题描述 (message)", 70}, {"发现时间 (found)", 12},   {"反弹次数 (relapses)", 10},
	{"乡镇名称 (town name)", 12}, {"村名称 (village name)", 12},
};

static const struct hk_rcolumn task_cols[] = {
	{"编号 (id)", 16},           {"规则 (rule)", 30},          {"问题描述 (message)", 60}, {"整改单位 (unit)", 18},
	{"责任人 (person)", 12},     {"整改期限 (due)", 12},       {"状态 (status)", 12},      {"状态说明", 10},
	{"整改说明 (note)", 40},     {"整改证据 (evidence)", 30},  {"提交人 (submitter)", 28}, {"销号时间 (closed)", 12},
};

static const struct hk_rcolumn resp_cols[] = {
	{"责任单位 (unit)", 20}, {"责任人 (person)", 14}, {"问题数 (findings)", 10}, {"未销号 (open)", 10},
	{"已销号 (closed)", 10}, {"已豁免 (waived)", 10}, {"逾期 (overdue)", 10},     {"销号率 (closure %)", 12},
};

static const struct hk_rcolumn deadline_cols[] = {
	{"编号 (id)", 16},           {"整改单位 (unit)", 18},     {"责任人 (person)", 12},  {"整改期限 (due)", 12},
	{"剩余天数 (days left)", 12}, {"逾期天数 (days overdue)", 12}, {"时限状态 (deadline)", 14}, {"状态 (status)", 12},
	{"问题描述 (message)", 60},
};

#define N(a) (sizeof(a) / sizeof(a[0]))

static const struct {
	const char *name;
	const struct hk_rcolumn *cols;
	size_t ncols;
} lists[HK_RL_N] = {
	{"汇总", summary_cols, N(summary_cols)},
	{"问题清单", problem_cols, N(problem_cols)},
	{"任务清单", task_cols, N(task_cols)},
	{"责任清单", resp_cols, N(resp_cols)},
	{"时限清单", deadline_cols, N(deadline_cols)},
};

#define SUMMARY_ROWS 16

static long days_from_civil(int y, int mo, int d)
{
	/* days since 1970-01-01 (Howard Hinnant's algorithm) */
	int era;
	unsigned yoe, doy, doe;
	y -= mo <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (long)era * 146097 + (long)doe - 719468;
}

long hk_report_lists_days_between(const char *a, const char *b)
{
	int y1, m1, d1, y2, m2, d2;
	if (!a || !b || sscanf(a, "%4d-%2d-%2d", &y1, &m1, &d1) != 3 || sscanf(b, "%4d-%2d-%2d", &y2, &m2, &d2) != 3)
		return 0;
	return days_from_civil(y2, m2, d2) - days_from_civil(y1, m1, d1);
}

static int due_cmp_ctx(const struct hk_report_model *m, size_t a, size_t b)
{
	int c = strcmp(m->findings[a].due, m->findings[b].due);
	return c ? c : strcmp(m->findings[a].id, m->findings[b].id);
}

/* Sorts the row indexes v[0..n) by (due, id) of m's findings: a merge sort,
 * since qsort has no context argument; tmp holds n indexes. */
static void sort_by_due(const struct hk_report_model *m, size_t *v, size_t *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;
	if (n < 2)
		return;
	sort_by_due(m, v, tmp, h);
	sort_by_due(m, v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = due_cmp_ctx(m, v[i], v[j]) <= 0 ? v[i++] : v[j++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

static int is_active(const char *status)
{
	return strcmp(status, "closed") != 0 && strcmp(status, "waived") != 0;
}

int hk_report_lists_init(struct hk_rtable *t, const struct hk_report_model *m, enum hk_report_list kind)
{
	size_t n = 0, cap;
	memset(t, 0, sizeof(*t));
	t->m = m;
	t->kind = kind;
	t->name = lists[kind].name;
	t->cols = lists[kind].cols;
	t->ncols = lists[kind].ncols;
	cap = m->nfindings > m->by_person.n ? m->nfindings : m->by_person.n;
	if (!(t->rows = malloc((cap ? cap : 1) * sizeof(*t->rows))))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	switch (kind) {
	case HK_RL_SUMMARY:
		n = SUMMARY_ROWS;
		break;
	case HK_RL_PROBLEMS:
		for (; n < m->nfindings; n++)
			t->rows[n] = n;
		break;
	case HK_RL_TASKS:
		for (size_t i = 0; i < m->nfindings; i++)
			if (m->findings[i].unit[0])
				t->rows[n++] = i;
		break;
	case HK_RL_RESPONSIBILITY: {
		size_t longest = 0;
		for (; n < m->by_person.n; n++) {
			size_t len = strlen(m->by_person.v[n].name);
			longest = len > longest ? len : longest;
			t->rows[n] = n;
		}
		if (!(t->tmp = malloc(longest + 1)))
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		break;
	}
	case HK_RL_DEADLINES: {
		size_t *tmp;
		for (size_t i = 0; i < m->nfindings; i++)
			if (m->findings[i].due[0] && is_active(m->findings[i].status))
				t->rows[n++] = i;
		if (!(tmp = malloc((n ? n : 1) * sizeof(*tmp))))
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		sort_by_due(m, t->rows, tmp, n);
		free(tmp);
		break;
	}
	default:
		break;
	}
	t->nrows = n;
	return 0;
}

void hk_report_lists_clear(struct hk_rtable *t)
{
	free(t->rows);
	free(t->tmp);
	t->rows = NULL;
	t->tmp = NULL;
	t->nrows = 0;
}

static struct hk_rcell text(const char *s)
{
	return (struct hk_rcell){s && *s ? HK_RC_TEXT : HK_RC_EMPTY, s ? s : "", 0};
}

static struct hk_rcell num(double n)
{
	return (struct hk_rcell){HK_RC_NUM, NULL, n};
}

static struct hk_rcell date(const char *s)
{
	if (!s || strlen(s) < 10)
		return text(s);
	return (struct hk_rcell){HK_RC_DATE, s, 0};
}

static struct hk_rcell pct(double p)
{
	return (struct hk_rcell){HK_RC_PCT, NULL, p};
}

static struct hk_rcell summary_cell(struct hk_rtable *t, size_t row, size_t col)
{
	static const char *const names[SUMMARY_ROWS] = {
		"问题总数 (findings)",        "未销号 (open)",            "已销号 (closed)",
		"已豁免 (waived)",            "逾期 (overdue)",           "反弹 (relapsed)",
		"销号率 (closure rate)",      "逾期 0-30 天 (overdue 0-30 days)", "逾期 31-60 天 (31-60 days)",
		"逾期 61-90 天 (61-90 days)", "逾期 90 天以上 (> 90 days)", "统计日期 (as of)",
		"批次 (run)",                 "台账版本 (ledger commit)",  "台账单位 (office)",
		"生成时间 (generated, UTC)",
	};
	const struct hk_report_model *m = t->m;
	if (col == 0)
		return text(names[row]);
	switch (row) {
	case 0: return num((double)m->total.findings);
	case 1: return num((double)m->total.open);
	case 2: return num((double)m->total.closed);
	case 3: return num((double)m->total.waived);
	case 4: return num((double)m->total.overdue);
	case 5: return num((double)m->total.relapsed);
	case 6: return pct(m->total.closure_pct);
	case 7: case 8: case 9: case 10: return num((double)m->aging[row - 7]);
	case 11: return date(m->as_of);
	case 12: return text(m->run ? m->run : "最新 (latest)");
	case 13: return text(m->commit);
	case 14: return text(m->office);
	default: return text(m->generated);
	}
}

/* The last submission of f: note, evidence names, submitter. */
static const struct hk_report_event *last_submission(const struct hk_report_model *m,
						     const struct hk_report_finding *f)
{
	for (size_t i = f->nev; i-- > 0;) {
		const struct hk_report_event *e = &m->events[f->ev0 + i];
		if (strcmp(e->type, "submitted") == 0 && !e->illegal)
			return e;
	}
	return NULL;
}

struct hk_rcell hk_report_lists_cell(struct hk_rtable *t, size_t row, size_t col)
{
	const struct hk_report_model *m = t->m;
	const struct hk_report_finding *f = NULL;
	if (t->kind == HK_RL_SUMMARY)
		return summary_cell(t, row, col);
	if (t->kind == HK_RL_RESPONSIBILITY) {
		const struct hk_report_group *g = &m->by_person.v[t->rows[row]];
		const char *sep = strchr(g->name, '\x1f');
		switch (col) {
		case 0: {
			size_t len = sep ? (size_t)(sep - g->name) : strlen(g->name);
			memcpy(t->tmp, g->name, len); /* t->tmp holds the longest name */
			t->tmp[len] = '\0';
			return text(t->tmp);
		}
		case 1: return text(sep ? sep + 1 : "");
		case 2: return num((double)g->findings);
		case 3: return num((double)g->open);
		case 4: return num((double)g->closed);
		case 5: return num((double)g->waived);
		case 6: return num((double)g->overdue);
		default: return pct(g->closure_pct);
		}
	}
	f = &m->findings[t->rows[row]];
	if (t->kind == HK_RL_PROBLEMS) {
		switch (col) {
		case 0: return text(f->id);
		case 1: return text(f->status);
		case 2: return text(hk_report_model_status_label(f->status));
		case 3: return text(f->rule);
		case 4: return text(f->category);
		case 5: return text(f->severity);
		case 6: return text(f->entity);
		case 7: return text(f->town);
		case 8: return text(f->village);
		case 9: return text(f->message);
		case 10: return date(f->found_at);
		case 11: return num(f->relapses);
		case 12: return text(hk_report_model_place_name(m, f->town));
		default: return text(hk_report_model_place_name(m, f->village));
		}
	}
	if (t->kind == HK_RL_TASKS) {
		const struct hk_report_event *s = col >= 8 && col <= 10 ? last_submission(m, f) : NULL;
		switch (col) {
		case 0: return text(f->id);
		case 1: return text(f->rule);
		case 2: return text(f->message);
		case 3: return text(f->unit);
		case 4: return text(f->person);
		case 5: return date(f->due);
		case 6: return text(f->status);
		case 7: return text(hk_report_model_status_label(f->status));
		case 8: return text(s ? s->note : "");
		case 9: return text(s ? s->evidence : "");
		case 10: return text(s ? s->actor : "");
		default: return date(f->status[0] == 'c' ? f->closed_at : "");
		}
	}
	/* deadlines */
	switch (col) {
	case 0: return text(f->id);
	case 1: return text(f->unit);
	case 2: return text(f->person);
	case 3: return date(f->due);
	case 4: return num((double)hk_report_lists_days_between(m->as_of, f->due));
	case 5: return f->days_overdue >= 0 ? num((double)f->days_overdue) : text("");
	case 6: {
		long left = hk_report_lists_days_between(m->as_of, f->due);
		if (strcmp(f->status, "submitted") == 0)
			return text("待验收 (awaiting check)");
		return text(f->days_overdue >= 0 ? "逾期 (overdue)" : left == 0 ? "今日到期 (due today)" : "未到期 (on time)");
	}
	case 7: return text(f->status);
	default: return text(f->message);
	}
}
