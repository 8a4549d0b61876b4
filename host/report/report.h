/*
 * report.h - the writers of `huikan report`: one self-contained HTML dashboard,
 * an XLSX workbook of the four lists, CSV files of the same lists. Each writes
 * its files with base/file.h: a regular file is replaced whole (a failure never
 * leaves a half-written report), a device or FIFO is written in place, "-" is
 * standard output.
 */
#ifndef HK_REPORT_H
#define HK_REPORT_H

#include "base/buf.h"
#include "report/report_model.h"

#include <stddef.h>

/* Writes the dashboard to path. assets: the directory holding report.css and
 * report.js (plugins/report), inlined into the page. Returns 0 or a negative
 * HK_E* code naming the file. */
int hk_report_html_write(const struct hk_report_model *m, const char *path, const char *assets);

/* Writes the workbook (汇总 and the four lists) to path. */
int hk_report_xlsx_write(const struct hk_report_model *m, const char *path);

/* Writes DIR/<list>.csv for the summary and the four lists (UTF-8, with a BOM
 * unless no_bom; cells neutralised as base/csvw.h says), creating dir when
 * missing. */
int hk_report_csv_write(const struct hk_report_model *m, const char *dir, int no_bom);

#endif
