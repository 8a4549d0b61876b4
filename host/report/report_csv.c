/*
 * report_csv.c - `huikan report --csv DIR`: the summary and the four lists as
 * CSV files (RFC 4180, UTF-8 with a BOM so that Excel reads the Chinese text),
 * one per list, named by its Chinese name (问题清单.csv, ...).
 */
#include "report/report.h"
#include "base/buf.h"
#include "base/error.h"
#include "report/report_lists.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Appends s as one CSV field, after `prefix` (may be ""): quoted when it
 * holds a comma, quote or line break. */
static void put_field(hk_buf *b, const char *prefix, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		hk_buf_puts(b, prefix);
		hk_buf_puts(b, s);
		return;
	}
	hk_buf_putc(b, '"');
	hk_buf_puts(b, prefix);
	for (; *s; s++) {
		if (*s == '"')
			hk_buf_putc(b, '"');
		hk_buf_putc(b, *s);
	}
	hk_buf_putc(b, '"');
}

/* Text that a spreadsheet would run as a formula: =, +, @, or - not starting
 * a number. */
static int formula_like(const char *s)
{
	return (s[0] && strchr("=+@", s[0])) || (s[0] == '-' && !(s[1] >= '0' && s[1] <= '9'));
}

static void put_cell(hk_buf *b, struct hk_rcell c)
{
	switch (c.t) {
	case HK_RC_TEXT:
		/* kept as text by a leading apostrophe, as Excel does */
		put_field(b, formula_like(c.s) ? "'" : "", c.s);
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

/* Writes one list to dir/<name>.csv. */
static int write_list(struct hk_rtable *t, const char *dir)
{
	hk_buf path = HK_BUF_INIT, b = HK_BUF_INIT;
	int err;

	hk_buf_printf(&path, "%s/%s.csv", dir, t->name);
	hk_buf_puts(&b, "\xEF\xBB\xBF");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			hk_buf_putc(&b, ',');
		put_field(&b, "", t->cols[c].header);
	}
	hk_buf_puts(&b, "\r\n");
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				hk_buf_putc(&b, ',');
			put_cell(&b, hk_rtable_cell(t, r, c));
		}
		hk_buf_puts(&b, "\r\n");
	}
	if (!b.ptr || !path.ptr)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	else
		err = hk_report_write_file(path.ptr, b.ptr, b.len);
	hk_buf_free(&b);
	hk_buf_free(&path);
	return err;
}

int hk_report_write_csv(const struct hk_report_model *m, const char *dir)
{
	int err = 0;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return hk_error_setc(HK_EINPUT, "%s: %s", dir, strerror(errno));
	for (int k = 0; k < HK_RL_N && err == 0; k++) {
		struct hk_rtable t;
		if ((err = hk_rtable_init(&t, m, (enum hk_report_list)k)) == 0)
			err = write_list(&t, dir);
		hk_rtable_clear(&t);
	}
	return err;
}
