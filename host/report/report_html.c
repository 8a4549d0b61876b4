/*
 * report_html.c - `huikan report --html FILE`: one self-contained page (no
 * network: the CSS and the small script of plugins/report are inlined, charts
 * are inline SVG) with the headline figures, the charts, and a table of every
 * finding (data embedded as JSON, paged and filtered by the script) whose ids
 * open the finding's history.
 */
#include "report/report.h"
#include "base/array.h"
#include "base/file.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/json.h"
#include "base/path.h"
#include "base/date.h"
#include "base/i18n.h"
#include "ledger/event.h"
#include "report/report_svg.h"
#include "report/report_lists.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every label of the page is a key "report:<English>" (or one of the keys
 * of the views: "col:", "category:", "severity:"), looked up with hk_tr_key:
 * the page is in the chosen language, the English word after ':' under en. */
#define L(key) hk_tr_key(key)

/* The legend of the stacked bars, in the chosen language (fills v[4]). */
static const struct hk_svg_series *status_series(struct hk_svg_series v[4])
{
	v[0] = (struct hk_svg_series){L(N_("col:closed")), "#2e7d32"};
	v[1] = (struct hk_svg_series){L(N_("col:waived")), "#9e9e9e"};
	v[2] = (struct hk_svg_series){L(N_("col:open")), "#f0a030"};
	v[3] = (struct hk_svg_series){L(N_("col:overdue")), "#c62828"};
	return v;
}

/* ---- charts ---- */

static const char *group_label(const char *name)
{
	static const char *const known[][2] = {
		{"-", N_("report:none")}, /* no place, no unit, no category */
		{"precision", N_("category:precision")},
		{"assignment", N_("category:assignment")},
		{"funds", N_("category:funds")},
		{"data", N_("category:data")},
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(name, known[i][0]) == 0)
			return L(known[i][1]);
	return name;
}

/* Appends "温泉镇 450922101" when the registry names the place, else the
 * code, whole (errors stay in b, see buf.h). */
static void place_label(hk_buf *b, const struct hk_report_model *m, const char *code)
{
	const char *name = hk_report_model_place_name(m, code);
	if (!*name)
		hk_buf_puts(b, group_label(code));
	else
		hk_buf_printf(b, "%s %s", name, code);
}

enum chart_kind {
	BY_STATUS,  /* stacked closed / waived / open (not overdue) / overdue */
	BY_CLOSURE, /* the closure rate, on a 0-100% scale */
};

/* Bars of the groups g; keys: bars carry their group's name for clicks;
 * places: label them with the names of m's registry. */
static int chart_groups(hk_buf *b, const char *id, const char *title, const struct hk_report_groups *g, int keys,
			const struct hk_report_model *places, enum chart_kind kind)
{
	struct hk_svg_series closure[] = {{L(N_("col:closure_pct")), "#1565c0"}}, st[4];
	size_t ns = kind == BY_STATUS ? 4 : 1;
	const char **labels = calloc(g->n + 1, sizeof(*labels)), **k = calloc(g->n + 1, sizeof(*k));
	double *v = calloc(g->n * ns + 1, sizeof(*v));
	size_t *at = calloc(g->n + 1, sizeof(*at)); /* where each place label starts in text */
	hk_buf text = HK_BUF_INIT;
	int err = 0;
	if (!labels || !v || !k || !at) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < g->n; i++) {
		at[i] = text.len;
		if (places)
			place_label(&text, places, g->v[i].name);
		else if (g->v[i].title) /* a rule: its title in the reader's language beside its id */
			hk_buf_printf(&text, "%s %s", g->v[i].title, g->v[i].name);
		else
			hk_buf_puts(&text, group_label(g->v[i].name));
		hk_buf_putc(&text, '\0');
	}
	if ((err = hk_buf_error(&text)) != 0)
		goto done;
	for (size_t i = 0; i < g->n; i++) {
		const struct hk_report_group *r = &g->v[i];
		labels[i] = text.ptr + at[i];
		k[i] = r->name;
		if (kind == BY_CLOSURE) {
			v[i] = r->closure_pct;
			continue;
		}
		v[i * 4] = (double)r->closed;
		v[i * 4 + 1] = (double)r->waived;
		v[i * 4 + 2] = (double)(r->open - r->overdue);
		v[i * 4 + 3] = (double)r->overdue;
	}
	hk_report_svg_hbars(b, &(struct hk_svg_chart){id, title, labels, keys ? k : NULL, v, g->n,
					      kind == BY_STATUS ? status_series(st) : closure, ns, kind == BY_STATUS ? 0 : 100,
					      kind == BY_STATUS ? NULL : "%"});
