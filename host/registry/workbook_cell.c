/*
 * workbook_cell.c - workbook_cell.h: Excel's serial dates, cell names.
 */
#include "registry/workbook_cell.h"
#include "base/error.h"
#include "base/i18n.h"

#include <math.h>
#include <stdio.h>

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

int hk_wb_where(hk_buf *b, const char *book, const char *sheet, unsigned long row, size_t col)
{
	char letters[8];
	size_t n = 0;

	if (!col)
		return hk_buf_printf(b, _("%s[%s] row %lu"), book, sheet, row);
	for (size_t c = col; c && n < sizeof(letters); c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	int err = hk_buf_printf(b, "%s[%s]!", book, sheet);
	while (!err && n)
		err = hk_buf_putc(b, letters[--n]);
	return err ? err : hk_buf_printf(b, "%lu", row);
}
