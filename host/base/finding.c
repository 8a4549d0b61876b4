/*
 * finding.c - finding ids: the fingerprint of (rule id, entity key); findings
 * read from JSON lines (`ledger record`).
 */
#include "base/finding.h"
#include "base/sha256.h"
#include "base/array.h"
#include "base/date.h"
#include "base/error.h"
#include "base/json.h"
#include "base/path.h"
#include "base/text.h"

#include <pthread.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

void hk_finding_id(char out[HK_FINDING_ID_LEN + 1], const char *rule, const char *entity)
{
	hk_sha256_ctx c;
	unsigned char d[32];

	hk_sha256_init(&c);
	hk_sha256_update(&c, rule, strlen(rule));
	hk_sha256_update(&c, "\n", 1);
	hk_sha256_update(&c, entity, strlen(entity));
	hk_sha256_final(&c, d);
	out[0] = 'F';
	out[1] = '-';
	hk_hex_encode(out + 2, d, 6);
}

const char *hk_finding_pick(const char *lang, const char *zh, const char *en)
{
	if ((lang && strncmp(lang, "zh", 2) == 0) || !en || !*en)
		return zh;
	return en;
}

const char *hk_finding_message(const struct hk_finding *f, const char *lang)
{
	return hk_finding_pick(lang, f->message, f->message_en);
}

void hk_finding_clear(struct hk_finding *f)
{
	if (!f)
		return;
	free(f->rule);
	free(f->entity);
	free(f->category);
	free(f->severity);
	free(f->message);
	free(f->message_en);
	free(f->evidence_json);
	free(f->village);
	memset(f, 0, sizeof(*f));
}

static char *member_dup(const hk_json *o, const char *key)
{
	const char *s = hk_json_str(hk_json_get(o, key));
	return s ? strdup(s) : NULL;
}

/* Findings parsed from one part of a JSON lines file. */
struct part {
	const char *path;
	char *text; /* NUL-terminated part of the file's text */
	size_t lineno; /* the number of the line before the part's first */
	struct hk_finding *v;
	size_t n, cap;
	int err;
	char msg[HK_ERROR_MAX]; /* the error's message (from another thread) */
};

/* The error for line lineno of path (the ll bytes at line) whose byte at
 * offset bad starts no UTF-8: JSON is UTF-8, and bytes of another encoding
 * would go into the ledger as they are, where no JSON reader takes them.
 * Shows up to 4 bytes that are not ASCII. Returns HK_EINPUT. */
static int not_utf8(const char *path, size_t lineno, const char *line, size_t ll, size_t bad)
{
	size_t n = 1;
	hk_buf vis = HK_BUF_INIT;
	int err;

	while (n < 4 && bad + n < ll && (unsigned char)line[bad + n] >= 0x80)
		n++;
	err = hk_error_setc(HK_EINPUT,
			    "%s:%lu:%zu: bytes that are not UTF-8: '%s'; a findings file is UTF-8 JSON (convert it: "
			    "iconv -f GB18030 -t UTF-8)",
			    path, (unsigned long)lineno, bad + 1,
			    hk_text_visible(&vis, line + bad, n, 0) == 0 && vis.ptr ? vis.ptr : "?");
	hk_buf_free(&vis);
	return err;
}

/* Parses the lines of part->text into part->v; stops at the first bad line
 * (part->err, part->msg). */
