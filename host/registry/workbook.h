/*
 * workbook.h - Excel workbooks as row sources (rowsrc.h): XLSX read with
 * libzip and expat (sheets streamed, never held whole), XLS (BIFF) with
 * FreeXL. A workbook is opened once, its sheets are listed by name, and each
 * sheet is opened as a row source whose cells keep Excel's types (a date
 * cell is a date, a number a number) and whose locations read
 * "households.xlsx[户信息]!C17".
 */
#ifndef HK_WORKBOOK_H
#define HK_WORKBOOK_H

#include <stddef.h>

#include "registry/rowsrc.h"

typedef struct hk_workbook hk_workbook;

/* 1 when `name` ends in .xlsx, .xlsm or .xls (any case). */
int hk_workbook_is_name(const char *name);

/* Opens the workbook at `path` (.xlsx/.xlsm or .xls, told by the name).
 * Returns 0; HK_EINPUT when it cannot be read as a workbook (hk_error_last()
 * names the file and what is wrong); HK_EINTERNAL. */
int hk_workbook_open(hk_workbook **out, const char *path);

/* Number of worksheets, and the name of the i-th (UTF-8, owned by the book). */
size_t hk_workbook_nsheets(const hk_workbook *b);
const char *hk_workbook_sheet(const hk_workbook *b, size_t i);

/* Opens sheet i as a row source (freed with hk_rowsrc_free, before the
 * book). Returns 0, HK_EINPUT (hk_error_last() says why), HK_EINTERNAL. */
int hk_workbook_sheet_open(hk_rowsrc **out, hk_workbook *b, size_t i);

void hk_workbook_free(hk_workbook *b);

/* The registry table a sheet named `name` holds: the English table name, its
 * Chinese name (docs/registry.md) or a listed alias (户信息 -> households).
 * Returns the table name, or NULL. */
const char *hk_workbook_sheet_table(const char *name);

#endif