done:
	free(labels);
	free(k);
	free(v);
	free(at);
	hk_buf_free(&text);
	return err;
}

#define RULE_BARS 15 /* rules drawn one a bar; the others are folded into one */

static int count_desc(const void *a, const void *b)
{
	const struct hk_report_group *x = a, *y = b;
	if (x->findings != y->findings)
		return x->findings > y->findings ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The rules by count, most first; past RULE_BARS the long tail is folded into
 * one bar "其他 N 条规则" (not a filter: its key names no rule). */
static int chart_rules(hk_buf *b, const struct hk_report_model *m)
{
	struct hk_report_groups g = {calloc(m->by_rule.n + 1, sizeof(*g.v)), 0};
	char other[64];
	int err;
	if (!g.v)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	memcpy(g.v, m->by_rule.v, m->by_rule.n * sizeof(*g.v));
	g.n = m->by_rule.n;
	qsort(g.v, g.n, sizeof(*g.v), count_desc);
	if (g.n > RULE_BARS + 1) {
		struct hk_report_group o = {other, NULL, 0, 0, 0, 0, 0, 0, 0};
		snprintf(other, sizeof(other), hk_ntr("%zu other rule", "%zu other rules", g.n - RULE_BARS), g.n - RULE_BARS);
		for (size_t i = RULE_BARS; i < g.n; i++) {
			o.findings += g.v[i].findings;
			o.open += g.v[i].open;
			o.closed += g.v[i].closed;
			o.waived += g.v[i].waived;
			o.overdue += g.v[i].overdue;
			o.relapsed += g.v[i].relapsed;
		}
		g.v[RULE_BARS] = o;
		g.n = RULE_BARS + 1;
	}
	err = chart_groups(b, "chart-rule", L(N_("report:Findings by rule, most first")), &g, 1, NULL, BY_STATUS);
	free(g.v);
	return err;
}

/* The units with their findings closed, open and overdue; the findings
 * assigned to no unit are said apart, under the chart. */
static int chart_units(hk_buf *b, const struct hk_report_model *m)
{
	struct hk_report_groups g = {calloc(m->by_unit.n + 1, sizeof(*g.v)), 0};
	long unassigned = 0;
	int err;
	if (!g.v)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < m->by_unit.n; i++) {
		if (strcmp(m->by_unit.v[i].name, "-") == 0)
			unassigned = m->by_unit.v[i].findings;
		else
			g.v[g.n++] = m->by_unit.v[i];
	}
	err = chart_groups(b, "chart-unit", L(N_("report:Findings, closed and overdue by unit")), &g, 1, NULL, BY_STATUS);
	hk_buf_printf(b, "<p class=\"unassigned\" id=\"unassigned\" data-count=\"%ld\">", unassigned);
	hk_buf_printf(b, hk_ntr("%ld finding not assigned", "%ld findings not assigned", (unsigned long)unassigned),
		      unassigned);
	hk_buf_puts(b, "</p>");
	free(g.v);
	return err;
}

