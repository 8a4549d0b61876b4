/*
 * cmd_rules.c - `huikan rules PACK [RULE]`: the catalogue of a pack (like
 * nmap's --script-help): one line per rule, or the full description of the
 * rules RULE selects (an id, a glob or a --rules expression).
 */
#include "cli/cli.h"
#include "cli/engine_cli.h"
#include "base/error.h"
#include "base/finding.h"
#include "base/i18n.h"
#include "base/json.h"
#include "engine/select.h"
#include "base/text.h"
#include "cli/rules_doc.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	N_("usage: huikan rules PACK [RULE] [--json] [--doc DIR|FILE.md]\n"
	"\n"
	"Lists the rules of an audit pack (a directory, a rule file, or a pack name\n"
	"under audits/): id, category, severity, entity kind and title (in the language\n"
	"of --lang: the Chinese title, or the English one). With RULE (an\n"
	"id, a glob like 'precision.id-*', or a --rules expression) describes each\n"
	"selected rule in full: title, category, severity, entity, file, basis, and\n"
	"its parameters with the defaults a run uses (rule default < pack params).\n"
	"Basis, description and parameter docs are shown in that language too when\n"
	"the pack gives it (basis_zh, description_zh, doc_zh), else as written.\n"
	"\n"
	"options:\n"
	"  --json    one JSON object per rule (id, title, title_en, category, severity, entity,\n"
	"            basis, basis_zh, description, description_zh, and description_shown,\n"
	"            basis_shown: the text of the language; file, params, param_types,\n"
	"            param_docs: doc, doc_zh, doc_shown) instead of text\n"
	"  --doc DIR  write a Markdown catalogue of the pack to DIR/rules.md (or to\n"
	"            FILE.md): ids, Chinese and English titles, what makes a finding,\n"
	"            basis, parameters with units, an example from each rule's tests;\n"
	"            laid out by the pack's catalogue.md when it has one (lines\n"
	"            '@rule ID', '@table CATEGORY', '@details'). '-' writes to stdout.\n"
	"\n"
	"exit codes: 0 listed; 2 usage error, no such pack or rule; 3 a rule file did\n"
	"not load (named on stderr).\n");

/* Where the value a run uses for param q of rule r comes from. */
static const struct hk_param *effective(const struct hk_pack *p, const struct hk_param *q, const char **from)
{
	for (size_t i = 0; i < p->nparams; i++)
		if (strcmp(p->params[i].name, q->name) == 0) {
			*from = hk_tr_key(N_("from:pack"));
			return &p->params[i];
		}
	*from = hk_tr_key(N_("from:rule default"));
	return q;
}

/* Prints a label of `huikan rules PACK RULE` ("title:" under en, "名称："
 * under zh), in a column of 13 (two for a Chinese character). */
static void label_pad(const char *key, int padded)
{
	const char *t = hk_tr_key(key);
	int w = 2 + hk_cli_width(t) + (hk_lang_is_zh() ? 2 : 1); /* "  ", the label, its colon */
	printf("  %s%s", t, hk_lang_is_zh() ? "：" : ":");
	if (padded)
		printf("%*s", w < 13 ? 13 - w : 1, "");
}

static void label(const char *key)
{
	label_pad(key, 1);
}

/* The words of the entity kinds of the packs huikan ships, for code_line
 * (marked for the catalogue; a kind without one is shown as its code). */
static const char *const entity_words[] = {
	N_("entity:account"), N_("entity:cadre"),  N_("entity:fund"),    N_("entity:household"), N_("entity:loan"),
	N_("entity:payment"), N_("entity:person"), N_("entity:project"), N_("entity:town"),      N_("entity:village"),
};

/* The words of the parameter kinds and of the units the packs huikan ships
 * use, for hk_tr_word (a unit without one is shown as the pack wrote it). */
static const char *const param_words[] = {
	N_("ptype:money"),  N_("ptype:date"),   N_("ptype:percent"), N_("ptype:integer"), N_("ptype:list"),
	N_("ptype:number"), N_("ptype:boolean"), N_("ptype:string"), N_("ptype:table"),   N_("unit:yuan"),
	N_("unit:days"),    N_("unit:months"),  N_("unit:years"),
};

