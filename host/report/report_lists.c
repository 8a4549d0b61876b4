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

/* The four lists as 整改 offices keep them (issue 15): 序号 first, the
 * office's columns, then the finding's id (编号) to trace a row back. */
static const struct hk_rcolumn problem_cols[] = {
	{"序号", 6},       {"问题类型", 26}, {"问题描述", 60}, {"乡镇", 12},   {"村", 14},  {"发现日期", 12},
	{"责任单位", 18},  {"责任人", 10},   {"整改时限", 12}, {"状态", 10},   {"编号", 16},
};

static const struct hk_rcolumn task_cols[] = {
	{"序号", 6},      {"问题", 50},     {"整改措施", 40}, {"整改目标", 30}, {"牵头单位", 18},
	{"配合单位", 18}, {"责任领导", 12}, {"完成时限", 12}, {"进展", 30},     {"编号", 16},
};

static const struct hk_rcolumn resp_cols[] = {
	{"序号", 6}, {"问题", 50}, {"责任领导", 12}, {"责任单位", 18}, {"责任人", 10}, {"监督单位", 16}, {"编号", 16},
};

static const struct hk_rcolumn deadline_cols[] = {
	{"序号", 6},       {"问题", 50},     {"时限类型", 10}, {"整改时限", 12},
	{"剩余天数", 10},  {"逾期天数", 10}, {"状态", 10},     {"编号", 16},
};

static const struct hk_rcolumn unit_cols[] = {
	{"序号", 6}, {"责任单位", 20}, {"交办数", 8}, {"已销号", 8}, {"逾期", 8}, {"销号率", 10},
};

static const struct hk_rcolumn ranking_cols[] = {
	{"榜单", 8}, {"名次", 6}, {"责任单位", 20}, {"交办数", 8}, {"已销号", 8}, {"逾期", 8}, {"销号率", 10},
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
	{"单位汇总", unit_cols, N(unit_cols)},
	{"红黑榜", ranking_cols, N(ranking_cols)},
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

/* The units ranked best first (see hk_report_lists_ranking). */
static int rank_cmp(const struct hk_report_group *a, const struct hk_report_group *b)
{
	if (a->closure_pct != b->closure_pct)
		return a->closure_pct > b->closure_pct ? -1 : 1;
	if (a->overdue != b->overdue)
		return a->overdue < b->overdue ? -1 : 1;
	if (a->findings != b->findings)
		return a->findings > b->findings ? -1 : 1;
	return strcmp(a->name, b->name);
}

int hk_report_lists_ranking(const struct hk_report_model *m, size_t **redp, size_t *nred, size_t **blackp,
			    size_t *nblack)
{
	size_t n = 0, k, *red, *black;
	*nred = *nblack = 0;
	*redp = red = malloc((m->by_unit.n + 1) * sizeof(size_t));
	*blackp = black = malloc((m->by_unit.n + 1) * sizeof(size_t));
	if (!red || !black)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < m->by_unit.n; i++)
		if (strcmp(m->by_unit.v[i].name, "-") != 0)
			red[n++] = i;
	/* insertion sort: a county has tens of units */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && rank_cmp(&m->by_unit.v[red[j]], &m->by_unit.v[red[j - 1]]) < 0; j--) {
			size_t x = red[j];
			red[j] = red[j - 1];
			red[j - 1] = x;
		}
	k = n >= 6 ? 3 : n / 2;
	for (size_t i = 0; i < k; i++)
		black[i] = red[n - 1 - i];
	*nred = k;
	*nblack = k;
	return 0;
}