static void rank_table(hk_buf *b, const struct hk_report_model *m, const char *id, const char *title, const size_t *v,
		       size_t n)
{
	hk_buf_printf(b, "<div class=\"rank\"><h3>%s</h3><table id=\"%s\"><thead><tr><th>%s</th><th>%s</th>"
			 "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", title, id,
		      L(N_("list:Rank")), L(N_("list:Responsible unit")), L(N_("list:Assigned")), L(N_("list:Closed")),
		      L(N_("list:Overdue")), L(N_("list:Closure rate")));
	for (size_t i = 0; i < n; i++) {
		const struct hk_report_group *g = &m->by_unit.v[v[i]];
		hk_buf_printf(b, "<tr><td>%zu</td><td>", i + 1);
		hk_report_svg_put_esc(b, g->name);
		hk_buf_printf(b, "</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td><td class=\"num\">%ld</td>"
				 "<td class=\"num\">%.1f%%</td></tr>", g->findings, g->closed, g->overdue, g->closure_pct);
	}
	if (n == 0)
		hk_buf_printf(b, "<tr><td colspan=\"6\">%s</td></tr>", L(N_("report:fewer than two units, no ranking")));
	hk_buf_puts(b, "</tbody></table></div>");
}

/* 红黑榜: units ranked by closure rate and overdue count (report_lists.h). */
static int ranking(hk_buf *b, const struct hk_report_model *m)
{
	size_t *red = NULL, *black = NULL, nr = 0, nb = 0;
	if (hk_report_lists_ranking(m, &red, &nr, &black, &nb) < 0) {
		free(red);
		free(black);
		return HK_EINTERNAL;
	}
	hk_buf_printf(b, "<section id=\"ranking\" class=\"ranking\"><h2>%s <small>%s</small></h2>",
		      L(N_("sheet:Red and black lists")), L(N_("report:ranked by closure rate and overdue findings")));
	rank_table(b, m, "redlist", L(N_("list:red list")), red, nr);
	rank_table(b, m, "blacklist", L(N_("list:black list")), black, nb);
	hk_buf_puts(b, "</section>\n");
	free(red);
	free(black);
	return 0;
}

static void chart_aging(hk_buf *b, const struct hk_report_model *m)
{
	struct hk_svg_series s[] = {{L(N_("col:overdue")), "#c62828"}};
	const char *labels[] = {L(N_("report:0-30 days")), L(N_("report:31-60 days")), L(N_("report:61-90 days")),
				L(N_("report:over 90 days"))};
	double v[4];
	for (int i = 0; i < 4; i++)
		v[i] = (double)m->aging[i];
	hk_report_svg_columns(b, &(struct hk_svg_chart){"chart-aging", L(N_("report:Overdue aging")), labels, NULL, v, 4, s, 1,
						0, NULL});
}

#define MAX_RUNS 30

static int chart_runs(hk_buf *b, const struct hk_report_model *m)
{
	struct hk_svg_series s[] = {{L(N_("col:open")), "#f0a030"}, {L(N_("col:closed")), "#2e7d32"}};
	size_t first = m->nruns > MAX_RUNS ? m->nruns - MAX_RUNS : 0, n = m->nruns - first;
	const char **labels = calloc(n + 1, sizeof(*labels));
	char (*text)[24] = calloc(n + 1, sizeof(*text));
	double *v = calloc(n * 2 + 1, sizeof(*v));
	int err = 0;
	if (!labels || !text || !v) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const struct hk_report_run *r = &m->runs[first + i];
		char local[32]; /* "YYYY-MM-DD HH:MM:SS" in local time */
		hk_time_local(local, r->time);
		snprintf(text[i], sizeof(text[i]), "%.5s %.5s", local + (strlen(local) >= 16 ? 5 : 0),
			 strlen(local) >= 16 ? local + 11 : "");
		labels[i] = text[i];
		v[i * 2] = (double)r->open;
		v[i * 2 + 1] = (double)r->closed;
	}
	hk_report_svg_columns(b, &(struct hk_svg_chart){"chart-runs", L(N_("report:Open and closed after each run")), labels,
						NULL, v, n, s, 2, 0, NULL});
done:
	free(labels);
	free(text);
	free(v);
	return err;
}

/* ---- headline figures ---- */

static void figure(hk_buf *b, const char *id, const char *label, double v, const char *unit, const char *cls)
{
	hk_buf_printf(b, "<div class=\"fig %s\" id=\"fig-%s\" data-value=\"%g\"><span class=\"num\">", cls, id, v);
	if (unit)
		hk_buf_printf(b, "%.1f%s", v, unit);
	else
		hk_buf_printf(b, "%.0f", v);
	hk_buf_puts(b, "</span><span class=\"lbl\">");
	hk_buf_puts(b, label);
	hk_buf_puts(b, "</span></div>");
}

