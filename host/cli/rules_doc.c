/*
 * rules_doc.c - the Markdown catalogue of a pack (see rules_doc.h).
 */
#include "base/i18n.h"
#include "cli/rules_doc.h"
#include "base/error.h"
#include "base/path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void table_row(hk_buf *b, const struct hk_rule *r)
{
	hk_buf_printf(b, "| %s | %s | %s | %s |\n", r->id, r->title, r->entity, r->description ? r->description : r->title);
}

static const struct hk_param *pack_value(const struct hk_pack *p, const struct hk_param *q)
{
	for (size_t i = 0; i < p->nparams; i++)
		if (strcmp(p->params[i].name, q->name) == 0)
			return &p->params[i];
	return q;
}

static void details(hk_buf *b, const struct hk_pack *p, const struct hk_rule *r, const struct hk_ruletest_opts *o)
{
	struct hk_ruletest_example ex;
	const char *slash = r->title_en ? NULL : strstr(r->title, " / ");

	hk_buf_printf(b, "### %s\n\n", r->id);
	if (r->title_en)
		hk_buf_printf(b, "%s — %s\n\n", r->title, r->title_en);
	else if (slash)
		hk_buf_printf(b, "%.*s — %s\n\n", (int)(slash - r->title), r->title, slash + 3);
	else
		hk_buf_printf(b, "%s\n\n", r->title);
	hk_buf_printf(b, "- category `%s`, severity `%s`, entity `%s`\n", r->category, r->severity, r->entity);
	if (r->basis && *r->basis)
		hk_buf_printf(b, "- basis: %s\n", r->basis);
	if (r->nparams)
		hk_buf_puts(b, "- parameters:\n");
	for (size_t i = 0; i < r->nparams; i++) {
		const struct hk_param *q = &r->params[i], *v = pack_value(p, q);
		hk_buf_printf(b, "  - `%s` (%s): `%s`%s%s%s%s%s\n", q->name, hk_param_kind_name(q), v->literal,
			      q->unit ? " " : "", q->unit ? q->unit : "", v != q ? " (the pack's value)" : "",
			      q->doc ? " — " : "", q->doc ? q->doc : "");
	}
	if (hk_ruletest_example(&ex, r, o)) {
		hk_buf_printf(b, "- example (test \"%s\", as_of %s): finds %s", ex.name, ex.as_of, ex.expect);
		if (*ex.rows)
			hk_buf_printf(b, " in\n\n  ```\n  %s", ex.rows);
		if (*ex.rows) {
			/* indent the block's lines */
			hk_buf tmp = HK_BUF_INIT;
			size_t start = b->len - strlen(ex.rows);
			for (size_t i = start; i < b->len; i++) {
				hk_buf_putc(&tmp, b->ptr[i]);
				if (b->ptr[i] == '\n' && i + 1 < b->len)
					hk_buf_puts(&tmp, "  ");
			}
			b->len = start;
			hk_buf_put(b, tmp.ptr, tmp.len);
			hk_buf_free(&tmp);
			hk_buf_puts(b, "  ```\n");
		} else {
			hk_buf_putc(b, '\n');
		}
		hk_ruletest_example_clear(&ex);
	}
	hk_buf_putc(b, '\n');
}

int hk_rules_doc(hk_buf *out, const struct hk_pack *p, const struct hk_ruletest_opts *o)
{
	char *tmpl = NULL, *path = NULL;
	size_t len = 0, *order = calloc(p->nrules + 1, sizeof(*order)), norder = 0;
	int *placed = calloc(p->nrules + 1, sizeof(*placed)), err = 0, lineno = 0;
	hk_buf def = HK_BUF_INIT;

	if (!order || !placed) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	if (asprintf(&path, "%s/catalogue.md", p->dir) < 0)
		hk_oom();
	if (!*p->dir || !hk_path_is_file(path) || hk_path_read(&tmpl, &len, path, 4 << 20) != 0) {
		/* the default layout: one table a category, then the details */
		hk_buf_printf(&def, "# %s %s: rule catalogue\n\n%s%s", p->name, p->version, p->description,
			      *p->description ? "\n\n" : "");
		for (size_t i = 0; i < p->nrules; i++) {
			int seen = 0;
			for (size_t k = 0; k < i && !seen; k++)
				seen = strcmp(p->rules[k].category, p->rules[i].category) == 0;
			if (!seen)
				hk_buf_printf(&def, "## %s\n\n| id | 名称 | entity | a finding when |\n|---|---|---|---|\n@table %s\n\n",
					      p->rules[i].category, p->rules[i].category);
		}
		hk_buf_puts(&def, "## The rules\n\n@details\n");
		free(tmpl);
		tmpl = hk_buf_detach(&def);
		len = strlen(tmpl);
		free(path);
		path = hk_xstrdup("(default layout)");
	}
	for (char *line = tmpl, *nl; line < tmpl + len && !err; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(tmpl + len - line));
		if (!nl)
			nl = tmpl + len;
		lineno++;
		if (strncmp(line, "@rule ", 6) == 0) {
			size_t i, n = (size_t)(nl - line - 6);
			for (i = 0; i < p->nrules; i++)
				if (strlen(p->rules[i].id) == n && strncmp(p->rules[i].id, line + 6, n) == 0)
					break;
			if (i == p->nrules) {
				err = hk_error_setc(HK_EINPUT, "%s:%d: @rule %.*s: no such rule in pack %s", path, lineno,
						    (int)n, line + 6, p->name);
				break;
			}
			table_row(out, &p->rules[i]);
			if (!placed[i]++)
				order[norder++] = i;
		} else if (strncmp(line, "@table ", 7) == 0) {
			size_t n = (size_t)(nl - line - 7);
			for (size_t i = 0; i < p->nrules; i++)
				if (!placed[i] && strlen(p->rules[i].category) == n &&
				    strncmp(p->rules[i].category, line + 7, n) == 0) {
					table_row(out, &p->rules[i]);
					placed[i] = 1;
					order[norder++] = i;
				}
		} else if ((size_t)(nl - line) == 8 && strncmp(line, "@details", 8) == 0) {
			for (size_t i = 0; i < p->nrules; i++)
				if (!placed[i]) {
					err = hk_error_setc(HK_EINPUT, "%s: rule %s is placed nowhere: add '@rule %s' or "
							    "'@table %s' before @details", path, p->rules[i].id,
							    p->rules[i].id, p->rules[i].category);
					break;
				}
			for (size_t k = 0; k < norder && !err; k++)
				details(out, p, &p->rules[order[k]], o);
			if (out->len > 1 && out->ptr[out->len - 1] == '\n' && out->ptr[out->len - 2] == '\n')
				out->len--; /* the template's own blank line follows */
		} else {
			hk_buf_put(out, line, (size_t)(nl - line));
			if (nl < tmpl + len)
				hk_buf_putc(out, '\n');
		}
	}
done:
	hk_buf_free(&def);
	free(tmpl);
	free(path);
	free(order);
	free(placed);
	return err;
}
