/*
 * rowsrc.h - where the importer's rows come from. A row source yields rows
 * of cells: a CSV file (rowsrc_csv.c), a worksheet of a workbook. Each cell
 * is UTF-8 text plus the type the spreadsheet gave it, and the source names
 * a cell's location the way the user finds it: "households.csv:17:3"
 * (file:line:field) or "households.xlsx[户信息]!C17" (book[sheet]!cell).
 *
 * The importer (import.c) only reads rows through this interface; what a
 * cell's type means for a column is the importer's business.
 */
#ifndef HK_ROWSRC_H
#define HK_ROWSRC_H

#include <stddef.h>

#include "base/buf.h"
#include "registry/encoding.h"

/* What a cell holds. A CSV field is always text. */
enum hk_cell_type {
	HK_CELL_TEXT = 0, /* text as written */
	HK_CELL_NUMBER,   /* a number: ptr holds it as stored (e.g. "4.5092219500821E+17"), num its value */
	HK_CELL_DATE,     /* a date: ptr holds "YYYY-MM-DD" (" HH:MM:SS" follows when it has a time), num the serial */
	HK_CELL_BOOL,     /* a boolean: ptr holds "1" or "0" */
	HK_CELL_ERROR     /* a formula error as the spreadsheet shows it: "#N/A", "#VALUE!" */
};

struct hk_cell {
	char *ptr;             /* NUL-terminated UTF-8 of len bytes; valid until the next row */
	size_t len;
	unsigned long line;    /* CSV: the physical line where the field starts; a sheet: the row number */
	enum hk_cell_type type;
	int quoted;            /* CSV: the field was in quotes */
	double num;            /* HK_CELL_NUMBER and HK_CELL_DATE: the value */
};

typedef struct hk_rowsrc hk_rowsrc;

struct hk_rowsrc_ops {
	int (*next)(hk_rowsrc *s, struct hk_cell **cells, size_t *n);
	/* Appends the location of column `col` (1-based; 0 = the whole line or
	 * row) of line/row `line` to b. */
	int (*where)(const hk_rowsrc *s, hk_buf *b, unsigned long line, size_t col);
	void (*free)(hk_rowsrc *s);
};

/* The common head of every source (a source's own struct starts with it). */
struct hk_rowsrc {
	const struct hk_rowsrc_ops *ops;
	const char *name; /* the file as named in messages; owned by the source */
	int ragged;       /* rows may be shorter than the header (a sheet leaves out
			     trailing empty cells): missing cells are empty */
};

/* The next row: *cells (n of them) valid until the next call. Returns 1 with
 * a row, 0 at the end, HK_EINPUT when the input cannot be read on (a
 * malformed CSV record, undecodable bytes, a broken workbook:
 * hk_error_last() holds the whole error line, location first),
 * HK_EINTERNAL. */
int hk_rowsrc_next(hk_rowsrc *s, struct hk_cell **cells, size_t *n);

/* The location of a cell (col 1-based; 0 = the line or row) put into b,
 * which is emptied first. Returns b->ptr, or "" when out of memory. */
const char *hk_rowsrc_where(const hk_rowsrc *s, hk_buf *b, unsigned long line, size_t col);

/* NULL-safe. */
void hk_rowsrc_free(hk_rowsrc *s);

/* A value quoted for a message, into b (emptied first): 'value' with control
 * characters and bytes that are not valid UTF-8 (with `raw`: every byte >=
 * 0x80) as \xNN, cut after about 80 bytes ("..."). Returns b->ptr ("" when
 * out of memory). */
const char *hk_rowsrc_quote(hk_buf *b, const char *s, size_t len, int raw);

/* Opens a CSV source: the file `file` (NULL: the `len` bytes at `data`,
 * which must outlive the source), named `name` in messages, decoded as
 * `enc` (textin.h). Returns 0; HK_EINPUT when the file cannot be opened
 * (hk_error_last() names it and the reason); HK_EINTERNAL. */
int hk_rowsrc_csv_open(hk_rowsrc **out, const char *name, const char *file, const char *data, size_t len,
		       enum hk_encoding enc);

/* Makes the CSV source `s` read fields separated by `sep` (',' by default;
 * '\t' for tab-separated text such as Excel's "Unicode text" .txt). */
void hk_rowsrc_csv_set_sep(hk_rowsrc *s, char sep);

#endif
