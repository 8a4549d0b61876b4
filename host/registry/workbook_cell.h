/*
 * workbook_cell.h - what the XLSX and XLS readers share about cells:
 * Excel's serial dates and how a cell of a sheet is named in messages.
 */
#ifndef HK_WORKBOOK_CELL_H
#define HK_WORKBOOK_CELL_H

#include <stddef.h>

#include "base/buf.h"

/* The date of an Excel serial day number (1900 system, or 1904 with
 * `date1904`) as "YYYY-MM-DD" (and " HH:MM:SS" when it has a time).
 * Returns 0, or HK_EINPUT for serial 60 of the 1900 system (1900-02-29, a
 * day that never was) and serials out of range (< 0 or after 9999). */
int hk_workbook_serial_date(char out[32], double serial, int date1904);

/* Appends where a cell of a sheet is to b: "BOOK[SHEET]!C17" (col 1-based;
 * 0 = "BOOK[SHEET] row 17"). Returns 0 or HK_EINTERNAL. */
int hk_wb_where(hk_buf *b, const char *book, const char *sheet, unsigned long row, size_t col);

#endif
