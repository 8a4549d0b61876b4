/*
 * rowsrc_csv.c - the CSV row source of rowsrc.h: a file (or a buffer) read in
 * blocks of whole records and decoded to UTF-8 (textin.h), split into fields
 * in place (csv.h). Every cell is text; its location is FILE:LINE:FIELD.
 */
#include "registry/csv.h"
#include "base/i18n.h"
#include "registry/rowsrc.h"
#include "registry/textin.h"
#include "base/array.h"
#include "base/error.h"

#include <stdlib.h>
#include <string.h>

struct csvsrc {
	hk_rowsrc base;
	char *name;
	enum hk_encoding enc; /* as asked (auto or forced) */
	hk_textin *in;
	hk_csv csv;
	int fed;              /* a block was given to the parser */
	struct hk_cell *cells;
	size_t cap;
	hk_buf val, aux;      /* scratch for error messages */
};

/* Sets the error for the malformed record the parser stopped at. */
static int csv_error(struct csvsrc *c)
{
	return hk_error_setc(HK_EINPUT, "%s:%lu:%zu: %s: %s", c->name, c->csv.err_line, c->csv.err_field,
			     _(c->csv.err_what), hk_rowsrc_quote(&c->val, c->csv.err_at, c->csv.err_len, 0));
}

/* Sets the error for the undecodable bytes (or the read failure) that
 * stopped the reader. */
static int decoding_error(struct csvsrc *c)
{
	unsigned long line;
	size_t field;
	enum hk_encoding got = hk_textin_encoding(c->in);

	if (hk_textin_locate_bad(c->in, &line, &field, &c->aux) < 0)
		return HK_EINPUT; /* hk_error_last() says why the file could not be read */
	/* what was wrong, and what to do about it */
	return hk_error_setc(
		HK_EINPUT, "%s:%lu:%zu: %s: %s%s", c->name, line, field,
		c->enc == HK_ENC_AUTO && got == HK_ENC_GB18030 ? _("bytes that are neither utf-8 nor gb18030")
		: got == HK_ENC_UTF8			       ? _("bytes that are not utf-8")
		: got == HK_ENC_GB18030			       ? _("bytes that are not gb18030")
							       : _("bytes that are not utf-16"),
		hk_rowsrc_quote(&c->val, c->aux.ptr ? c->aux.ptr : "", c->aux.len, 1),
		c->enc == HK_ENC_AUTO && got == HK_ENC_GB18030
			? _(" (text of two encodings in one file, or another encoding such as UTF-16 without its "
			    "byte order mark: save the file again as CSV UTF-8, or as GB18030)")
		: c->enc == HK_ENC_AUTO && got == HK_ENC_UTF8
			? _(" (the file is UTF-8 up to here: text pasted in from a GBK file? save the file again "
			    "as CSV UTF-8; a file that is GB18030 throughout takes --encoding gb18030)")
		: got == HK_ENC_UTF8	? _(" (--encoding utf-8 was given: leave it out, or save the file as UTF-8)")
		: got == HK_ENC_GB18030 ? _(" (--encoding gb18030 was given: leave it out, or save the file as GB18030)")
					: "");
}

static int csv_next(hk_rowsrc *s, struct hk_cell **cells, size_t *n)
{
	struct csvsrc *c = (struct csvsrc *)s;
	char *text;
	size_t tlen;
	int rc;

	for (;;) {
		if (c->fed) {
			rc = hk_csv_next(&c->csv);
			if (rc == 1)
				break;
			if (rc == HK_EINPUT)
				return csv_error(c);
			if (rc < 0)
				return rc;
		}
		rc = hk_textin_next(c->in, &text, &tlen);
		if (rc == 1) {
			hk_csv_feed(&c->csv, text, tlen);
			c->fed = 1;
			continue;
		}
		if (rc == HK_EINPUT)
			return decoding_error(c);
		return rc;
	}
	if ((rc = HK_ARRAY_GROW(c->cells, c->cap, c->csv.nfields)) != 0)
		return rc;
	for (size_t i = 0; i < c->csv.nfields; i++) {
		const struct hk_csv_field *f = &c->csv.fields[i];
		c->cells[i] = (struct hk_cell){.ptr = f->ptr, .len = f->len, .line = f->line, .quoted = f->quoted};
	}
	*cells = c->cells;
	*n = c->csv.nfields;
	return 1;
}

static int csv_where(const hk_rowsrc *s, hk_buf *b, unsigned long line, size_t col)
{
	return col ? hk_buf_printf(b, "%s:%lu:%zu", s->name, line, col) : hk_buf_printf(b, "%s:%lu", s->name, line);
}

static void csv_free(hk_rowsrc *s)
{
	struct csvsrc *c = (struct csvsrc *)s;
	hk_textin_free(c->in);
	hk_csv_free(&c->csv);
	hk_buf_free(&c->val);
	hk_buf_free(&c->aux);
	free(c->cells);
	free(c->name);
	free(c);
}

static const struct hk_rowsrc_ops csv_ops = {csv_next, csv_where, csv_free};

void hk_rowsrc_csv_set_sep(hk_rowsrc *s, char sep)
{
	if (s->ops == &csv_ops)
		hk_csv_set_sep(&((struct csvsrc *)s)->csv, sep);
}

int hk_rowsrc_csv_open(hk_rowsrc **out, const char *name, const char *file, const char *data, size_t len,
		       enum hk_encoding enc)
{
	struct csvsrc *c = calloc(1, sizeof(*c));
	int err;

	*out = NULL;
	if (!c || !(c->name = strdup(name))) {
		free(c);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	c->base.ops = &csv_ops;
	c->base.name = c->name;
	c->enc = enc;
	hk_csv_init(&c->csv, NULL, 0);
	if ((err = hk_textin_open(&c->in, file, data, len, enc)) < 0) {
		csv_free(&c->base);
		return err;
	}
	*out = &c->base;
	return 0;
}
