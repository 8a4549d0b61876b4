/*
 * csv.h - an RFC 4180 CSV record parser working in place on a text buffer.
 *
 * Comma separated, `"` quoting with `""` inside quotes, CRLF, LF or CR line
 * ends. Fields are returned as pointers into the buffer, NUL-terminated in
 * place (quoted fields are unescaped in place), so there is no allocation per
 * field. Unquoted fields lose their leading and trailing ASCII spaces and tabs
 * (Excel exports pad them); quoted fields are kept exactly. Every field knows
 * the physical line it starts on.
 */
#ifndef HK_CSV_H
#define HK_CSV_H

#include <stddef.h>

struct hk_csv_field {
	char *ptr;          /* NUL-terminated in place */
	size_t len;
	unsigned long line; /* 1-based physical line where the field starts */
	int quoted;
};

typedef struct {
	char *p, *end;
	unsigned long line;          /* current physical line */
	struct hk_csv_field *fields; /* the last record's fields */
	size_t nfields, cap;
	unsigned long err_line;      /* after HK_EINPUT: where the bad field starts */
	size_t err_field;            /* ... its 1-based field number */
	const char *err_what;        /* ... what is wrong (static text) */
	const char *err_at;          /* ... and the raw text of the field (err_len bytes) */
	size_t err_len;
	char sep;                    /* the field separator: ',' (hk_csv_init) or '\t' */
} hk_csv;

/* Starts parsing the `len` bytes at `data`; data[len] must exist and be
 * writable (it may receive a NUL). The parser writes into `data`. */
void hk_csv_init(hk_csv *c, char *data, size_t len);

/* After hk_csv_init: fields are separated by `sep` (',' or '\t'; with a tab,
 * only spaces around unquoted fields are dropped). */
void hk_csv_set_sep(hk_csv *c, char sep);

/* Continues parsing in a new block of text (same rules as hk_csv_init; the
 * line count goes on). The fields of the previous block become invalid. */
void hk_csv_feed(hk_csv *c, char *data, size_t len);

/* Parses the next record into c->fields / c->nfields. Returns 1 when a record
 * was read, 0 at the end of the text, HK_EINPUT on a malformed record
 * (unterminated quote, text after a closing quote, a NUL byte in a field, so
 * that every field is a C string of its len bytes; err_* say where and what;
 * parsing cannot continue), HK_EINTERNAL when out of memory. */
int hk_csv_next(hk_csv *c);

/* Frees the field array; the buffer is the caller's. NULL-safe. */
void hk_csv_free(hk_csv *c);

/* Where a byte offset falls in raw CSV text, computed incrementally (the
 * text may come in chunks): feed bytes, then read line/fline/field/fstart. */
struct hk_csv_locator {
	unsigned long line;      /* current physical line */
	unsigned long fline;     /* line where the current field starts */
	size_t field;            /* 1-based number of the current field in its record */
	unsigned long long off;  /* bytes fed so far */
	unsigned long long fstart; /* offset where the current field starts */
	int inq;                 /* inside quotes */
	char last;               /* the previous byte */
};

void hk_csv_locator_init(struct hk_csv_locator *l);
void hk_csv_locator_feed(struct hk_csv_locator *l, const char *p, size_t n);

#endif
