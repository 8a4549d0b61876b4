/*
 * workbook.c - workbook.h: telling a workbook by its name, the sheet names
 * that name a registry table, and the opening of either kind of book.
 */
#include "registry/workbook.h"
#include "registry/workbook_book.h"
#include "registry/schema.h"
#include "base/error.h"

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