const char *hk_report_lists_status_words(const struct hk_report_finding *f)
{
	if (hk_report_model_ready(f))
		return "待销号";
	return hk_report_model_status_label(f->status);
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
	cap = m->nfindings > m->by_unit.n ? m->nfindings : m->by_unit.n;
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
	case HK_RL_RESPONSIBILITY:
		for (size_t i = 0; i < m->nfindings; i++)
			if (m->findings[i].unit[0])
				t->rows[n++] = i;
		break;
	case HK_RL_UNITS:
		for (size_t i = 0; i < m->by_unit.n; i++)
			if (strcmp(m->by_unit.v[i].name, "-") != 0)
				t->rows[n++] = i;
		break;
	case HK_RL_RANKING: {
		size_t *red = NULL, *black = NULL, nr = 0, nb = 0;
		if (hk_report_lists_ranking(m, &red, &nr, &black, &nb) < 0) {
			free(red);
			free(black);
			return HK_EINTERNAL;
		}
		/* row = unit index * 2, + 1 on the black list */
		for (size_t i = 0; i < nr; i++)
			t->rows[n++] = red[i] * 2;
		for (size_t i = 0; i < nb; i++)
			t->rows[n++] = black[i] * 2 + 1;
		free(red);
		free(black);
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

/* A place: its name from the registry, else its code. */
static struct hk_rcell place(const struct hk_report_model *m, const char *code)
{
	const char *nm = hk_report_model_place_name(m, code);
	return text(nm && *nm ? nm : code);
}

static const char *deadline_kind_words(const char *k)
{
	if (!k || !*k || strcmp(k, "dated") == 0)
		return "限期整改";
	if (strcmp(k, "immediate") == 0)
		return "立行立改";
	if (strcmp(k, "ongoing") == 0)
		return "长期坚持";
	return k;
}

static struct hk_rcell unit_cell(const struct hk_report_group *g, size_t col)
{
	switch (col) {
	case 0: return text(g->name);
	case 1: return num((double)g->findings);
	case 2: return num((double)g->closed);
	case 3: return num((double)g->overdue);
	default: return pct(g->closure_pct);
	}
}

struct hk_rcell hk_report_lists_cell(struct hk_rtable *t, size_t row, size_t col)
{
	const struct hk_report_model *m = t->m;
	const struct hk_report_finding *f = NULL;
	const struct hk_report_event *a;
	if (t->kind == HK_RL_SUMMARY)
		return summary_cell(t, row, col);
	if (t->kind == HK_RL_UNITS)
		return col == 0 ? num((double)row + 1) : unit_cell(&m->by_unit.v[t->rows[row]], col - 1);
	if (t->kind == HK_RL_RANKING) {
		size_t u = t->rows[row] / 2, black = t->rows[row] % 2, rank = 1;
		for (size_t i = row; i-- > 0 && t->rows[i] % 2 == black;)
			rank++;
		if (col == 0)
			return text(black ? "黑榜" : "红榜");
		if (col == 1)
			return num((double)rank);
		return unit_cell(&m->by_unit.v[u], col - 2);
	}
	if (col == 0)
		return num((double)row + 1); /* 序号 */
	f = &m->findings[t->rows[row]];
	if (col == t->ncols - 1)
		return text(f->id); /* 编号 */
	a = t->kind == HK_RL_PROBLEMS ? NULL : hk_report_model_assignment(m, f);
	if (t->kind == HK_RL_PROBLEMS) {
		switch (col) {
		case 1: return text(f->rule);
		case 2: return text(f->message);
		case 3: return place(m, f->town);
		case 4: return place(m, f->village);
		case 5: return date(f->audit_day);
		case 6: return text(f->unit);
		case 7: return text(f->person);
		case 8: return date(f->due);
		default: return text(hk_report_lists_status_words(f));
		}
	}
	if (t->kind == HK_RL_TASKS) {
		const struct hk_report_event *s = col == 8 ? last_submission(m, f) : NULL;
		switch (col) {
		case 1: return text(f->message);
		case 2: return text(a ? a->measure : "");
		case 3: return text(a ? a->goal : "");
		case 4: return text(a && *a->lead_unit ? a->lead_unit : f->unit);
		case 5: return text(a ? a->support_unit : "");
		case 6: return text(a ? a->leader : "");
		case 7: return date(f->due);
		default:
			/* 进展: the status in words, and the latest rectification note */
			if (s && *s->note && strcmp(f->status, "closed") != 0) {
				const char *w = hk_report_lists_status_words(f);
				size_t need = strlen(w) + strlen(s->note) + 8;
				if (need > t->tmpcap) {
					char *p = realloc(t->tmp, need);
					if (!p)
						return text(w); /* out of memory: the status alone */
					t->tmp = p;
					t->tmpcap = need;
				}
				snprintf(t->tmp, t->tmpcap, "%s：%s", w, s->note);
				return text(t->tmp);
			}
			return text(hk_report_lists_status_words(f));
		}
	}
	if (t->kind == HK_RL_RESPONSIBILITY) {
		switch (col) {
		case 1: return text(f->message);
		case 2: return text(a ? a->leader : "");
		case 3: return text(f->unit);
		case 4: return text(f->person);
		default: return text(m->office); /* 监督单位: the office keeping the ledger */
		}
	}
	/* deadlines */
	switch (col) {
	case 1: return text(f->message);
	case 2: return text(deadline_kind_words(a ? a->deadline_kind : NULL));
	case 3: return date(f->due);
	case 4: {
		long left = hk_report_lists_days_between(m->as_of, f->due);
		return left >= 0 ? num((double)left) : text("");
	}
	case 5: return f->days_overdue > 0 ? num((double)f->days_overdue) : text("");
	default: return text(hk_report_lists_status_words(f));
	}
}
