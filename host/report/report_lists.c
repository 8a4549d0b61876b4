/*
 * report_lists.c - the summary sheet and the four lists of a report as
 * tables of typed cells (report_lists.h).
 */
#include "report/report_lists.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Headers and sheet names are keys "list:<English>" (base/i18n.h
 * hk_tr_key): shown in the chosen language, the English word after ':'. */
static const struct hk_rcolumn summary_cols[] = {
	{N_("list:Figure"), 34}, {N_("list:Value"), 44},
};

/* The four lists as 整改 offices keep them (issue 15): 序号 first, the
 * office's columns, then the finding's id (编号) to trace a row back. */
static const struct hk_rcolumn problem_cols[] = {
	{N_("list:No."), 6},          {N_("list:Rule"), 40},        {N_("list:Description"), 60},
	{N_("list:Town"), 12},        {N_("list:Village"), 14},     {N_("list:Found on"), 12},
	{N_("list:Responsible unit"), 18}, {N_("list:Responsible person"), 10}, {N_("list:Due date"), 12},
	{N_("list:Status"), 10},      {N_("list:Finding id"), 16},
};

static const struct hk_rcolumn task_cols[] = {
	{N_("list:No."), 6},          {N_("list:Finding"), 50},      {N_("list:Measures"), 40},
	{N_("list:Goal"), 30},        {N_("list:Lead unit"), 18},    {N_("list:Supporting unit"), 18},
	{N_("list:Leader in charge"), 12}, {N_("list:Deadline"), 12}, {N_("list:Progress"), 30},
	{N_("list:Finding id"), 16},
};

static const struct hk_rcolumn resp_cols[] = {
	{N_("list:No."), 6},          {N_("list:Finding"), 50},      {N_("list:Leader in charge"), 12},
	{N_("list:Responsible unit"), 18}, {N_("list:Responsible person"), 10}, {N_("list:Supervising office"), 16},
	{N_("list:Finding id"), 16},
};

static const struct hk_rcolumn deadline_cols[] = {
	{N_("list:No."), 6},          {N_("list:Finding"), 50},      {N_("list:Deadline kind"), 10},
	{N_("list:Due date"), 12},    {N_("list:Days left"), 10},    {N_("list:Days overdue"), 10},
	{N_("list:Status"), 10},      {N_("list:Finding id"), 16},
};

static const struct hk_rcolumn unit_cols[] = {
	{N_("list:No."), 6},          {N_("list:Responsible unit"), 20}, {N_("list:Assigned"), 8},
	{N_("list:Closed"), 8},       {N_("list:Overdue"), 8},       {N_("list:Closure rate"), 10},
};

static const struct hk_rcolumn ranking_cols[] = {
	{N_("list:List"), 8},         {N_("list:Rank"), 6},          {N_("list:Responsible unit"), 20},
	{N_("list:Assigned"), 8},     {N_("list:Closed"), 8},        {N_("list:Overdue"), 8},
	{N_("list:Closure rate"), 10},
};

#define N(a) (sizeof(a) / sizeof(a[0]))

/* file: the CSV file's base name, the same in every language (scripts open
 * it); sheet: the sheet's name, a key shown in the chosen language. */
static const struct {
	const char *file, *sheet;
	const struct hk_rcolumn *cols;
	size_t ncols;
} lists[HK_RL_N] = {
	{"汇总", N_("sheet:Summary"), summary_cols, N(summary_cols)},
	{"问题清单", N_("sheet:Findings"), problem_cols, N(problem_cols)},
	{"任务清单", N_("sheet:Tasks"), task_cols, N(task_cols)},
	{"责任清单", N_("sheet:Responsibilities"), resp_cols, N(resp_cols)},
	{"时限清单", N_("sheet:Deadlines"), deadline_cols, N(deadline_cols)},
	{"单位汇总", N_("sheet:Units"), unit_cols, N(unit_cols)},
	{"红黑榜", N_("sheet:Red and black lists"), ranking_cols, N(ranking_cols)},
};

const char *hk_report_lists_header(const struct hk_rtable *t, size_t col)
{
	return hk_tr_key(t->cols[col].header);
}

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
		return hk_tr_key(N_("status:ready to close"));
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
	t->name = hk_tr_key(lists[kind].sheet);
	t->file = lists[kind].file;
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
		N_("list:Findings"),        N_("list:Open"),          N_("list:Closed"),
		N_("list:Waived"),          N_("list:Overdue"),       N_("list:Relapsed"),
		N_("list:Closure rate"),    N_("list:Overdue 0-30 days"), N_("list:Overdue 31-60 days"),
		N_("list:Overdue 61-90 days"), N_("list:Overdue over 90 days"), N_("list:As of"),
		N_("list:Run"),             N_("list:Ledger commit"), N_("list:Office"),
		N_("list:Generated (local time)"),
	};
	const struct hk_report_model *m = t->m;
	if (col == 0)
		return text(hk_tr_key(names[row]));
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
	case 12: return text(m->run ? m->run : hk_tr_key(N_("list:latest state")));
	case 13: return text(m->commit);
	case 14: return text(m->office);
	default: return text(hk_time_local(t->time, m->generated));
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

const char *hk_report_lists_deadline_words(const char *k)
{
	if (!k || !*k || strcmp(k, "dated") == 0)
		return hk_tr_key(N_("deadline:by a date"));
	if (strcmp(k, "immediate") == 0)
		return hk_tr_key(N_("deadline:at once"));
	if (strcmp(k, "ongoing") == 0)
		return hk_tr_key(N_("deadline:ongoing"));
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

/* Fits t->tmp to n bytes; 0 or -1 (out of memory). */
static int tmp_fit(struct hk_rtable *t, size_t n)
{
	char *p;
	if (n <= t->tmpcap)
		return 0;
	if (!(p = realloc(t->tmp, n)))
		return -1;
	t->tmp = p;
	t->tmpcap = n;
	return 0;
}

/* The rule of f: its title in the chosen language beside its id, "标题
 * (rule.id)"; the id alone when the title is unknown. */
static struct hk_rcell rule_cell(struct hk_rtable *t, const struct hk_report_finding *f)
{
	if (!f->title || !*f->title || tmp_fit(t, strlen(f->title) + strlen(f->rule) + 4) < 0)
		return text(f->rule);
	snprintf(t->tmp, t->tmpcap, "%s (%s)", f->title, f->rule);
	return text(t->tmp);
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
			return text(hk_tr_key(black ? N_("list:black list") : N_("list:red list")));
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
		case 1: return rule_cell(t, f);
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
				if (tmp_fit(t, strlen(w) + strlen(s->note) + 8) < 0)
					return text(w); /* out of memory: the status alone */
				snprintf(t->tmp, t->tmpcap, hk_lang_is_zh() ? "%s：%s" : "%s: %s", w, s->note);
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
	case 2: return text(hk_report_lists_deadline_words(a ? a->deadline_kind : NULL));
	case 3: return date(f->due);
	case 4: {
		long left = hk_report_lists_days_between(m->as_of, f->due);
		return left >= 0 ? num((double)left) : text("");
	}
	case 5: return f->days_overdue > 0 ? num((double)f->days_overdue) : text("");
	default: return text(hk_report_lists_status_words(f));
	}
}
