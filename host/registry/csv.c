/*
 * csv.c - the in-place RFC 4180 record parser of csv.h.
 */
#include "registry/csv.h"
#include "base/array.h"
#include "base/error.h"

#include <stdlib.h>
#include <string.h>

void hk_csv_init(hk_csv *c, char *data, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->p = data;
	c->end = data ? data + len : NULL; /* NULL + 0 is undefined */
	c->line = 1;
	c->sep = ',';
}

void hk_csv_set_sep(hk_csv *c, char sep)
{
	c->sep = sep;
}

void hk_csv_feed(hk_csv *c, char *data, size_t len)
{
	c->p = data;
	c->end = data + len;
	c->nfields = 0;
}

void hk_csv_free(hk_csv *c)
{
	if (!c)
		return;
	free(c->fields);
	c->fields = NULL;
	c->nfields = c->cap = 0;
}

static int push_field(hk_csv *c, char *ptr, size_t len, unsigned long line, int quoted)
{
	int err = HK_ARRAY_GROW(c->fields, c->cap, c->nfields + 1);
	if (err)
		return err;
	c->fields[c->nfields].ptr = ptr;
	c->fields[c->nfields].len = len;
	c->fields[c->nfields].line = line;
	c->fields[c->nfields].quoted = quoted;
	c->nfields++;
	ptr[len] = '\0';
	return 0;
}

#define NUL_IN_FIELD "a NUL byte (\\0) in a field (a binary file, or a file saved as UTF-16?)"

static int fail(hk_csv *c, const char *at, unsigned long line, const char *what)
{
	const char *nl = memchr(at, '\n', (size_t)(c->end - at));
	c->err_at = at;
	c->err_len = (size_t)((nl ? nl : c->end) - at);
	c->err_line = line;
	c->err_field = c->nfields + 1;
	c->err_what = what;
	return HK_EINPUT;
}

/* Parses a quoted field whose opening quote is at c->p. On return c->p is at
 * the byte after the closing quote. */
static int quoted_field(hk_csv *c, unsigned long line)
{
	char *start = c->p + 1, *in = start, *out = start, *end = c->end;
	for (;;) {
		char *q = memchr(in, '"', (size_t)(end - in));
		char *nl;
		if (!q)
			return fail(c, start - 1, line, "unterminated quoted field");
		if (memchr(in, '\0', (size_t)(q - in)))
			return fail(c, start - 1, line, NUL_IN_FIELD);
		for (nl = in; (nl = memchr(nl, '\n', (size_t)(q - nl))) != NULL; nl++)
			c->line++;
		for (nl = in; (nl = memchr(nl, '\r', (size_t)(q - nl))) != NULL; nl++)
			if (nl + 1 >= q || nl[1] != '\n')
				c->line++;
		if (out != in)
			memmove(out, in, (size_t)(q - in));
		out += q - in;
		if (q + 1 < end && q[1] == '"') {
			*out++ = '"';
			in = q + 2;
			continue;
		}
		c->p = q + 1;
		break;
	}
	while (c->p < end && (*c->p == ' ' || (*c->p == '\t' && c->sep != '\t')))
		c->p++;
	if (c->p < end && *c->p != c->sep && *c->p != '\n' && *c->p != '\r')
		return fail(c, start - 1, line, "text after the closing quote of a field");
	return push_field(c, start, (size_t)(out - start), line, 1);
}

int hk_csv_next(hk_csv *c)
{
	char *end = c->end, sep = c->sep;
	char pad = sep == '\t' ? ' ' : '\t'; /* blanks dropped around fields: space and tab, or space */

	c->nfields = 0;
	if (c->p >= end)
		return 0;
	for (;;) {
		char *p = c->p, d;
		unsigned long line = c->line;
		int err;

		while (p < end && (*p == ' ' || *p == pad))
			p++;
		if (p < end && *p == '"') {
			c->p = p;
			if ((err = quoted_field(c, line)) < 0)
				return err;
			p = c->p;
			d = p < end ? *p : '\0';
		} else {
			char *s = p, *e;
			while (p < end && *p != sep && *p != '\n' && *p != '\r' && *p != '\0')
				p++;
			if (p < end && *p == '\0')
				return fail(c, s, line, NUL_IN_FIELD);
			d = p < end ? *p : '\0';
			for (e = p; e > s && (e[-1] == ' ' || e[-1] == pad); e--)
				;
			/* the NUL may land on the delimiter at p: d keeps it */
			if ((err = push_field(c, s, (size_t)(e - s), line, 0)) < 0)
				return err;
		}
		if (p >= end) {
			c->p = end;
			return 1;
		}
		if (d == sep) {
			c->p = p + 1;
			if (c->p >= end) /* "a,<EOF>": a last, empty field */
				return push_field(c, end, 0, line, 0) < 0 ? HK_EINTERNAL : 1;
			continue;
		}
		if (d == '\r' && p + 1 < end && p[1] == '\n')
			p++;
		c->p = p + 1;
		c->line++;
		return 1;
	}
}

void hk_csv_locator_init(struct hk_csv_locator *l)
{
	memset(l, 0, sizeof(*l));
	l->line = l->fline = 1;
	l->field = 1;
}

void hk_csv_locator_feed(struct hk_csv_locator *l, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++, l->off++) {
		char ch = p[i];
		if (ch == '"') {
			l->inq = !l->inq;
		} else if (ch == '\r' || (ch == '\n' && l->last != '\r')) {
			l->line++;
			if (!l->inq) {
				l->field = 1;
				l->fstart = l->off + 1;
				l->fline = l->line;
			}
		} else if (ch == '\n') { /* the LF of a CRLF: the record starts after it */
			if (!l->inq)
				l->fstart = l->off + 1;
		} else if (ch == ',' && !l->inq) {
			l->field++;
			l->fstart = l->off + 1;
			l->fline = l->line;
		}
		l->last = ch;
	}
}
