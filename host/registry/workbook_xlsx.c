/*
 * workbook_xlsx.c - XLSX books (workbook.h) read with libzip and expat.
 *
 * Opening reads xl/workbook.xml (sheet names, date1904), its relationships
 * (sheet -> part), xl/sharedStrings.xml (every shared string) and
 * xl/styles.xml (which cell formats are dates: built-in numFmtId 14-22,
 * 27-36, 45-47, 50-58, or a custom format with y or d tokens). A sheet is
 * streamed: expat is fed 64 KiB at a time and suspended at the end of each
 * <row>, so memory holds one row, never the sheet.
 */
#include "registry/workbook_book.h"
#include "registry/workbook_cell.h"
#include "base/array.h"
#include "base/buf.h"
#include "base/error.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK 65536

struct xbook {
	struct hk_workbook base;
	zip_t *zip;
	char **parts;        /* per sheet: its part name in the zip */
	char **sst;          /* shared strings */
	size_t nsst, capsst;
	unsigned char *isdate; /* per cellXfs entry */
	size_t nxf, capxf;
	int date1904;
};

/* The local part of an XML name ("x:c" -> "c"). */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0 && (strcmp(name, "id") != 0 || strchr(atts[i], ':')))
			return atts[i + 1];
	return NULL;
}

/* Parses the whole part `name` of the zip with the handlers (small parts:
 * workbook, rels, styles, shared strings - streamed all the same). Returns 0,
 * HK_ENOTFOUND when the part is missing, HK_EINPUT, HK_EINTERNAL. */
static int parse_part(struct xbook *b, const char *name, void *ud, XML_StartElementHandler st,
		      XML_EndElementHandler en, XML_CharacterDataHandler cd)
{
	zip_file_t *zf = zip_fopen(b->zip, name, 0);
	XML_Parser p;
	int err = 0;

	if (!zf)
		return HK_ENOTFOUND;
	if (!(p = XML_ParserCreate("UTF-8"))) {
		zip_fclose(zf);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, st, en);
	if (cd)
		XML_SetCharacterDataHandler(p, cd);
	for (;;) {
		void *buf = XML_GetBuffer(p, CHUNK);
		zip_int64_t n;
		if (!buf) {
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
			break;
		}
		n = zip_fread(zf, buf, CHUNK);
		if (n < 0) {
			err = hk_error_setc(HK_EINPUT, "%s: cannot read %s in the workbook: %s", b->base.path, name,
					    zip_file_strerror(zf));
			break;
		}
		if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
			err = hk_error_setc(HK_EINPUT, "%s: %s in the workbook is not well-formed XML (line %lu): %s",
					    b->base.path, name, (unsigned long)XML_GetCurrentLineNumber(p),
					    XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
		if (n == 0)
			break;
	}
	XML_ParserFree(p);
	zip_fclose(zf);
	return err;
}

/* ---- workbook.xml and its relationships ---- */

struct wbparse {
	struct xbook *b;
	char **rids; /* per sheet */
	size_t cap, caprid;
	int oom;
};

static void wb_start(void *ud, const char *name, const char **atts)
{
	struct wbparse *w = ud;
	const char *n = local(name);

	if (strcmp(n, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");
		w->b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(n, "sheet") == 0) {
		const char *sn = attr(atts, "name"), *rid = attr(atts, "id");
		size_t k = w->b->base.nsheets;
		if (HK_ARRAY_GROW(w->b->base.sheets, w->cap, k + 1) || HK_ARRAY_GROW(w->rids, w->caprid, k + 1)) {
			w->oom = 1;
			return;
		}
		w->b->base.sheets[k] = strdup(sn ? sn : "");
		w->rids[k] = strdup(rid ? rid : "");
		w->b->base.nsheets++;
		if (!w->b->base.sheets[k] || !w->rids[k])
			w->oom = 1;
	}
}

static void ignore_end(void *ud, const char *name)
{
	(void)ud;
	(void)name;
}

static void rels_start(void *ud, const char *name, const char **atts)
{
	struct wbparse *w = ud;
	const char *id, *target;

	if (strcmp(local(name), "Relationship") != 0 || !(id = attr(atts, "Id")) || !(target = attr(atts, "Target")))
		return;
	for (size_t i = 0; i < w->b->base.nsheets; i++) {
		if (strcmp(w->rids[i], id) != 0 || w->b->parts[i])
			continue;
		hk_buf p = HK_BUF_INIT;
		if (target[0] == '/')
			hk_buf_puts(&p, target + 1);
		else
			hk_buf_printf(&p, "xl/%s", target);
		if (!p.ptr)
			w->oom = 1;
		w->b->parts[i] = p.ptr;
	}
}

/* ---- styles.xml ---- */

struct stparse {
	struct xbook *b;
	int in_xfs;
	struct fmt {
		long id;
		int date;
	} *fmts;
	size_t nfmts, cap;
	int oom;
};

/* 1 when a custom number format shows a date: a y or d token (or m with
 * either) outside quoted text, [..] sections and escaped characters. */
static int format_is_date(const char *code)
{
	int y = 0, d = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (*p == '[') {
			while (p[1] && p[1] != ']')
				p++;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (p[1])
				p++;
		} else if (*p == 'y' || *p == 'Y' || *p == 'e') {
			y = 1;
		} else if (*p == 'd' || *p == 'D') {
			d = 1;
		}
	}
	return y || d;
}

static int builtin_is_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

static void st_start(void *ud, const char *name, const char **atts)
{
	struct stparse *s = ud;
	const char *n = local(name);

	if (strcmp(n, "numFmt") == 0) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (!id || !code)
			return;
		if (HK_ARRAY_GROW(s->fmts, s->cap, s->nfmts + 1)) {
			s->oom = 1;
			return;
		}
		s->fmts[s->nfmts].id = strtol(id, NULL, 10);
		s->fmts[s->nfmts++].date = format_is_date(code);
	} else if (strcmp(n, "cellXfs") == 0) {
		s->in_xfs = 1;
	} else if (s->in_xfs && strcmp(n, "xf") == 0) {
		const char *id = attr(atts, "numFmtId");
		long v = id ? strtol(id, NULL, 10) : 0;
		int date = builtin_is_date(v);
		for (size_t i = 0; i < s->nfmts; i++)
			if (s->fmts[i].id == v)
				date = s->fmts[i].date;
		if (HK_ARRAY_GROW(s->b->isdate, s->b->capxf, s->b->nxf + 1)) {
			s->oom = 1;
			return;
		}
		s->b->isdate[s->b->nxf++] = (unsigned char)date;
	}
}