static void figures(hk_buf *b, const struct hk_report_model *m)
{
	hk_buf_puts(b, "<section class=\"figures\" id=\"figures\">");
	figure(b, "findings", L(N_("col:findings")), (double)m->total.findings, NULL, "");
	figure(b, "open", L(N_("col:open")), (double)m->total.open, NULL, "warn");
	figure(b, "closed", L(N_("col:closed")), (double)m->total.closed, NULL, "good");
	figure(b, "overdue", L(N_("col:overdue")), (double)m->total.overdue, NULL, "bad");
	figure(b, "relapsed", L(N_("col:relapsed")), (double)m->total.relapsed, NULL, "bad");
	figure(b, "closure", L(N_("col:closure_pct")), m->total.closure_pct, "%", "good");
	hk_buf_puts(b, "</section>\n");
}

/* ---- the embedded data ---- */

/* A list of distinct strings with their index (few: actors, runs). */
struct dict {
	const char **v;
	size_t n, cap, last;
};

static long dict_index(struct dict *d, const char *s)
{
	if (d->last < d->n && strcmp(d->v[d->last], s) == 0)
		return (long)d->last;
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i], s) == 0)
			return (long)(d->last = i);
	if (HK_ARRAY_GROW(d->v, d->cap, d->n + 1) != 0)
		return -1;
	d->v[d->n] = s;
	return (long)(d->last = d->n++);
}

static int group_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct hk_report_group *)elem)->name);
}

/* Index of name in the (sorted) groups g; -1 when absent. */
static long group_index(const struct hk_report_groups *g, const char *name)
{
	const struct hk_report_group *r = bsearch(*name ? name : "-", g->v, g->n, sizeof(*g->v), group_cmp);
	return r ? (long)(r - g->v) : -1;
}

static void jstr(hk_buf *b, const char *s)
{
	hk_json_put_str(b, s ? s : "", s ? strlen(s) : 0);
}

static void put_names(hk_buf *b, const char *key, const char *const *v, size_t n)
{
	hk_buf_printf(b, "\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			hk_buf_putc(b, ',');
		jstr(b, v[i]);
	}
	hk_buf_puts(b, "]");
}

static void put_group_names(hk_buf *b, const char *key, const struct hk_report_groups *g)
{
	hk_buf_printf(b, ",\"%s\":[", key);
	for (size_t i = 0; i < g->n; i++) {
		if (i)
			hk_buf_putc(b, ',');
		jstr(b, g->v[i].name);
	}
	hk_buf_puts(b, "]");
}

static int put_event(hk_buf *b, const struct hk_report_event *e, struct dict *actors, struct dict *runs)
{
	long a = dict_index(actors, e->actor), r = *e->run ? dict_index(runs, e->run) : -1;
	if (a < 0 || (*e->run && r < 0))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	char local[32];
	hk_buf_putc(b, '[');
	jstr(b, e->type);
	hk_buf_putc(b, ',');
	jstr(b, hk_time_local(local, e->time));
	hk_buf_printf(b, ",%ld,", a);
	jstr(b, e->office);
	hk_buf_printf(b, ",%ld", r);
	if (*e->unit || *e->note || *e->reason || *e->evidence || e->illegal) {
		const char *more[] = {e->unit, e->person, e->due, e->note, e->reason, e->evidence, e->illegal};
		for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
			hk_buf_putc(b, ',');
			if (more[i])
				jstr(b, more[i]);
			else
				hk_buf_puts(b, "null");
		}
	}
	hk_buf_putc(b, ']');
	return 0;
}

/* The words the script shows, in the chosen language: "L" (labels by the
 * script's name for them), "ev" (event types), "sev" (severities), "cat"
 * (categories). */
