/*
 * workbook_int.h - the inside of workbook.h, shared by workbook.c and the
 * two readers workbook_xlsx.c (libzip + expat) and workbook_xls.c (FreeXL).
 */
#ifndef HK_WORKBOOK_INT_H
#define HK_WORKBOOK_INT_H

#include "registry/workbook.h"

struct hk_workbook_ops {
	int (*sheet_open)(hk_rowsrc **out, hk_workbook *b, size_t i);
	void (*free)(hk_workbook *b);
};

/* The common head of both kinds of book. */
struct hk_workbook {
	const struct hk_workbook_ops *ops;
	char *path;
	char **sheets; /* worksheet names, UTF-8 */
	size_t nsheets;
};

int hk_wb_xlsx_open(hk_workbook **out, const char *path);
int hk_wb_xls_open(hk_workbook **out, const char *path);

/* Where a cell of a sheet is, "BOOK[SHEET]!C17" (col 1-based; 0 = "BOOK[SHEET] row 17"). */
int hk_wb_where(hk_buf *b, const char *book, const char *sheet, unsigned long row, size_t col);

#endif
