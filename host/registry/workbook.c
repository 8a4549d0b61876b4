/*
 * workbook.c - what XLSX and XLS books share (workbook.h): telling a
 * workbook by its name, Excel's serial dates, the sheet names that name a
 * registry table, and the opening of either kind.
 */
#include "registry/workbook.h"
#include "registry/workbook_int.h"
#include "registry/schema.h"
#include "base/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int ends_with(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

int hk_workbook_is_name(const char *name)
{
	return ends_with(name, ".xlsx") || ends_with(name, ".xlsm") || ends_with(name, ".xls");
}

int hk_workbook_open(hk_workbook **out, const char *path)
{
	*out = NULL;
	if (ends_with(path, ".xls"))
		return hk_wb_xls_open(out, path);
	return hk_wb_xlsx_open(out, path);
}

size_t hk_workbook_nsheets(const hk_workbook *b)
{
	return b->nsheets;
}

const char *hk_workbook_sheet(const hk_workbook *b, size_t i)
{
	return b->sheets[i];
}

int hk_workbook_sheet_open(hk_rowsrc **out, hk_workbook *b, size_t i)
{
	*out = NULL;
	return b->ops->sheet_open(out, b, i);
}

void hk_workbook_free(hk_workbook *b)
{
	if (b)
		b->ops->free(b);
}

int hk_workbook_serial_date(char out[32], double serial, int date1904)
{
	long long day, z, era, doe, yoe, y, doy, mp, d, m, secs;
	double whole = floor(serial);

	if (!(serial >= (date1904 ? 0 : 1)) || serial >= 2958466 || (!date1904 && whole == 60))
		return HK_EINPUT;
	secs = llround((serial - whole) * 86400.0);
	day = (long long)whole;
	if (secs >= 86400) {
		secs -= 86400;
		day++;
	}
	/* days since 1970-01-01: the 1900 system counts 1900-02-29, which
	 * never was, as serial 60 (Lotus's error, kept by Excel) */
	z = date1904 ? day - 24107 : day < 60 ? day - 25568 : day - 25569;
	z += 719468; /* civil from days (proleptic Gregorian) */
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (secs)
		snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d", (int)y % 10000, (int)m % 100, (int)d % 100,
			 (int)(secs / 3600) % 100, (int)(secs / 60 % 60), (int)(secs % 60));
	else
		snprintf(out, 32, "%04d-%02d-%02d", (int)y % 10000, (int)m % 100, (int)d % 100);
	return 0;
}

/* Sheet names counties use beside the tables' own names (docs/registry.md). */
static const struct {
	const char *sheet, *table;
} aliases[] = {
	{"户信息", "households"},     {"贫困户信息", "households"}, {"建档立卡户", "households"},
	{"人员信息", "members"},      {"成员信息", "members"},      {"家庭成员信息", "members"},
	{"帮扶责任人", "cadres"},     {"干部信息", "cadres"},       {"帮扶关系", "pairings"},
	{"工作队", "task_forces"},    {"走访记录", "visits"},       {"帮扶措施", "plans"},
	{"资金", "funds"},            {"资金拨付", "payments"},     {"项目", "projects"},
	{"小额信贷", "loans"},        {"低保", "welfare"},          {"死亡人员", "deaths"},
	{"车辆", "vehicles"},         {"房产", "properties"},       {"工商登记", "businesses"},
	{"财政供养", "public_payroll"},
};

const char *hk_workbook_sheet_table(const char *name)
{
	const struct hk_table *t = hk_schema_table(name);
	if (t)
		return t->name;
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
		if (strcmp(hk_schema_tables[i].zh, name) == 0)
			return hk_schema_tables[i].name;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(aliases[i].sheet, name) == 0)
			return aliases[i].table;
	return NULL;
}

int hk_wb_where(hk_buf *b, const char *book, const char *sheet, unsigned long row, size_t col)
{
	char letters[8];
	size_t n = 0;

	if (!col)
		return hk_buf_printf(b, "%s[%s] row %lu", book, sheet, row);
	for (size_t c = col; c && n < sizeof(letters); c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	int err = hk_buf_printf(b, "%s[%s]!", book, sheet);
	while (!err && n)
		err = hk_buf_putc(b, letters[--n]);
	return err ? err : hk_buf_printf(b, "%lu", row);
}
