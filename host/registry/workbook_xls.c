/*
 * workbook_xls.c - XLS (BIFF, Excel 97-2003) books (workbook.h) read with
 * FreeXL. FreeXL turns date cells into "YYYY-MM-DD" text and keeps numbers
 * as numbers; only one sheet of a book is read at a time.
 */
#include "registry/workbook_book.h"
#include "registry/workbook_cell.h"
#include "base/array.h"
#include "base/buf.h"
#include "base/error.h"

#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xlsbook {
	struct hk_workbook base;
	const void *h;
};

struct xlssheet {
	hk_rowsrc base;
	struct xlsbook *b;
	char *name, *sheet;
	unsigned int rows, row;
	unsigned short cols;
	hk_buf text; /* text[0] is NUL: the empty cell */
	size_t *off;
	struct hk_cell *out;
	size_t capout, capoff;
};

static int xs_next(hk_rowsrc *src, struct hk_cell **cells, size_t *n)
{
	struct xlssheet *s = (struct xlssheet *)src;

	while (s->row < s->rows) {
		unsigned int r = s->row++;
		size_t width = 0;
		hk_buf_clear(&s->text);
		if (hk_buf_putc(&s->text, '\0') || HK_ARRAY_GROW(s->out, s->capout, s->cols + 1u) ||
		    HK_ARRAY_GROW(s->off, s->capoff, s->cols + 1u))
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		for (unsigned short c = 0; c < s->cols; c++) {
			FreeXL_CellValue v;
			struct hk_cell *o = &s->out[c];
			char num[40];
			const char *t = NULL;
			int err = 0;

			*o = (struct hk_cell){.line = r + 1};
			s->off[c] = 0;
			if (freexl_get_cell_value(s->b->h, r, c, &v) != FREEXL_OK)
				return hk_error_setc(HK_EINPUT, "%s[%s]: cannot read row %u: the file is damaged; save it "
								"again with Excel or WPS",
						     s->name, s->sheet, r + 1);
			switch (v.type) {
			case FREEXL_CELL_INT:
				o->type = HK_CELL_NUMBER;
				o->num = v.value.int_value;
				snprintf(num, sizeof(num), "%d", v.value.int_value);
				t = num;
				break;
			case FREEXL_CELL_DOUBLE:
				o->type = HK_CELL_NUMBER;
				o->num = v.value.double_value;
				snprintf(num, sizeof(num), "%.17g", v.value.double_value);
				t = num;
				break;
			case FREEXL_CELL_DATE:
			case FREEXL_CELL_DATETIME:
				o->type = HK_CELL_DATE;
				t = v.value.text_value;
				break;
			case FREEXL_CELL_TEXT:
			case FREEXL_CELL_SST_TEXT:
			case FREEXL_CELL_TIME:
				t = v.value.text_value;
				break;
			default:
				break;
			}
			if (!t || !*t)
				continue;
			s->off[c] = s->text.len;
			o->len = strlen(t);
			err = hk_buf_put(&s->text, t, o->len);
			if (!err)
				err = hk_buf_putc(&s->text, '\0');
			if (err)
				return err;
			width = (size_t)c + 1;
		}
		if (!width)
			continue; /* a row without a value is no row */
		for (size_t c = 0; c < width; c++)
			s->out[c].ptr = s->text.ptr + s->off[c];
		*cells = s->out;
		*n = width;
		return 1;
	}
	return 0;
}

static int xs_where(const hk_rowsrc *src, hk_buf *b, unsigned long line, size_t col)
{
	const struct xlssheet *s = (const struct xlssheet *)src;
	return hk_wb_where(b, s->name, s->sheet, line, col);
}

static void xs_free(hk_rowsrc *src)
{
	struct xlssheet *s = (struct xlssheet *)src;
	hk_buf_free(&s->text);
	free(s->off);
	free(s->out);
	free(s->name);
	free(s->sheet);
	free(s);
}

static const struct hk_rowsrc_ops xls_sheet_ops = {xs_next, xs_where, xs_free};

static int xls_sheet_open(hk_rowsrc **out, struct hk_workbook *wb, size_t i)
{
	struct xlsbook *b = (struct xlsbook *)wb;
	struct xlssheet *s = calloc(1, sizeof(*s));

	if (!s || !(s->name = strdup(wb->path)) || !(s->sheet = strdup(wb->sheets[i]))) {
		if (s)
			xs_free(&s->base);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	s->base.ops = &xls_sheet_ops;
	s->base.name = s->name;
	s->base.ragged = 1;
	s->b = b;
	if (freexl_select_active_worksheet(b->h, (unsigned short)i) != FREEXL_OK ||
	    freexl_worksheet_dimensions(b->h, &s->rows, &s->cols) != FREEXL_OK) {
		hk_error_setc(HK_EINPUT, "%s[%s]: cannot read the sheet: save the workbook again with Excel or WPS",
			      wb->path, wb->sheets[i]);
		xs_free(&s->base);
		return HK_EINPUT;
	}
	*out = &s->base;
	return 0;
}

static void xls_free(struct hk_workbook *wb)
{
	struct xlsbook *b = (struct xlsbook *)wb;
	for (size_t i = 0; i < wb->nsheets; i++)
		free(wb->sheets[i]);
	free(wb->sheets);
	free(wb->path);
	if (b->h)
		freexl_close(b->h);
	free(b);
}

static const struct hk_workbook_ops xls_ops = {xls_sheet_open, xls_free};

int hk_wb_xls_open(struct hk_workbook **out, const char *path)
{
	struct xlsbook *b = calloc(1, sizeof(*b));
	unsigned int n = 0;
	int err = 0;

	if (!b || !(b->base.path = strdup(path))) {
		free(b);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	b->base.ops = &xls_ops;
	if (freexl_open(path, &b->h) != FREEXL_OK || freexl_get_info(b->h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK) {
		err = hk_error_setc(HK_EINPUT, "%s: cannot read as an xls workbook (Excel 97-2003): save it again with "
					       "Excel or WPS as .xlsx, or each sheet as CSV",
				    path);
		goto done;
	}
	if (n && !(b->base.sheets = calloc(n, sizeof(char *)))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	for (unsigned int i = 0; i < n; i++) {
		const char *name = NULL;
		if (freexl_get_worksheet_name(b->h, (unsigned short)i, &name) != FREEXL_OK)
			name = "";
		b->base.nsheets++;
		if (!(b->base.sheets[i] = strdup(name ? name : ""))) {
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
			goto done;
		}
	}
done:
	if (err < 0) {
		xls_free(&b->base);
		return err;
	}
	*out = &b->base;
	return 0;
}
