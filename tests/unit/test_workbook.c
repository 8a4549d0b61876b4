/* test_workbook.c - Excel serial dates (1900 system with its phantom
 * 1900-02-29, the 1904 system, times) and the sheet names of tables. */
#include "test.h"
#include "registry/workbook.h"
#include "registry/workbook_cell.h"

#include <string.h>

static const char *serial(double s, int d1904)
{
	static char out[32];
	if (hk_workbook_serial_date(out, s, d1904) != 0)
		return "error";
	return out;
}

static void test_serial_dates(void)
{
	CHECK(strcmp(serial(1, 0), "1900-01-01") == 0);
	CHECK(strcmp(serial(59, 0), "1900-02-28") == 0);
	CHECK(strcmp(serial(60, 0), "error") == 0); /* 1900-02-29 never was */
	CHECK(strcmp(serial(61, 0), "1900-03-01") == 0);
	CHECK(strcmp(serial(43982, 0), "2020-05-31") == 0);
	CHECK(strcmp(serial(44012, 0), "2020-06-30") == 0);
	CHECK(strcmp(serial(43982.5, 0), "2020-05-31 12:00:00") == 0);
	CHECK(strcmp(serial(0, 0), "error") == 0);
	CHECK(strcmp(serial(-1, 0), "error") == 0);
	CHECK(strcmp(serial(2958465, 0), "9999-12-31") == 0);
	CHECK(strcmp(serial(2958466, 0), "error") == 0);
	CHECK(strcmp(serial(0, 1), "1904-01-01") == 0);
	CHECK(strcmp(serial(42520, 1), "2020-05-31") == 0); /* 1462 days after the 1900 system */
}

static void test_sheet_names(void)
{
	CHECK(strcmp(hk_workbook_sheet_table("户信息"), "households") == 0);
	CHECK(strcmp(hk_workbook_sheet_table("贫困户"), "households") == 0);
	CHECK(strcmp(hk_workbook_sheet_table("家庭成员"), "members") == 0);
	CHECK(strcmp(hk_workbook_sheet_table("帮扶干部"), "cadres") == 0);
	CHECK(strcmp(hk_workbook_sheet_table("结对帮扶"), "pairings") == 0);
	CHECK(strcmp(hk_workbook_sheet_table("visits"), "visits") == 0);
	CHECK(hk_workbook_sheet_table("Sheet1") == NULL);
	CHECK(hk_workbook_is_name("a/b.XLSX") && hk_workbook_is_name("c.xls") && !hk_workbook_is_name("d.csv"));
}

int main(void)
{
	RUN(test_serial_dates);
	RUN(test_sheet_names);
	return TEST_DONE();
}
