/*
 * gen_xlsx.c - writes test workbooks from registry CSV files with
 * libxlsxwriter (a real spreadsheet writer, not hand-made XML), typing every
 * cell as a county's Excel would: text and code columns as strings, numbers
 * as numbers, dates as date cells, booleans as booleans.
 *
 *   gen_xlsx [--zh] [--date-format builtin|chinese] [--number COL] OUT.xlsx DIR TABLE[=SHEET] ...
 *
 * --zh writes the Chinese header names (and names a sheet given no SHEET by
 * the table's Chinese name); --date-format chooses Excel's built-in
 * date format 14 (default) or the custom 'yyyy"年"m"月"d"日"'; --number COL
 * writes the text column COL as numbers (as Excel does to a typed-in ID
 * number). Used by tests/cli/excel_import.sh and bench/xlsx.sh.
 */
#include "registry/rowsrc.h"
#include "registry/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static int sheet(lxw_workbook *wb, lxw_format *datef, const char *dir, const char *spec, int zh,
		 const char *numcol)
{
	char table[64], path[4096];
	const char *eq = strchr(spec, '=');
	const struct hk_table *t;
	hk_rowsrc *src = NULL;
	struct hk_cell *cells;
	size_t n;
	int map[64], rc, r = 0;
	lxw_worksheet *ws;

	snprintf(table, sizeof(table), "%.*s", eq ? (int)(eq - spec) : (int)strlen(spec), spec);
	if (!(t = hk_schema_table(table))) {
		fprintf(stderr, "gen_xlsx: no table %s\n", table);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s.csv", dir, table);
	if (hk_rowsrc_csv_open(&src, path, path, NULL, 0, HK_ENC_AUTO) < 0) {
		fprintf(stderr, "gen_xlsx: cannot read %s\n", path);
		return 1;
	}
	ws = workbook_add_worksheet(wb, eq ? eq + 1 : zh ? t->zh : table);
	while ((rc = hk_rowsrc_next(src, &cells, &n)) == 1) {
		for (size_t i = 0; i < n && i < 64; i++) {
			const char *v = cells[i].ptr;
			if (r == 0) {
				map[i] = hk_schema_column_find(t, v, cells[i].len);
				worksheet_write_string(ws, 0, (lxw_col_t)i, zh && map[i] >= 0 ? t->cols[map[i]].zh : v, NULL);
				continue;
			}
			if (!cells[i].len || map[i] < 0) {
				if (cells[i].len)
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i, v, NULL);
				continue;
			}
			switch (t->cols[map[i]].type) {
			case HK_COL_INT:
			case HK_COL_REAL:
			case HK_COL_MONEY:
				worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)i, strtod(v, NULL), NULL);
				break;
			case HK_COL_BOOL:
				worksheet_write_boolean(ws, (lxw_row_t)r, (lxw_col_t)i, strcmp(v, "1") == 0, NULL);
				break;
			case HK_COL_DATE: {
				lxw_datetime d = {0};
				if (sscanf(v, "%d-%d-%d", &d.year, &d.month, &d.day) == 3)
					worksheet_write_datetime(ws, (lxw_row_t)r, (lxw_col_t)i, &d, datef);
				else
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i, v, NULL);
				break;
			}
			default:
				if (numcol && strcmp(t->cols[map[i]].name, numcol) == 0)
					worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)i, strtod(v, NULL), NULL);
				else
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i, v, NULL);
			}
		}
		r++;
	}
	hk_rowsrc_free(src);
	return rc < 0;
}

int main(int argc, char **argv)
{
	int zh = 0, chinese_dates = 0, a = 1, bad = 0;
	const char *numcol = NULL;
	lxw_workbook *wb;
	lxw_format *datef;

	for (; a < argc && strncmp(argv[a], "--", 2) == 0; a++) {
		if (strcmp(argv[a], "--zh") == 0)
			zh = 1;
		else if (strcmp(argv[a], "--date-format") == 0 && a + 1 < argc)
			chinese_dates = strcmp(argv[++a], "chinese") == 0;
		else if (strcmp(argv[a], "--number") == 0 && a + 1 < argc)
			numcol = argv[++a];
	}
	if (argc - a < 3) {
		fprintf(stderr, "usage: gen_xlsx [--zh] [--date-format builtin|chinese] [--number COL] OUT.xlsx DIR "
				"TABLE[=SHEET] ...\n");
		return 2;
	}
	if (!(wb = workbook_new(argv[a])))
		return 1;
	datef = workbook_add_format(wb);
	if (chinese_dates)
		format_set_num_format(datef, "yyyy\"年\"m\"月\"d\"日\"");
	else
		format_set_num_format_index(datef, 14);
	for (int i = a + 2; i < argc && !bad; i++)
		bad = sheet(wb, datef, argv[a + 1], argv[i], zh, numcol);
	if (workbook_close(wb) != LXW_NO_ERROR)
		bad = 1;
	return bad;
}