static void put_labels(hk_buf *b)
{
	static const char *const labels[][2] = {
		{"rule", N_("col:rule")},
		{"category", N_("report:category")},
		{"severity", N_("report:severity")},
		{"entity", N_("col:entity")},
		{"town", N_("list:Town")},
		{"village", N_("col:village")},
		{"message", N_("col:message")},
		{"unit", N_("col:unit")},
		{"due", N_("col:due")},
		{"relapses", N_("col:relapses")},
		{"history", N_("report:History")},
		{"run", N_("list:Run")},
		{"note", N_("report:note")},
		{"reason", N_("report:reason")},
		{"evidence", N_("report:evidence")},
		{"days", N_("report:days")},
		{"overdue_days", N_("report:overdue, days")},
		{"none", N_("report:none")},
		{"unassigned", N_("report:not assigned")},
		{"superseded", N_("report:superseded by a concurrent step, no effect")},
		{"illegal", N_("report:not valid, ignored")},
		{"count", N_("report:{shown} of {total} findings")},
		{"showing", N_("report:showing {from}-{to}")},
	};
	static const char *const ev[] = {"found", "absent", "reappeared", "assigned", "submitted",
					 "closed", "rejected", "waived", "reopened"};
	static const char *const sev[] = {"critical", "high", "medium", "low", "info"};
	static const char *const cat[] = {"precision", "assignment", "funds", "data", "-"};
	hk_buf_puts(b, ",\"L\":{");
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		hk_buf_printf(b, "%s\"%s\":", i ? "," : "", labels[i][0]);
		jstr(b, L(labels[i][1]));
	}
	hk_buf_puts(b, "},\"ev\":{");
	for (size_t i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
		hk_buf_printf(b, "%s\"%s\":", i ? "," : "", ev[i]);
		jstr(b, hk_event_type_label(hk_event_type_parse(ev[i])));
	}
	hk_buf_puts(b, "},\"sev\":{");
	for (size_t i = 0; i < sizeof(sev) / sizeof(sev[0]); i++) {
		hk_buf_printf(b, "%s\"%s\":", i ? "," : "", sev[i]);
		char key[64];
		jstr(b, hk_tr_word(key, sizeof(key), "severity", sev[i]));
	}
	hk_buf_puts(b, "},\"cat\":{");
	for (size_t i = 0; i < sizeof(cat) / sizeof(cat[0]); i++) {
		hk_buf_printf(b, "%s\"%s\":", i ? "," : "", cat[i]);
		jstr(b, group_label(cat[i]));
	}
	hk_buf_putc(b, '}');
}