static void st_end(void *ud, const char *name)
{
	struct stparse *s = ud;
	if (strcmp(local(name), "cellXfs") == 0)
		s->in_xfs = 0;
}

/* ---- sharedStrings.xml ---- */

struct ssparse {
	struct xbook *b;
	hk_buf text;
	int in_t, in_rph, oom;
};

static void ss_start(void *ud, const char *name, const char **atts)
{
	struct ssparse *s = ud;
	const char *n = local(name);
	(void)atts;
	if (strcmp(n, "si") == 0)
		hk_buf_clear(&s->text);
	else if (strcmp(n, "rPh") == 0)
		s->in_rph = 1;
	else if (strcmp(n, "t") == 0 && !s->in_rph)
		s->in_t = 1;
}

static void ss_end(void *ud, const char *name)
{
	struct ssparse *s = ud;
	const char *n = local(name);
	if (strcmp(n, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(n, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(n, "si") == 0) {
		char *v = strdup(s->text.ptr ? s->text.ptr : "");
		if (!v || HK_ARRAY_GROW(s->b->sst, s->b->capsst, s->b->nsst + 1)) {
			free(v);
			s->oom = 1;
			return;
		}
		s->b->sst[s->b->nsst++] = v;
	}
}

static void ss_text(void *ud, const char *t, int len)
{
	struct ssparse *s = ud;
	if (s->in_t && hk_buf_put(&s->text, t, (size_t)len))
		s->oom = 1;
}

/* ---- a sheet as a row source ---- */

struct xcell {
	size_t off, len, col;
	enum hk_cell_type type;
	double num;
};

struct xsheet {
	hk_rowsrc base;
	struct xbook *b;
	char *name, *sheet;
	zip_file_t *zf;
	XML_Parser p;
	int suspended, eof, ready, oom;
	char *fail;                 /* an error found inside a handler */
	unsigned long rownum;       /* of the row being read / ready */
	size_t nextcol;             /* column after the last cell */
	/* the cell being read */
	int in_c, in_v, in_t, in_is, in_rph, style_date;
	char ctype[12];
	size_t ccol;
	hk_buf val;
	/* the row */
	hk_buf text; /* text[0] is NUL: the empty cell */
	struct xcell *xc;
	size_t nxc, capxc;
	struct hk_cell *out;
	size_t capout;
};

/* Column number of a reference "C17" (1-based), 0 when there is none. */
static size_t ref_col(const char *r)
{
	size_t c = 0;
	for (; *r >= 'A' && *r <= 'Z'; r++)
		c = c * 26 + (size_t)(*r - 'A' + 1);
	return c;
}

static void sh_fail(struct xsheet *s, const char *msg)
{
	if (!s->fail)
		s->fail = strdup(msg);
	if (!s->fail)
		s->oom = 1;
	XML_StopParser(s->p, XML_FALSE);
}

static void sh_start(void *ud, const char *name, const char **atts)
{
	struct xsheet *s = ud;
	const char *n = local(name);

	if (strcmp(n, "row") == 0) {
		const char *r = attr(atts, "r");
		s->rownum = r ? strtoul(r, NULL, 10) : s->rownum + 1;
		s->nextcol = 1;
		s->nxc = 0;
		hk_buf_clear(&s->text);
		if (hk_buf_putc(&s->text, '\0'))
			s->oom = 1;
	} else if (strcmp(n, "c") == 0) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *st = attr(atts, "s");
		size_t xf = st ? strtoul(st, NULL, 10) : 0;
		s->in_c = 1;
		s->ccol = r && ref_col(r) ? ref_col(r) : s->nextcol;
		snprintf(s->ctype, sizeof(s->ctype), "%s", t ? t : "n");
		s->style_date = xf < s->b->nxf && s->b->isdate[xf];
		hk_buf_clear(&s->val);
	} else if (s->in_c && strcmp(n, "v") == 0) {
		s->in_v = 1;
	} else if (s->in_c && strcmp(n, "is") == 0) {
		s->in_is = 1;
	} else if (s->in_is && strcmp(n, "rPh") == 0) {
		s->in_rph = 1;
	} else if (s->in_is && !s->in_rph && strcmp(n, "t") == 0) {
		s->in_t = 1;
	}
}

/* Ends the cell being read: its text and type go into the row. */
static void end_cell(struct xsheet *s)
{
	const char *v = s->val.ptr ? s->val.ptr : "";
	size_t vlen = s->val.len;
	struct xcell c = {0, 0, s->ccol, HK_CELL_TEXT, 0};
	char date[32];
	hk_buf msg = HK_BUF_INIT;

	s->nextcol = s->ccol + 1;
	if (strcmp(s->ctype, "s") == 0) {
		char *end;
		unsigned long k = strtoul(v, &end, 10);
		if (!vlen || *end || k >= s->b->nsst) {
			hk_wb_where(&msg, s->name, s->sheet, s->rownum, s->ccol);
			hk_buf_printf(&msg, ": the cell names shared string %s, which the workbook does not have: "
					    "save the workbook again with Excel or WPS",
				      v);
			sh_fail(s, msg.ptr ? msg.ptr : "broken shared string");
			hk_buf_free(&msg);
			return;
		}
		v = s->b->sst[k];
		vlen = strlen(v);
	} else if (strcmp(s->ctype, "b") == 0) {
		c.type = HK_CELL_BOOL;
		v = vlen && strcmp(v, "0") != 0 ? "1" : "0";
		vlen = vlen ? 1 : 0;
	} else if (strcmp(s->ctype, "e") == 0) {
		c.type = HK_CELL_ERROR;
	} else if (strcmp(s->ctype, "n") == 0 && vlen) {
		c.num = strtod(v, NULL);
		c.type = HK_CELL_NUMBER;
		if (s->style_date && hk_workbook_serial_date(date, c.num, s->b->date1904) == 0) {
			c.type = HK_CELL_DATE;
			v = date;
			vlen = strlen(date);
		}
	} /* "str", "inlineStr" (and "d", an ISO date as text): the text as is */
	if (!vlen)
		return;
	c.off = s->text.len;
	c.len = vlen;
	if (hk_buf_put(&s->text, v, vlen) || hk_buf_putc(&s->text, '\0') ||
	    HK_ARRAY_GROW(s->xc, s->capxc, s->nxc + 1)) {
		s->oom = 1;
		return;
	}
	s->xc[s->nxc++] = c;
}

static void sh_end(void *ud, const char *name)
{
	struct xsheet *s = ud;
	const char *n = local(name);

	if (strcmp(n, "v") == 0) {
		s->in_v = 0;
	} else if (strcmp(n, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(n, "is") == 0) {
		s->in_is = 0;
	} else if (strcmp(n, "c") == 0 && s->in_c) {
		s->in_c = 0;
		end_cell(s);
	} else if (strcmp(n, "row") == 0) {
		if (s->nxc) { /* a row without a value is no row */
			s->ready = 1;
			XML_StopParser(s->p, XML_TRUE);
		}
	}
}

static void sh_text(void *ud, const char *t, int len)
{
	struct xsheet *s = ud;
	if ((s->in_v || s->in_t) && hk_buf_put(&s->val, t, (size_t)len))
		s->oom = 1;
}

/* Hands out the ready row as dense cells 1..last column. */
static int give_row(struct xsheet *s, struct hk_cell **cells, size_t *n)
{
	size_t width = 0;
	for (size_t i = 0; i < s->nxc; i++)
		if (s->xc[i].col > width)
			width = s->xc[i].col;
	if (HK_ARRAY_GROW(s->out, s->capout, width))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < width; i++)
		s->out[i] = (struct hk_cell){.ptr = s->text.ptr, .len = 0, .line = s->rownum};
	for (size_t i = 0; i < s->nxc; i++) {
		struct hk_cell *c = &s->out[s->xc[i].col - 1];
		c->ptr = s->text.ptr + s->xc[i].off;
		c->len = s->xc[i].len;
		c->type = s->xc[i].type;
		c->num = s->xc[i].num;
	}
	s->ready = 0;
	*cells = s->out;
	*n = width;
	return 1;
}

static int sh_next(hk_rowsrc *src, struct hk_cell **cells, size_t *n)
{
	struct xsheet *s = (struct xsheet *)src;
	enum XML_Status st;

	for (;;) {
		if (s->suspended) {
			st = XML_ResumeParser(s->p);
		} else if (s->eof) {
			return 0;
		} else {
			void *buf = XML_GetBuffer(s->p, CHUNK);
			zip_int64_t got;
			if (!buf)
				return hk_error_setc(HK_EINTERNAL, "out of memory");
			got = zip_fread(s->zf, buf, CHUNK);
			if (got < 0)
				return hk_error_setc(HK_EINPUT, "%s[%s]: cannot read the sheet: %s", s->name, s->sheet,
						     zip_file_strerror(s->zf));
			s->eof = got == 0;
			st = XML_ParseBuffer(s->p, (int)got, s->eof);
		}
		if (s->oom)
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		if (s->fail)
			return hk_error_setc(HK_EINPUT, "%s", s->fail);
		if (st == XML_STATUS_ERROR)
			return hk_error_setc(HK_EINPUT, "%s[%s]: the sheet is not well-formed XML (line %lu): %s",
					     s->name, s->sheet, (unsigned long)XML_GetCurrentLineNumber(s->p),
					     XML_ErrorString(XML_GetErrorCode(s->p)));
		s->suspended = st == XML_STATUS_SUSPENDED;
		if (s->ready)
			return give_row(s, cells, n);
	}
}

static int sh_where(const hk_rowsrc *src, hk_buf *b, unsigned long line, size_t col)
{
	const struct xsheet *s = (const struct xsheet *)src;
	return hk_wb_where(b, s->name, s->sheet, line, col);
}

static void sh_free(hk_rowsrc *src)
{
	struct xsheet *s = (struct xsheet *)src;
	if (s->p)
		XML_ParserFree(s->p);
	if (s->zf)
		zip_fclose(s->zf);
	hk_buf_free(&s->val);
	hk_buf_free(&s->text);
	free(s->xc);
	free(s->out);
	free(s->fail);
	free(s->name);
	free(s->sheet);
	free(s);
}

static const struct hk_rowsrc_ops sheet_ops = {sh_next, sh_where, sh_free};

static int xlsx_sheet_open(hk_rowsrc **out, struct hk_workbook *wb, size_t i)
{
	struct xbook *b = (struct xbook *)wb;
	struct xsheet *s = calloc(1, sizeof(*s));

	if (!s || !(s->name = strdup(wb->path)) || !(s->sheet = strdup(wb->sheets[i])) ||
	    !(s->p = XML_ParserCreate("UTF-8"))) {
		if (s)
			sh_free(&s->base);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	s->base.ops = &sheet_ops;
	s->base.name = s->name;
	s->base.ragged = 1;
	s->b = b;
	if (!b->parts[i] || !(s->zf = zip_fopen(b->zip, b->parts[i], 0))) {
		hk_error_setc(HK_EINPUT, "%s[%s]: the workbook does not hold the sheet's part %s: save it again with "
					 "Excel or WPS",
			      wb->path, wb->sheets[i], b->parts[i] ? b->parts[i] : "(no relationship)");
		sh_free(&s->base);
		return HK_EINPUT;
	}
	XML_SetUserData(s->p, s);
	XML_SetElementHandler(s->p, sh_start, sh_end);
	XML_SetCharacterDataHandler(s->p, sh_text);
	*out = &s->base;
	return 0;
}

static void xlsx_free(struct hk_workbook *wb)
{
	struct xbook *b = (struct xbook *)wb;
	for (size_t i = 0; i < wb->nsheets; i++) {
		free(wb->sheets[i]);
		free(b->parts ? b->parts[i] : NULL);
	}
	for (size_t i = 0; i < b->nsst; i++)
		free(b->sst[i]);
	free(wb->sheets);
	free(b->parts);
	free(b->sst);
	free(b->isdate);
	free(wb->path);
	if (b->zip)
		zip_discard(b->zip);
	free(b);
}

static const struct hk_workbook_ops xlsx_ops = {xlsx_sheet_open, xlsx_free};

int hk_wb_xlsx_open(struct hk_workbook **out, const char *path)
{
	struct xbook *b = calloc(1, sizeof(*b));
	struct wbparse w = {0};
	struct stparse st = {0};
	struct ssparse ss = {0};
	int zerr = 0, err = 0;

	if (!b || !(b->base.path = strdup(path))) {
		free(b);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	b->base.ops = &xlsx_ops;
	if (!(b->zip = zip_open(path, ZIP_RDONLY, &zerr))) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		err = hk_error_setc(HK_EINPUT, "%s: cannot read as an xlsx workbook: %s (save it again with Excel or "
					       "WPS as .xlsx, or each sheet as CSV)",
				    path, zerr == ZIP_ER_NOZIP ? "not a zip archive" : zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto done;
	}
	w.b = b;
	err = parse_part(b, "xl/workbook.xml", &w, wb_start, ignore_end, NULL);
	if (err == HK_ENOTFOUND)
		err = hk_error_setc(HK_EINPUT, "%s: not an xlsx workbook: it holds no xl/workbook.xml", path);
	if (!err && w.oom)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	if (!err && !(b->parts = calloc(b->base.nsheets + 1, sizeof(*b->parts))))
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	if (!err)
		err = parse_part(b, "xl/_rels/workbook.xml.rels", &w, rels_start, ignore_end, NULL);
	if (err == HK_ENOTFOUND)
		err = 0; /* every sheet will say its part is missing */
	if (!err && w.oom)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	st.b = b;
	if (!err && (err = parse_part(b, "xl/styles.xml", &st, st_start, st_end, NULL)) == HK_ENOTFOUND)
		err = 0;
	if (!err && st.oom)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	ss.b = b;
	if (!err && (err = parse_part(b, "xl/sharedStrings.xml", &ss, ss_start, ss_end, ss_text)) == HK_ENOTFOUND)
		err = 0;
	if (!err && ss.oom)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
done:
	for (size_t i = 0; w.rids && i < b->base.nsheets; i++)
		free(w.rids[i]);
	free(w.rids);
	free(st.fmts);
	hk_buf_free(&ss.text);
	if (err < 0) {
		xlsx_free(&b->base);
		return err;
	}
	*out = &b->base;
	return 0;
}
