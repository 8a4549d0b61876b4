/*
 * report_csv.c - `huikan report --csv DIR`: the summary and the four lists as
 * CSV files (RFC 4180, UTF-8 with a BOM so that Excel reads the Chinese text,
 * cells that a spreadsheet would run as formulas neutralised: base/csvw.h),
 * one per list, named by its Chinese name (问题清单.csv, ...).
 */
#include "report/report.h"
#include "base/buf.h"
#include "base/csvw.h"
#include "base/error.h"
#include "base/fileset.h"
#include "report/report_lists.h"

#include <stdio.h>
#include <string.h>

static void put_cell(hk_buf *b, struct hk_rcell c)
{
	switch (c.t) {
	case HK_RC_TEXT:
		hk_csvw_str(b, c.s);
		break;
	case HK_RC_DATE:
		hk_buf_printf(b, "%.10s", c.s);
		break;
	case HK_RC_NUM:
		hk_buf_printf(b, "%.0f", c.n);
		break;
	case HK_RC_PCT:
		hk_buf_printf(b, "%.1f", c.n);
		break;
	default:
		break;
	}
}

/* Writes one list to dir/<name>.csv, into set (not yet in place). */
static int write_list(hk_fileset **set, struct hk_rtable *t, const char *dir, int no_bom)
{
	hk_buf path = HK_BUF_INIT, b = HK_BUF_INIT;
	int err;

	hk_buf_printf(&path, "%s/%s.csv", dir, t->file);
	hk_buf_puts(&b, no_bom ? "" : HK_CSVW_BOM);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			hk_buf_putc(&b, ',');
		hk_csvw_str(&b, hk_report_lists_header(t, c));
	}
	hk_buf_puts(&b, "\r\n");
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				hk_buf_putc(&b, ',');
			put_cell(&b, hk_report_lists_cell(t, r, c));
		}
		hk_buf_puts(&b, "\r\n");
	}
	/* the one check of every append above */
	if ((err = hk_buf_error(&path)) == 0 && (err = hk_buf_error(&b)) == 0)
		err = hk_fileset_add(set, path.ptr, b.ptr, b.len);
	hk_buf_free(&b);
	hk_buf_free(&path);
	return err;
}

int hk_report_csv_write(const struct hk_report_model *m, const char *dir, int no_bom)
{
	hk_fileset *set = NULL; /* the lists, put in place together */
	int err = hk_fileset_dir(&set, dir);

	for (int k = 0; k < HK_RL_N && err == 0; k++) {
		struct hk_rtable t;
		if ((err = hk_report_lists_init(&t, m, (enum hk_report_list)k)) == 0)
			err = write_list(&set, &t, dir, no_bom);
		hk_report_lists_clear(&t);
	}
	if (err) {
		hk_fileset_abort(set);
		return err;
	}
	return hk_fileset_commit(set);
}