/* A code of the pack (category, severity) and, under a language other than
 * English, its word beside it: "资金使用 (funds)". */
static void code_line(const char *kind, const char *code)
{
	char key[96];
	const char *w = hk_tr_word(key, sizeof(key), kind, code);
	(void)entity_words; /* (the lists are for the catalogue: make po) */
	(void)param_words;
	if (strcmp(w, code) != 0)
		printf("%s (%s)\n", w, code);
	else
		printf("%s\n", code);
}

/* Text from the pack (titles, basis, paths, values) is made visible
 * (base/text.h): a pack must not drive the terminal. The labels are in the
 * chosen language, and so are the pack's own texts where it gives that
 * language (basis/basis_zh, description/description_zh, doc/doc_zh;
 * hk_pack_text), else as the pack wrote them. */
static void describe(const struct hk_pack *p, const struct hk_rule *r)
{
	hk_buf a = HK_BUF_INIT, b = HK_BUF_INIT;
	const char *basis = hk_pack_text(hk_lang(), r->basis_zh, r->basis);
	const char *about = hk_pack_text(hk_lang(), r->description_zh, r->description);

	printf("%s\n", r->id);
	label(N_("rule:title"));
	printf("%s\n", hk_text_vis(&a, r->title, 0));
	if (r->title_en) {
		label(N_("rule:title_en"));
		printf("%s\n", hk_text_vis(&a, r->title_en, 0));
	}
	label(N_("rule:category"));
	code_line("category", r->category);
	label(N_("rule:severity"));
	code_line("severity", r->severity);
	label(N_("rule:entity"));
	code_line("entity", r->entity);
	label(N_("rule:file"));
	printf("%s\n", hk_text_vis(&a, r->path, 0));
	if (basis) {
		label(N_("rule:basis"));
		printf("%s\n", hk_text_vis(&a, basis, 0));
	}
	if (about) {
		label(N_("rule:about"));
		printf("%s\n", hk_text_vis(&a, about, HK_TEXT_LINES));
	}
	label_pad(N_("rule:params"), r->nparams == 0);
	if (r->nparams == 0) {
		printf("%s\n", hk_tr_key(N_("rule:(none)")));
	} else {
		printf("\n");
		for (size_t i = 0; i < r->nparams; i++) {
			const char *from;
			const struct hk_param *v = effective(p, &r->params[i], &from);
			const struct hk_param *q = &r->params[i];
			const char *doc = hk_pack_text(hk_lang(), q->doc_zh, q->doc);
			char kbuf[96], ubuf[96];
			const char *kind = hk_tr_word(kbuf, sizeof(kbuf), "ptype", hk_param_kind_name(q));
			printf("    %-24s %-*s %s", v->name, hk_cli_cols(kind, 8), kind, hk_text_vis(&b, v->literal, 0));
			if (q->unit)
				printf(" %s", hk_text_vis(&b, hk_tr_word(ubuf, sizeof(ubuf), "unit", q->unit), 0));
			printf("  (%s)\n", from);
			if (doc)
				printf("    %-24s %s\n", "", hk_text_vis(&b, doc, 0));
		}
	}
	printf("\n");
	hk_buf_free(&a);
	hk_buf_free(&b);
}