static void parse_part(struct part *pt)
{
	const char *path = pt->path;
	char *line;
	size_t lineno = pt->lineno;
	int err = 0;

	for (line = pt->text; line && *line && !err;) {
		char *nl = strchr(line, '\n');
		size_t ll = nl ? (size_t)(nl - line) : strlen(line);
		hk_json *doc = NULL;
		hk_buf ev = HK_BUF_INIT;
		struct hk_finding *f;
		const char *id;
		size_t bad;
		lineno++;
		if (ll == 0 || (ll == 1 && line[0] == '\r')) {
			line = nl ? nl + 1 : NULL;
			continue;
		}
		if ((bad = hk_text_utf8_invalid(line, ll)) < ll) {
			err = not_utf8(path, lineno, line, ll, bad);
			break;
		}
		if ((err = HK_ARRAY_GROW(pt->v, pt->cap, pt->n + 1)) != 0)
			break;
		f = &pt->v[pt->n];
		memset(f, 0, sizeof(*f));
		if ((err = hk_json_parse(&doc, line, ll)) < 0) {
			/* "line 1, column C: what" of the one-line text -> FILE:LINE:COL: what */
			size_t col = 0;
			int off = 0;
			char what[HK_ERROR_MAX];
			snprintf(what, sizeof(what), "%s", hk_error_last());
			if (sscanf(what, "line %*d, column %zu: %n", &col, &off) == 1 && off > 0)
				err = hk_error_setc(HK_EINPUT, "%s:%zu:%zu: %s", path, lineno, col, what + off);
			else
				hk_error_prefix("%s:%zu", path, lineno);
			break;
		}
		pt->n++;
		f->rule = member_dup(doc, "rule");
		f->entity = member_dup(doc, "entity");
		f->category = member_dup(doc, "category");
		f->severity = member_dup(doc, "severity");
		f->message = member_dup(doc, "message");
		f->message_en = member_dup(doc, "message_en");
		if (hk_json_get(doc, "as_of")) { /* written by huikan run: the audit date */
			const char *d = hk_json_str(hk_json_get(doc, "as_of")), *why = NULL;
			if (!d || hk_date_parse(f->as_of, d, strlen(d), &why) != 0) {
				err = hk_error_setc(HK_EINPUT, "%s:%zu: 'as_of' is not a date YYYY-MM-DD", path, lineno);
				hk_json_free(doc);
				break;
			}
		}
		if (hk_json_get(doc, "evidence") && hk_json_type_of(hk_json_get(doc, "evidence")) != HK_JSON_OBJECT)
			err = hk_error_setc(HK_EINPUT, "%s:%zu: 'evidence' is not an object", path, lineno);
		else if (hk_json_write(&ev, hk_json_get(doc, "evidence") ? hk_json_get(doc, "evidence") : NULL) < 0)
			err = HK_EINTERNAL;
		f->evidence_json = hk_json_get(doc, "evidence") ? hk_buf_detach(&ev) : strdup("{}");
		hk_buf_free(&ev);
		if (!err && (!f->rule || !f->entity || !*f->rule || !*f->entity))
			err = hk_error_setc(HK_EINPUT, "%s:%zu: a finding needs string members 'rule' and 'entity'", path,
					    lineno);
		if (!err) {
			hk_finding_id(f->id, f->rule, f->entity);
			id = hk_json_str(hk_json_get(doc, "id"));
			if (id && strcmp(id, f->id) != 0)
				err = hk_error_setc(HK_EINPUT, "%s:%zu: id '%s' is not the id of (%s, %s), which is %s", path,
						    lineno, id, f->rule, f->entity, f->id);
		}
		hk_json_free(doc);
		line = nl ? nl + 1 : NULL;
	}
	pt->err = err;
	if (err < 0)
		snprintf(pt->msg, sizeof(pt->msg), "%s", hk_error_last());
}

static void *parse_thread(void *arg)
{
	parse_part(arg);
	return NULL;
}

static void part_clear(struct part *pt)
{
	for (size_t i = 0; i < pt->n; i++)
		hk_finding_clear(&pt->v[i]);
	free(pt->v);
	pt->v = NULL;
	pt->n = 0;
}

/* A file this big is parsed in two halves, the second in another thread. */
#define SPLIT_BYTES (1u << 20)

int hk_finding_read_jsonl(struct hk_finding **out, size_t *nout, const char *path)
{
	struct part pt[2];
	char *text = NULL, *cut = NULL;
	size_t len;
	pthread_t th;
	int err, threaded = 0;

	*out = NULL;
	*nout = 0;
	if ((err = hk_path_read(&text, &len, path, 0)) < 0)
		return err;
	memset(pt, 0, sizeof(pt));
	pt[0].path = pt[1].path = path;
	pt[0].text = text;
	/* two halves at the line end nearest the middle; the second half's
	 * line numbers go on from the first's */
	if (len >= SPLIT_BYTES && (cut = memchr(text + len / 2, '\n', len - len / 2)) != NULL) {
		*cut = '\0';
		pt[1].text = cut + 1;
		for (const char *c = text; (c = memchr(c, '\n', (size_t)(cut - c))) != NULL; c++)
			pt[1].lineno++;
		pt[1].lineno++; /* the line the cut ends */
		threaded = pthread_create(&th, NULL, parse_thread, &pt[1]) == 0;
	}
	parse_part(&pt[0]);
	if (pt[1].text) {
		if (threaded)
			pthread_join(th, NULL);
		else
			parse_part(&pt[1]);
	}
	free(text);
	/* the first bad line of the file: the first half's before the second's */
	if (pt[0].err < 0)
		err = hk_error_setc(pt[0].err, "%s", pt[0].msg);
	else if (pt[1].err < 0)
		err = hk_error_setc(pt[1].err, "%s", pt[1].msg);
	if (!err && pt[1].n) {
		struct hk_finding *v = realloc(pt[0].v, (pt[0].n + pt[1].n) * sizeof(*v));
		if (!v) {
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
		} else {
			memcpy(v + pt[0].n, pt[1].v, pt[1].n * sizeof(*v));
			pt[0].v = v;
			pt[0].n += pt[1].n;
			free(pt[1].v);
			pt[1].v = NULL;
			pt[1].n = 0;
		}
	}
	if (err < 0) {
		part_clear(&pt[0]);
		part_clear(&pt[1]);
		return err;
	}
	*out = pt[0].v;
	*nout = pt[0].n;
	return 0;
}
