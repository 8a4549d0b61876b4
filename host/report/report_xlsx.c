/*
 * report_xlsx.c - `huikan report --xlsx FILE`: the summary and the four lists
 * as sheets of one workbook (libxlsxwriter): headers and sheet names in the
 * chosen language (report_lists.c), the header row
 * frozen with an autofilter, column widths, dates as Excel dates, the closure
 * rate as a percentage. Written row by row (constant-memory mode), so 100,000
 * findings take little memory.
 */
#include "report/report.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/file.h"
#include "report/report_lists.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct formats {
	lxw_format *head, *date, *pct;
};

static int xlsx_error(const char *path, lxw_error e)
{
	return hk_error_setc(e == LXW_ERROR_MEMORY_MALLOC_FAILED ? HK_EINTERNAL : HK_EINPUT, "%s: %s", path,
			     lxw_strerror(e));
}

/* Excel keeps at most 32,767 characters in a cell (libxlsxwriter refuses
 * more): longer text is cut at a UTF-8 boundary and ends in "…". */
#define CELL_MAX 32000

static lxw_error write_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
	char cut[CELL_MAX + 4];
	size_t n = strlen(s);
	if (n <= CELL_MAX)
		return worksheet_write_string(ws, r, c, s, NULL);
	n = CELL_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(cut, s, n);
	memcpy(cut + n, "\xE2\x80\xA6", 4); /* … and the NUL */
	return worksheet_write_string(ws, r, c, cut, NULL);
}

static lxw_error write_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, struct hk_rcell v, const struct formats *f)
{
	switch (v.t) {
	case HK_RC_TEXT:
		return write_text(ws, r, c, v.s);
	case HK_RC_NUM:
		return worksheet_write_number(ws, r, c, v.n, NULL);
	case HK_RC_PCT:
		return worksheet_write_number(ws, r, c, v.n / 100.0, f->pct);
	case HK_RC_DATE: {
		lxw_datetime d = {0, 0, 0, 0, 0, 0};
		if (sscanf(v.s, "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3)
			return worksheet_write_string(ws, r, c, v.s, NULL);
		return worksheet_write_datetime(ws, r, c, &d, f->date);
	}
	default:
		return LXW_NO_ERROR;
	}
}

static lxw_error write_sheet(lxw_workbook *wb, struct hk_rtable *t, const struct formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->name);
	lxw_error e = LXW_NO_ERROR;
	if (!ws)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->cols[c].width, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	if (t->nrows && t->kind != HK_RL_SUMMARY)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
	for (size_t c = 0; c < t->ncols && e == LXW_NO_ERROR; c++)
		e = worksheet_write_string(ws, 0, (lxw_col_t)c, hk_report_lists_header(t, c), f->head);
	for (size_t r = 0; r < t->nrows && e == LXW_NO_ERROR; r++)
		for (size_t c = 0; c < t->ncols && e == LXW_NO_ERROR; c++)
			e = write_cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, hk_report_lists_cell(t, r, c), f);
	return e;
}

int hk_report_xlsx_write(const struct hk_report_model *m, const char *path)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
	lxw_workbook *wb = NULL;
	hk_file *out = NULL;
	struct formats f;
	char commit[64];
	lxw_error e = LXW_NO_ERROR;
	int err = 0;

	/* libxlsxwriter writes the file by its name: a temporary file that
	 * hk_file_commit renames over path, or copies into a device or FIFO */
	if ((err = hk_file_open(&out, path, HK_FILE_BY_NAME)) != 0)
		return err;
	if (!(wb = workbook_new_opt(hk_file_name(out), &opt))) {
		err = hk_error_setc(HK_EINTERNAL, "%s: cannot start the workbook", path);
		goto done;
	}
	snprintf(commit, sizeof(commit), "ledger commit %s", m->commit);
	workbook_set_properties(wb, &(lxw_doc_properties){.title = "建档立卡问题整改台账 (huikan report)",
							     .author = "huikan", .comments = commit});
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_bg_color(f.head, 0xDDE7F3);
	format_set_border(f.head, LXW_BORDER_THIN);
	format_set_text_wrap(f.head);
	f.date = workbook_add_format(wb);
	format_set_num_format(f.date, "yyyy-mm-dd");
	f.pct = workbook_add_format(wb);
	format_set_num_format(f.pct, "0.0%");
	for (int k = 0; k < HK_RL_N && e == LXW_NO_ERROR && err == 0; k++) {
		struct hk_rtable t;
		if ((err = hk_report_lists_init(&t, m, (enum hk_report_list)k)) == 0)
			e = write_sheet(wb, &t, &f);
		hk_report_lists_clear(&t);
	}
	e = e != LXW_NO_ERROR ? (workbook_close(wb), e) : workbook_close(wb);
	wb = NULL;
	if (err == 0 && e != LXW_NO_ERROR)
		err = xlsx_error(path, e);
done:
	if (err == 0)
		return hk_file_commit(out);
	hk_file_abort(out);
	return err;
}
