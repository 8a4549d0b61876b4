/*
 * report_lists.h - the summary and the four lists (问题清单, 任务清单, 责任清单,
 * 时限清单) of a report as tables of typed cells, the one definition the XLSX
 * and CSV writers both format.
 */
#ifndef HK_REPORT_LISTS_H
#define HK_REPORT_LISTS_H

#include "report/report_model.h"

#include <stddef.h>

enum hk_rcell_type { HK_RC_EMPTY, HK_RC_TEXT, HK_RC_NUM, HK_RC_DATE, HK_RC_PCT };

struct hk_rcell {
	enum hk_rcell_type t;
	const char *s; /* TEXT; DATE as "YYYY-MM-DD" */
	double n;      /* NUM; PCT as a percentage (12.5 = 12.5%) */
};

struct hk_rcolumn {
	const char *header; /* a key "list:<English>": see hk_report_lists_header */
	double width;       /* in characters, for spreadsheets */
};

enum hk_report_list {
	HK_RL_SUMMARY,
	HK_RL_PROBLEMS,       /* 问题清单: every finding */
	HK_RL_TASKS,          /* 任务清单: assigned findings and their plan */
	HK_RL_RESPONSIBILITY, /* 责任清单: one row per assigned finding */
	HK_RL_DEADLINES,      /* 时限清单: active findings with a due date, by due date */
	HK_RL_UNITS,          /* 单位汇总: per unit: assigned, closed, overdue, closure rate */
	HK_RL_RANKING,        /* 红黑榜: units ranked by closure rate and overdue count */
	HK_RL_N
};

struct hk_rtable {
	const char *name;     /* sheet name, in the chosen language */
	const char *file;     /* the CSV file's base name (问题清单, ...), the same in every language */
	const struct hk_rcolumn *cols;
	size_t ncols;
	size_t nrows;
	size_t *rows;         /* row -> index into the model's findings/groups (owned) */
	const struct hk_report_model *m;
	enum hk_report_list kind;
	char *tmp;            /* scratch for a cell (进展: status and note), grown to
	                         fit: never cut (owned) */
	size_t tmpcap;
	char time[32];        /* scratch for a local time */
};

/* Prepares table `kind` of model m. Returns 0 or HK_EINTERNAL (out of memory).
 * Free it with hk_report_lists_clear (also after a failed init). */
int hk_report_lists_init(struct hk_rtable *t, const struct hk_report_model *m, enum hk_report_list kind);

void hk_report_lists_clear(struct hk_rtable *t);

/* The header of column col of t in the chosen language. */
const char *hk_report_lists_header(const struct hk_rtable *t, size_t col);

/* A deadline kind of an assignment (immediate, dated, ongoing; none is
 * dated) in the reader's words: 立行立改, 限期整改, 长期坚持 / at once, by a
 * date, ongoing. Another value is returned as it is. */
const char *hk_report_lists_deadline_words(const char *kind);

/* Cell (row, col) of t; strings stay valid until the next call on t. */
struct hk_rcell hk_report_lists_cell(struct hk_rtable *t, size_t row, size_t col);

/* The red and black lists (红黑榜) of m: indexes into m->by_unit (the units,
 * never the unassigned), best first in red, worst first in black; k each:
 * 3, or half the units when fewer than 6. Ranked by closure rate (higher is
 * better), then overdue count (fewer), then findings (more), then name.
 * *red and *black are malloc'd (the caller frees both, also on error).
 * Returns 0 or HK_EINTERNAL. */
int hk_report_lists_ranking(const struct hk_report_model *m, size_t **red, size_t *nred, size_t **black,
			    size_t *nblack);

/* A finding's status in words of the chosen language (整改中, 待销号; under
 * English: assigned, ready to close). */
const char *hk_report_lists_status_words(const struct hk_report_finding *f);

/* Days from a to b (dates "YYYY-MM-DD"); 0 when either does not parse. */
long hk_report_lists_days_between(const char *a, const char *b);

#endif