static void put_json(const struct hk_pack *p, const struct hk_rule *r)
{
	hk_buf b = HK_BUF_INIT;
	const char *fields[][2] = {{"id", r->id},
				   {"title", r->title},
				   {"title_en", r->title_en},
				   {"category", r->category},
				   {"severity", r->severity},
				   {"entity", r->entity},
				   {"basis", r->basis},
				   {"basis_zh", r->basis_zh},
				   {"description", r->description},
				   {"description_zh", r->description_zh},
				   {"description_shown", hk_pack_text(hk_lang(), r->description_zh, r->description)},
				   {"basis_shown", hk_pack_text(hk_lang(), r->basis_zh, r->basis)},
				   {"file", r->path}};
	hk_buf_putc(&b, '{');
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		hk_buf_printf(&b, "%s\"%s\":", i ? "," : "", fields[i][0]);
		hk_json_put_str(&b, fields[i][1] ? fields[i][1] : "", fields[i][1] ? strlen(fields[i][1]) : 0);
	}
	hk_buf_puts(&b, ",\"params\":{");
	for (size_t i = 0; i < r->nparams; i++) {
		const char *from;
		const struct hk_param *v = effective(p, &r->params[i], &from);
		hk_buf_puts(&b, i ? "," : "");
		hk_json_put_str(&b, v->name, strlen(v->name));
		hk_buf_printf(&b, ":%s", v->json);
	}
	hk_buf_puts(&b, "},\"param_types\":{");
	for (size_t i = 0; i < r->nparams; i++) {
		const struct hk_param *q = &r->params[i];
		const char *kind = hk_param_kind_name(q);
		hk_buf_puts(&b, i ? "," : "");
		hk_json_put_str(&b, q->name, strlen(q->name));
		hk_buf_puts(&b, ":{\"type\":");
		hk_json_put_str(&b, kind, strlen(kind));
		if (q->unit) {
			hk_buf_puts(&b, ",\"unit\":");
			hk_json_put_str(&b, q->unit, strlen(q->unit));
		}
		hk_buf_putc(&b, '}');
	}
	/* param_docs: of each parameter with a doc, the doc as written, doc_zh
	 * and doc_shown (the one of the language) */
	hk_buf_puts(&b, "},\"param_docs\":{");
	for (size_t i = 0, k = 0; i < r->nparams; i++) {
		const struct hk_param *q = &r->params[i];
		const char *docs[][2] = {{"doc", q->doc},
					 {"doc_zh", q->doc_zh},
					 {"doc_shown", hk_pack_text(hk_lang(), q->doc_zh, q->doc)}};
		if (!docs[2][1])
			continue;
		hk_buf_puts(&b, k++ ? "," : "");
		hk_json_put_str(&b, q->name, strlen(q->name));
		hk_buf_putc(&b, ':');
		for (size_t d = 0, m = 0; d < 3; d++) {
			if (!docs[d][1])
				continue;
			hk_buf_printf(&b, "%s\"%s\":", m++ ? "," : "{", docs[d][0]);
			hk_json_put_str(&b, docs[d][1], strlen(docs[d][1]));
		}
		hk_buf_putc(&b, '}');
	}
	hk_buf_puts(&b, "}}\n");
	if (hk_buf_error(&b) == 0) /* the one check of the appends above */
		fputs(b.ptr, stdout);
	else
		fprintf(stderr, "huikan rules: %s\n", hk_error_last());
	hk_buf_free(&b);
}

/* --doc: the catalogue to DIR/rules.md, FILE.md or stdout ("-"); the file
 * is replaced whole through a temporary file. Returns an exit code. */
static int write_doc(const struct hk_pack *p, const char *dest, const struct hk_limits *lim)
{
	struct hk_ruletest_opts to = {0};
	hk_buf md = HK_BUF_INIT;
	char *path = NULL, *tmp = NULL;
	size_t n = strlen(dest);
	FILE *f = NULL;
	int err, rc = HK_EXIT_OK;

	to.limits = *lim;
	to.plugins_dir = hk_cli_plugins_dir();
	if ((err = hk_rules_doc(&md, p, &to)) != 0) {
		hk_buf_free(&md);
		return hk_cli_fail("rules", err);
	}
	if (strcmp(dest, "-") == 0) {
		fwrite(md.ptr, 1, md.len, stdout);
		hk_buf_free(&md);
		return p->nbroken ? HK_EXIT_INTERNAL : HK_EXIT_OK;
	}
	if (asprintf(&path, n > 3 && strcmp(dest + n - 3, ".md") == 0 ? "%s" : "%s/rules.md", dest) < 0 ||
	    asprintf(&tmp, "%s.tmp-XXXXXX", path) < 0)
		hk_oom();
	int fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w")) || fwrite(md.ptr, 1, md.len, f) != md.len || fclose(f) != 0 ||
	    rename(tmp, path) != 0) {
		hk_error_setc(HK_EINTERNAL, "%s: cannot write: %s", path, hk_strerror(errno));
		if (fd >= 0)
			unlink(tmp);
		rc = hk_cli_fail("rules", HK_EINTERNAL);
	} else {
		fprintf(stderr, "huikan rules: wrote %s (%zu rules)\n", path, p->nrules);
		rc = p->nbroken ? HK_EXIT_INTERNAL : HK_EXIT_OK;
	}
	free(path);
	free(tmp);
	hk_buf_free(&md);
	return rc;
}

