/*
 * workbook_book.h - the inside of a workbook (workbook.h), shared by
 * workbook.c and the two readers workbook_xlsx.c (libzip + expat) and
 * workbook_xls.c (FreeXL).
 */
#ifndef HK_WORKBOOK_BOOK_H
#define HK_WORKBOOK_BOOK_H

#include <stddef.h>

#include "registry/rowsrc.h"

struct hk_workbook;

struct hk_workbook_ops {
	int (*sheet_open)(hk_rowsrc **out, struct hk_workbook *b, size_t i);
	void (*free)(struct hk_workbook *b);
};

/* The common head of both kinds of book. */
struct hk_workbook {
	const struct hk_workbook_ops *ops;
	char *path;
	char **sheets; /* worksheet names, UTF-8 */
	size_t nsheets;
};

/* Open a book of each kind (as hk_workbook_open). */
int hk_wb_xlsx_open(struct hk_workbook **out, const char *path);
int hk_wb_xls_open(struct hk_workbook **out, const char *path);

#endif
