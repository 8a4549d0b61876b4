/*
 * gen_xlsx.c - writes test workbooks from registry CSV files with
 * libxlsxwriter (a real spreadsheet writer, not hand-made XML), typing every
 * cell as a county's Excel would: text and code columns as strings, numbers
 * as numbers, dates as date cells, booleans as booleans.
 *
 *   gen_xlsx [--zh] [--date-format builtin|chinese] [--number COL] [--title] [--units]
 *            [--serial-dates] [--apostrophe COL] OUT.xlsx DIR TABLE[=SHEET] ...
 *
 * --zh writes the Chinese header names (and names a sheet given no SHEET by
 * the table's Chinese name); --date-format chooses Excel's built-in
 * date format 14 (default) or the custom 'yyyy"年"m"月"d"日"'; --number COL
 * writes the text column COL as numbers (as Excel does to a typed-in ID
 * number). A county's export, damaged as Excel damages it: --title puts a
 * title row and a note row above the header; --units writes a unit after
 * money and area headers (人均纯收入（元）); --serial-dates writes dates as
 * plain numbers, Excel's date serials (a date column formatted General);
 * --apostrophe COL writes COL's text after an apostrophe ('450922...).
 * Used by tests/cli/excel_import.sh, county_export.sh and bench/xlsx.sh.
 */
#include "registry/rowsrc.h"
#include "registry/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static struct {
	int title, units, serial;
	const char *apos;
} damage;

/* Excel's serial (1900 system) of y-m-d: days since 1899-12-30. */
static double serial_of(int y, int m, int d)
{
	long long yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400, yoe = yy - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (double)(era * 146097 + doe - 719468 + 25569);
}

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
	if (damage.title) {
		char title[256];
		snprintf(title, sizeof(title), "陆川县%s信息表", t->zh);
		worksheet_write_string(ws, 0, 0, title, NULL);
		worksheet_write_string(ws, 1, 0, "填报单位：陆川县乡村振兴局", NULL);
		worksheet_write_string(ws, 1, 3, "导出日期：2020年6月30日", NULL);
		r = 2;
	}
	while ((rc = hk_rowsrc_next(src, &cells, &n)) == 1) {
		for (size_t i = 0; i < n && i < 64; i++) {
			const char *v = cells[i].ptr;
			if (r == (damage.title ? 2 : 0)) {
				char name[128];
				map[i] = hk_schema_column_find(t, v, cells[i].len);
				snprintf(name, sizeof(name), "%s%s", zh && map[i] >= 0 ? t->cols[map[i]].zh : v,
					 !damage.units || map[i] < 0 ? ""
					 : t->cols[map[i]].type == HK_COL_MONEY ? "（元）"
					 : strcmp(t->cols[map[i]].name, "housing_area") == 0 ? "\n(平方米)"
											   : "");
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i, name, NULL);
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
				if (sscanf(v, "%d-%d-%d", &d.year, &d.month, &d.day) == 3 && damage.serial)
					worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)i,
							       serial_of(d.year, d.month, d.day), NULL);
				else if (sscanf(v, "%d-%d-%d", &d.year, &d.month, &d.day) == 3)
					worksheet_write_datetime(ws, (lxw_row_t)r, (lxw_col_t)i, &d, datef);
				else
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i, v, NULL);
				break;
			}
			default:
				if (numcol && strcmp(t->cols[map[i]].name, numcol) == 0) {
					worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)i, strtod(v, NULL), NULL);
				} else if (damage.apos && strcmp(t->cols[map[i]].name, damage.apos) == 0) {
					char a[512];
					snprintf(a, sizeof(a), "'%s", v);
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i, a, NULL);
				} else {
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)i, v, NULL);
				}
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
		else if (strcmp(argv[a], "--title") == 0)
			damage.title = 1;
		else if (strcmp(argv[a], "--units") == 0)
			damage.units = 1;
		else if (strcmp(argv[a], "--serial-dates") == 0)
			damage.serial = 1;
		else if (strcmp(argv[a], "--apostrophe") == 0 && a + 1 < argc)
			damage.apos = argv[++a];
	}
	if (argc - a < 3) {
		fprintf(stderr, "usage: gen_xlsx [--zh] [--date-format builtin|chinese] [--number COL] [--title] [--units] "
				"[--serial-dates] [--apostrophe COL] OUT.xlsx DIR TABLE[=SHEET] ...\n");
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