int hk_cmd_rules(int argc, char **argv)
{
	const char *pack = NULL, *rule = NULL;
	struct hk_pack *p = NULL;
	struct hk_limits lim;
	hk_select *sel = NULL;
	hk_buf vis = HK_BUF_INIT;
	int json = 0, rc = HK_EXIT_USAGE, err;
	const char *doc = NULL;
	size_t shown = 0, wi = 2, wc = 8;
	struct hk_strlist *pos; /* large: on the heap */

	hk_engine_cli_budget_defaults(&lim);
	if (!(pos = calloc(1, sizeof(*pos))))
		return HK_EXIT_INTERNAL;
	const struct hk_opt opts[] = {{"--json", HK_OPT_FLAG, &json}, {"--doc", HK_OPT_VALUE, &doc}, {NULL, 0, NULL}};
	if ((rc = hk_cli_opts_parse("rules", argc, argv, opts, pos, usage)) != 0 || pos->n > 2) {
		if (!rc)
			rc = hk_cli_usage_error("rules", "too many arguments: '%s'", pos->v[2]);
		free(pos);
		return rc < 0 ? HK_EXIT_OK : rc;
	}
	pack = pos->n > 0 ? pos->v[0] : NULL;
	rule = pos->n > 1 ? pos->v[1] : NULL;
	free(pos);
	rc = HK_EXIT_USAGE;
	if (!pack)
		return hk_cli_usage_error("rules", "no PACK given");
	if ((err = hk_engine_cli_pack_open(&p, "rules", pack, &lim)) != 0)
		return hk_cli_fail("rules", err);
	if (doc) {
		rc = write_doc(p, doc, &lim);
		goto cleanup;
	}
	if (rule && (err = hk_select_parse(&sel, rule)) != 0) {
		rc = hk_cli_fail("rules", err);
		goto cleanup;
	}
	for (size_t i = 0; i < p->nrules; i++) {
		if (strlen(p->rules[i].id) > wi)
			wi = strlen(p->rules[i].id);
		if (strlen(p->rules[i].category) > wc)
			wc = strlen(p->rules[i].category);
	}
	if (!rule && !json)
	{
		static const char *const keys[] = {N_("head:ID"), N_("head:CATEGORY"), N_("head:SEVERITY"),
						   N_("head:ENTITY"), N_("head:TITLE")};
		const char *h[5];
		for (int k = 0; k < 5; k++)
			h[k] = hk_tr_key(keys[k]);
		printf("%-*s  %-*s  %-*s  %-*s  %s\n", hk_cli_cols(h[0], (int)wi), h[0], hk_cli_cols(h[1], (int)wc), h[1],
		       hk_cli_cols(h[2], 8), h[2], hk_cli_cols(h[3], 9), h[3], h[4]);
	}
	for (size_t i = 0; i < p->nrules; i++) {
		const struct hk_rule *r = &p->rules[i];
		if (sel && !hk_select_match(sel, r->id, r->category, r->severity))
			continue;
		shown++;
		if (json)
			put_json(p, r);
		else if (rule)
			describe(p, r);
		else
			printf("%-*s  %-*s  %-8s  %-9s  %s\n", (int)wi, r->id, (int)wc, r->category, r->severity, r->entity,
			       hk_text_vis(&vis, hk_finding_pick(hk_lang(), r->title, r->title_en), 0));
	}
	if (rule && shown == 0) {
		hk_error_setc(HK_ENOTFOUND, "%s: no rule of pack %s matches", rule, p->name);
		rc = hk_cli_fail("rules", HK_ENOTFOUND);
		goto cleanup;
	}
	if (!rule && !json) {
		const char *about = hk_pack_text(hk_lang(), p->description, p->description_en);
		hk_text_printf(stdout, _("\n%zu rules in pack %s %s%s%s\n"), p->nrules, p->name, p->version,
			       about ? ": " : "", about ? about : "");
	}
	rc = p->nbroken ? HK_EXIT_INTERNAL : HK_EXIT_OK;
cleanup:
	hk_buf_free(&vis);
	hk_select_free(sel);
	hk_pack_free(p);
	return rc;
}
