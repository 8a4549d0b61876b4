/*
 * report.h - the writers of `huikan report`: one self-contained HTML dashboard,
 * an XLSX workbook of the four lists, CSV files of the same lists. Each writes
 * to a temporary name and renames it into place, so a failure never leaves a
 * half-written report.
 */
#ifndef HK_REPORT_H
#define HK_REPORT_H

#include "base/buf.h"
#include "report/report_model.h"

#include <stddef.h>

/* Writes the dashboard to path. assets: the directory holding report.css and
 * report.js (plugins/report), inlined into the page. Returns 0 or a negative
 * HK_E* code naming the file. */
int hk_report_write_html(const struct hk_report_model *m, const char *path, const char *assets);

/* Writes the workbook (汇总 and the four lists) to path. */
int hk_report_write_xlsx(const struct hk_report_model *m, const char *path);

/* Writes DIR/<list>.csv for the summary and the four lists (UTF-8 with a BOM),
 * creating dir when missing. */
int hk_report_write_csv(const struct hk_report_model *m, const char *dir);

/* report_file.c: appends the temporary name used while writing path. */
int hk_report_tmp_name(hk_buf *out, const char *path);

/* Renames tmp to path, or removes tmp and returns HK_EINPUT naming path. */
int hk_report_commit_file(const char *tmp, const char *path);

/* Writes data[0..len) to path through a temporary file. Returns 0 or HK_EINPUT
 * naming path (nothing is left behind). */
int hk_report_write_file(const char *path, const void *data, size_t len);

#endif