/* Appends the data the script renders: figures, dictionaries and rows. */
static int put_data(hk_buf *b, const struct hk_report_model *m)
{
	static const char *const statuses[] = {"open", "assigned", "submitted", "absent", "closed", "waived", "reappeared"};
	const char *labels[7];
	struct dict actors = {0}, runs = {0};
	int err = 0;

	for (int i = 0; i < 7; i++)
		labels[i] = hk_report_model_status_label(statuses[i]);
	hk_buf_puts(b, "{\"as_of\":");
	jstr(b, m->as_of);
	hk_buf_printf(b, ",\"total\":{\"findings\":%ld,\"open\":%ld,\"closed\":%ld,\"waived\":%ld,\"overdue\":%ld,"
			 "\"relapsed\":%ld,\"closure_pct\":%.1f},",
		      m->total.findings, m->total.open, m->total.closed, m->total.waived, m->total.overdue,
		      m->total.relapsed, m->total.closure_pct);
	put_names(b, "status", statuses, 7);
	hk_buf_putc(b, ',');
	put_names(b, "status_label", labels, 7);
	put_group_names(b, "rule", &m->by_rule);
	hk_buf_puts(b, ",\"rule_title\":[");
	for (size_t i = 0; i < m->by_rule.n; i++) {
		if (i)
			hk_buf_putc(b, ',');
		jstr(b, m->by_rule.v[i].title);
	}
	hk_buf_putc(b, ']');
	put_labels(b);
	put_group_names(b, "town", &m->by_town);
	put_group_names(b, "unit", &m->by_unit);
	hk_buf_puts(b, ",\"town_name\":[");
	for (size_t i = 0; i < m->by_town.n; i++) {
		if (i)
			hk_buf_putc(b, ',');
		jstr(b, hk_report_model_place_name(m, m->by_town.v[i].name));
	}
	hk_buf_putc(b, ']');
	hk_buf_puts(b, ",\"f\":[");
	for (size_t i = 0; i < m->nfindings && err == 0; i++) {
		const struct hk_report_finding *f = &m->findings[i];
		long st = 0;
		for (long k = 0; k < 7; k++)
			if (strcmp(statuses[k], f->status) == 0)
				st = k;
		if (i)
			hk_buf_putc(b, ',');
		hk_buf_putc(b, '[');
		jstr(b, f->id);
		hk_buf_printf(b, ",%ld,%ld,", st, group_index(&m->by_rule, f->rule));
		jstr(b, f->entity);
		hk_buf_putc(b, ',');
		jstr(b, f->village);
		hk_buf_printf(b, ",%ld,%ld,", group_index(&m->by_town, f->town), f->unit[0] ? group_index(&m->by_unit, f->unit) : -1);
		jstr(b, f->person);
		hk_buf_putc(b, ',');
		jstr(b, f->due);
		hk_buf_printf(b, ",%ld,%d,", f->days_overdue, f->relapses);
		jstr(b, f->message);
		hk_buf_putc(b, ',');
		jstr(b, f->category);
		hk_buf_putc(b, ',');
		jstr(b, f->severity);
		hk_buf_puts(b, ",[");
		/* events, then the village's name */
		for (size_t k = 0; k < f->nev && err == 0; k++) {
			if (k)
				hk_buf_putc(b, ',');
			err = put_event(b, &m->events[f->ev0 + k], &actors, &runs);
		}
		hk_buf_puts(b, "],");
		jstr(b, hk_report_model_place_name(m, f->village));
		hk_buf_putc(b, ']');
	}
	hk_buf_puts(b, "],");
	put_names(b, "actor", actors.v, actors.n);
	hk_buf_putc(b, ',');
	put_names(b, "run", runs.v, runs.n);
	hk_buf_puts(b, "}");
	free(actors.v);
	free(runs.v);
	return err;
}

/* Appends json with every '<' written as \u003c, so that no "</script>" can end
 * the data block early ('<' only occurs inside JSON strings). */
static void put_script_json(hk_buf *out, const hk_buf *json)
{
	const char *p = json->ptr, *end = json->ptr + json->len, *lt;
	while (p < end && (lt = memchr(p, '<', (size_t)(end - p)))) {
		hk_buf_put(out, p, (size_t)(lt - p));
		hk_buf_puts(out, "\\u003c");
		p = lt + 1;
	}
	hk_buf_put(out, p, (size_t)(end - p));
}

/* ---- the page ---- */

static int read_asset(char **out, const char *assets, const char *name)
{
	hk_buf path = HK_BUF_INIT;
	size_t len;
	int err = hk_buf_printf(&path, "%s/%s", assets, name);
	if (!err)
		err = hk_path_read(out, &len, path.ptr, 0);
	hk_buf_free(&path);
	return err;
}

static void put_meta(hk_buf *b, const struct hk_report_model *m)
{
	char local[32];
	hk_buf_printf(b, "<p class=\"meta\">%s <b>", L(N_("report:ledger")));
	hk_report_svg_put_esc(b, m->office);
	hk_buf_printf(b, "</b> · %s <code>%.12s</code> · ", L(N_("report:commit")), m->commit[0] ? m->commit : "-");
	if (m->run) {
		hk_buf_printf(b, "%s <code>", L(N_("list:Run")));
		hk_report_svg_put_esc(b, m->run);
		hk_buf_puts(b, "</code> · ");
	} else {
		hk_buf_printf(b, "%s · ", L(N_("list:latest state")));
	}
	hk_buf_printf(b, "%s <b>%s</b> · %s %s · ", L(N_("list:As of")), m->as_of, L(N_("report:generated")),
		      hk_time_local(local, m->generated));
	hk_buf_printf(b, hk_ntr("%zu run", "%zu runs", m->nruns), m->nruns);
	hk_buf_puts(b, "</p>\n");
}

/* A <th> of the findings table that sorts by column col. */
static void th(hk_buf *b, int col, const char *key)
{
	if (col >= 0)
		hk_buf_printf(b, "<th data-sort=\"%d\">%s</th>", col, L(key));
	else
		hk_buf_printf(b, "<th>%s</th>", L(key));
}

/* How many counties m's findings are placed in (the group '-' of findings
 * without a place does not count). */
static size_t counties(const struct hk_report_model *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->by_county.n; i++)
		n += strcmp(m->by_county.v[i].name, "-") != 0;
	return n;
}

static int put_body(hk_buf *b, const struct hk_report_model *m)
{
	int err;
	hk_buf_printf(b, "<header><h1>%s</h1>\n", L(N_("report:Findings and rectification report")));
	put_meta(b, m);
	hk_buf_printf(b, "<nav class=\"noprint\"><a href=\"#charts\">%s</a> · <a href=\"#findings\">%s</a></nav></header>\n",
		      L(N_("report:charts")), L(N_("sheet:Findings")));
	figures(b, m);
	hk_buf_printf(b, "<section id=\"charts\" class=\"charts\">\n<figure><h2>%s</h2>", L(N_("report:By category")));
	if ((err = chart_groups(b, "chart-category", L(N_("report:By category")), &m->by_category, 0, NULL, BY_STATUS)) < 0)
		return err;
	hk_buf_printf(b, "</figure>\n<figure><h2>%s</h2>", L(N_("report:Overdue aging")));
	chart_aging(b, m);
	hk_buf_printf(b, "</figure>\n<figure class=\"wide\"><h2>%s <small>%s</small></h2>", L(N_("by:rule")),
		      L(N_("report:most findings first, click to filter")));
	if ((err = chart_rules(b, m)) < 0)
		return err;
	if (counties(m) > 1) { /* a city or province hub: the counties side by side */
		hk_buf_printf(b, "</figure>\n<figure><h2>%s</h2>", L(N_("by:county")));
		if ((err = chart_groups(b, "chart-county", L(N_("by:county")), &m->by_county, 0, m, BY_STATUS)) < 0)
			return err;
	}
	hk_buf_printf(b, "</figure>\n<figure><h2>%s <small>%s</small></h2>", L(N_("by:town")),
		      L(N_("report:click for the villages")));
	if ((err = chart_groups(b, "chart-town", L(N_("by:town")), &m->by_town, 1, m, BY_STATUS)) < 0)
		return err;
	for (size_t i = 0; i < m->by_town.n; i++) {
		char id[48]; /* "chart-village-" and a size_t: large enough by construction */
		hk_buf title = HK_BUF_INIT;
		snprintf(id, sizeof(id), "chart-village-%zu", i);
		place_label(&title, m, m->by_town.v[i].name);
		hk_buf_printf(&title, " %s", L(N_("report:by village")));
		if ((err = hk_buf_error(&title)) == 0) {
			hk_buf_puts(b, "<div class=\"drill\" hidden data-town=\"");
			hk_report_svg_put_esc(b, m->by_town.v[i].name);
			hk_buf_puts(b, "\"><h3>");
			hk_report_svg_put_esc(b, title.ptr);
			hk_buf_puts(b, "</h3>");
			err = chart_groups(b, id, title.ptr, &m->villages[i].villages, 0, m, BY_STATUS);
			hk_buf_puts(b, "</div>");
		}
		hk_buf_free(&title);
		if (err < 0)
			return err;
	}
	hk_buf_printf(b, "</figure>\n<figure><h2>%s <small>%s</small></h2>", L(N_("by:unit")),
		      L(N_("report:findings, closed, overdue; click to filter")));
	if ((err = chart_units(b, m)) < 0)
		return err;
	hk_buf_printf(b, "</figure>\n<figure class=\"wide\"><h2>%s</h2>", L(N_("report:Open and closed after each run")));
	if ((err = chart_runs(b, m)) < 0)
		return err;
	hk_buf_puts(b, "</figure>\n</section>\n");
	if ((err = ranking(b, m)) < 0)
		return err;
	hk_buf_printf(b,
		      "<section id=\"findings\"><h2>%s</h2>\n"
		      "<div class=\"controls noprint\">"
		      "<input id=\"q\" type=\"search\" placeholder=\"%s\" aria-label=\"%s\">"
		      "<select id=\"f-status\" aria-label=\"%s\"><option value=\"\">%s</option></select>"
		      "<select id=\"f-rule\" aria-label=\"%s\"><option value=\"\">%s</option></select>"
		      "<select id=\"f-town\" aria-label=\"%s\"><option value=\"\">%s</option></select>"
		      "<select id=\"f-unit\" aria-label=\"%s\"><option value=\"\">%s</option></select>"
		      "<label><input id=\"f-overdue\" type=\"checkbox\"> %s</label>"
		      "<button id=\"f-reset\" type=\"button\">%s</button></div>\n"
		      "<p class=\"count\"><span id=\"count\" data-count=\"0\"></span></p>\n"
		      "<table id=\"table\"><thead><tr>",
		      L(N_("sheet:Findings")), L(N_("report:search: id, entity, description")), L(N_("report:search")),
		      L(N_("col:status")), L(N_("report:all statuses")), L(N_("col:rule")), L(N_("report:all rules")),
		      L(N_("list:Town")), L(N_("report:all towns")), L(N_("col:unit")), L(N_("report:all units")),
		      L(N_("report:overdue only")), L(N_("report:reset")));
	th(b, 0, N_("col:id"));
	th(b, 1, N_("col:status"));
	th(b, 2, N_("col:rule"));
	th(b, 3, N_("col:entity"));
	th(b, 4, N_("col:village"));
	th(b, 13, N_("report:severity"));
	th(b, 6, N_("col:unit"));
	th(b, 7, N_("col:person"));
	th(b, 8, N_("col:due"));
	th(b, 9, N_("col:overdue"));
	th(b, -1, N_("col:message"));
	hk_buf_printf(b,
		      "</tr></thead><tbody id=\"rows\"></tbody></table>\n"
		      "<div class=\"pager noprint\"><button id=\"prev\" type=\"button\">‹ %s</button>"
		      " <span id=\"page\"></span> <button id=\"next\" type=\"button\">%s ›</button></div>\n"
		      "<noscript><p>%s</p></noscript>\n"
		      "</section>\n"
		      "<aside id=\"history\" hidden><div class=\"panel\"><button id=\"close-history\" type=\"button\" "
		      "aria-label=\"%s\">×</button><div id=\"history-body\"></div></div></aside>\n",
		      L(N_("report:previous")), L(N_("report:next")),
		      L(N_("report:The table needs JavaScript; huikan report --xlsx writes every list.")),
		      L(N_("report:close")));
	return 0;
}

int hk_report_html_write(const struct hk_report_model *m, const char *path, const char *assets)
{
	char *css = NULL, *js = NULL;
	hk_buf b = HK_BUF_INIT, json = HK_BUF_INIT;
	int err;

	if ((err = read_asset(&css, assets, "report.css")) < 0 || (err = read_asset(&js, assets, "report.js")) < 0)
		goto done;
	hk_buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n", hk_lang_is_zh() ? "zh-CN" : hk_lang());
	hk_buf_puts(&b,
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<title>");
	hk_buf_printf(&b, "%s ", L(N_("report:Findings and rectification report")));
	hk_report_svg_put_esc(&b, m->office);
	hk_buf_printf(&b, " %s (huikan report)</title>\n<style>\n%s</style></head>\n<body>\n", m->as_of, css);
	if ((err = put_body(&b, m)) < 0 || (err = put_data(&json, m)) < 0)
		goto done;
	hk_buf_puts(&b, "<script type=\"application/json\" id=\"data\">");
	put_script_json(&b, &json);
	hk_buf_printf(&b, "</script>\n<script>\n%s</script>\n</body></html>\n", js);
	if ((err = hk_buf_error(&b)) == 0 && (err = hk_buf_error(&json)) == 0)
		err = hk_file_write(path, b.ptr, b.len); /* the one check of every append above */
done:
	free(css);
	free(js);
	hk_buf_free(&b);
	hk_buf_free(&json);
	return err;
}
