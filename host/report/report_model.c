/*
 * report_model.c - gathers a report's model from a ledger: finding rows and
 * the figures of `huikan stats` by SQL on the index (or, for a past run, on an
 * in-memory table of the same columns replayed from that run's commit), the
 * events of every finding and the runs from git.
 */
#include "report/report_model.h"
#include "base/date.h"
#include "base/i18n.h"
#include "base/array.h"
#include "base/error.h"
#include "ledger/index.h"
#include "base/json.h"
#include "ledger/ledger.h"
#include "ledger/fstate.h"
#include "registry/registry_ro.h"
#include "registry/schema.h"
#include "registry/place.h"
#include "base/finding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The definitions of `huikan stats` (cmd_query.c): open = not closed or
 * waived; overdue = assigned and due before the day (?1). */

/* ---- an arena owning the model's strings ---- */

struct block {
	struct block *next;
	size_t used, cap;
	char data[];
};

static const char *arena_strn(struct hk_report_model *m, const char *s, size_t n)
{
	struct block *b = m->arena_;
	char *p;
	if (!s)
		return "";
	if (!b || b->cap - b->used < n + 1) {
		size_t cap = n + 1 > 65536 ? n + 1 : 65536;
		struct block *nb = malloc(sizeof(*nb) + cap);
		if (!nb) {
			m->oom_ = 1; /* hk_report_model_load fails at its end */
			return "";
		}
		nb->next = b;
		nb->used = 0;
		nb->cap = cap;
		m->arena_ = b = nb;
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

static const char *arena_str(struct hk_report_model *m, const char *s)
{
	return arena_strn(m, s, s ? strlen(s) : 0);
}

void hk_report_model_free(struct hk_report_model *m)
{
	if (!m)
		return;
	for (struct block *b = m->arena_, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(m->by_rule.v);
	free(m->by_category.v);
	free(m->by_town.v);
	free(m->by_unit.v);
	free(m->by_county.v);
	free(m->by_severity.v);
	free(m->by_status.v);
	free(m->by_person.v);
	for (size_t i = 0; m->villages && i < m->by_town.n; i++)
		free(m->villages[i].villages.v);
	free(m->villages);
	free(m->findings);
	free(m->events);
	free(m->runs);
	free(m->places);
	free(m);
}

const struct hk_report_event *hk_report_model_assignment(const struct hk_report_model *m,
							 const struct hk_report_finding *f)
{
	for (size_t i = f->nev; i-- > 0;) {
		const struct hk_report_event *e = &m->events[f->ev0 + i];
		if (strcmp(e->type, "assigned") == 0 && !e->illegal)
			return e;
	}
	return NULL;
}

int hk_report_model_ready(const struct hk_report_finding *f)
{
	return !f->present && (strcmp(f->status, "submitted") == 0 || strcmp(f->status, "absent") == 0);
}

const char *hk_report_model_status_label(const char *status)
{
	enum hk_fstatus s = hk_fstate_status_parse(status);
	return s == HK_FS_NONE ? status : hk_fstate_status_label(s);
}

/* ---- the walk over the findings of a tree ---- */

/* The events of one finding, kept by id for the rows read later. */
struct span {
	const char *id;
	size_t ev0, nev;
};

struct walk {
	struct hk_report_model *m;
	hk_ledger *l;
	const hk_roles *roles;
	sqlite3_stmt *ins; /* run mode: rows into the in-memory table; else NULL */
	struct span *spans;
	size_t nspans, capspans, capevents;
	const struct hk_event *flag_ev[64];
	const char *flag_why[64];
	size_t nflags;
	int progress;
	int err;
};

static void on_flag(void *ctx, const struct hk_event *e, const char *why)
{
	struct walk *w = ctx;
	if (w->nflags < 64) {
		w->flag_ev[w->nflags] = e;
		w->flag_why[w->nflags++] = arena_str(w->m, why);
	}
}

static const char *evidence_names(struct hk_report_model *m, const struct hk_event *e)
{
	hk_buf b = HK_BUF_INIT;
	const char *s;
	for (size_t k = 0; k < e->nevidence; k++) {
		if (k)
			hk_buf_puts(&b, ", ");
		hk_buf_puts(&b, e->evidence[k].name ? e->evidence[k].name : "");
	}
	if (hk_buf_error(&b)) /* the appends above: never a cut list */
		m->oom_ = 1;  /* hk_report_model_load fails at its end */
	s = arena_strn(m, b.ptr, b.len);
	hk_buf_free(&b);
	return s;
}

/* Counts the finding into each run's open/closed figures: its state right
 * after the run is the replay of its events up to the run's clock. */
static void count_runs(struct walk *w, const struct hk_ledger_finding *f)
{
	struct hk_report_model *m = w->m;
	struct hk_fstate s;
	char why[256];
	size_t j = 0;
	hk_fstate_init(&s);
	for (size_t r = 0; r < m->nruns; r++) {
		while (j < f->nevents && f->events[j].lamport <= m->runs[r].lamport)
			hk_fstate_step(&s, &f->events[j++], w->roles, why, sizeof(why));
		if (s.status == HK_FS_NONE)
			continue;
		if (s.status == HK_FS_CLOSED)
			m->runs[r].closed++;
		else if (s.status != HK_FS_WAIVED)
			m->runs[r].open++;
	}
}

/* Run mode: writes finding f with its replayed state s into the in-memory
 * table (the index's columns). Returns 0 or HK_EINTERNAL. */
static int insert_row(struct walk *w, const struct hk_ledger_finding *f, const struct hk_fstate *s)
{
	sqlite3_stmt *st = w->ins;
	const char *v[] = {f->id, f->rule, f->entity, f->category, f->severity, f->message, f->village, f->town,
			   f->found_at, hk_fstate_status_name(s->status), s->unit, s->person, s->due, s->submitter,
			   s->closed_at};
	int rc;
	for (int i = 0; i < (int)(sizeof(v) / sizeof(v[0])); i++) {
		if (i >= 10 && !v[i][0])
			sqlite3_bind_null(st, i + 1);
		else
			sqlite3_bind_text(st, i + 1, v[i] ? v[i] : "", -1, SQLITE_STATIC);
	}
	sqlite3_bind_int(st, 16, s->present);
	sqlite3_bind_int(st, 17, s->relapses);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : hk_error_setc(HK_EINTERNAL, "report: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
}

/* hk_ledger_each_finding's callback: reads finding `id` from its directory,
 * replays it, keeps its events (and, in run mode, its row) in the model and
 * counts it into the runs' figures. Returns 0 or a negative code. */
static int walk_one(void *ctx, const git_tree *dir, const char *id)
{
	struct walk *w = ctx;
	struct hk_report_model *m = w->m;
	struct hk_ledger_finding f;
	struct hk_fstate s;
	int err;

	if ((err = hk_ledger_read_finding_tree(&f, w->l, dir, id)) < 0)
		goto done;
	w->nflags = 0;
	hk_ledger_finding_replay(&f, w->roles, &s, on_flag, w);
	s.flagged += (int)f.nproblems;
	if (w->ins && (err = insert_row(w, &f, &s)) < 0)
		goto done;
	count_runs(w, &f);
	if ((err = HK_ARRAY_GROW(w->spans, w->capspans, w->nspans + 1)) < 0)
		goto done;
	w->spans[w->nspans++] = (struct span){arena_str(m, id), m->nevents, f.nevents};
	for (size_t i = 0; i < f.nevents; i++) {
		const struct hk_event *e = &f.events[i];
		struct hk_report_event *re;
		if ((err = HK_ARRAY_GROW(m->events, w->capevents, m->nevents + 1)) < 0)
			goto done;
		re = &m->events[m->nevents++];
		memset(re, 0, sizeof(*re));
		re->type = hk_event_type_name(e->type);
		re->time = arena_str(m, e->time);
		re->actor = arena_str(m, e->actor);
		re->office = arena_str(m, e->office);
		re->run = arena_str(m, e->run);
		re->unit = arena_str(m, e->unit);
		re->person = arena_str(m, e->person);
		re->due = arena_str(m, e->due);
		re->note = arena_str(m, e->note);
		re->reason = arena_str(m, e->reason);
		re->measure = arena_str(m, e->measure);
		re->goal = arena_str(m, e->goal);
		re->lead_unit = arena_str(m, e->lead_unit);
		re->support_unit = arena_str(m, e->support_unit);
		re->leader = arena_str(m, e->leader);
		re->deadline_kind = arena_str(m, e->deadline_kind);
		re->evidence = evidence_names(m, e);
		re->lamport = e->lamport;
		for (size_t k = 0; k < w->nflags; k++)
			if (w->flag_ev[k] == e)
				re->illegal = w->flag_why[k];
	}
	if (w->progress && w->nspans % 10000 == 0)
		fprintf(stderr, "\rreport: read %zu findings", w->nspans);
done:
	hk_ledger_finding_clear(&f);
	return err;
}

/* ---- runs ---- */

/* Copies the ledger's run records (hk_ledger_runs, in recorded order) into
 * m->runs, strings in m's arena. Returns 0 or a negative code. */
static int read_runs(struct hk_report_model *m, hk_ledger *l, const git_tree *root)
{
	struct hk_ledger_run *v = NULL;
	size_t n = 0;
	int err = hk_ledger_runs(&v, &n, l, root);
	if (err == 0 && n && !(m->runs = calloc(n, sizeof(*m->runs))))
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; err == 0 && i < n; i++) {
		struct hk_report_run *r = &m->runs[m->nruns++];
		r->id = arena_str(m, v[i].id);
		r->time = arena_str(m, v[i].time);
		r->as_of = arena_str(m, v[i].as_of);
		r->pack = arena_str(m, v[i].pack);
		r->version = arena_str(m, v[i].version);
		r->lamport = v[i].lamport;
		r->produced = v[i].produced;
	}
	hk_ledger_runs_free(v, n);
	return err;
}

/* ---- SQL on the rows ---- */

static int db_fail(sqlite3 *db)
{
	return hk_error_setc(HK_EINTERNAL, "report: %s", sqlite3_errmsg(db));
}

static int prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql, const char *day)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return db_fail(db);
	if (sqlite3_bind_parameter_count(*st) >= 1)
		sqlite3_bind_text(*st, 1, day, -1, SQLITE_STATIC);
	return 0;
}

static const char *col(struct hk_report_model *m, sqlite3_stmt *st, int i)
{
	return arena_str(m, (const char *)sqlite3_column_text(st, i));
}

/* Fills g with the stats figures grouped by `key` (an SQL expression) among
 * the rows matching `where` (may bind ?2 to arg). */
static int query_groups_titled(struct hk_report_model *m, sqlite3 *db, struct hk_report_groups *g, const char *key,
			       const char *where, const char *arg, const char *title);

static int query_groups(struct hk_report_model *m, sqlite3 *db, struct hk_report_groups *g, const char *key,
			const char *where, const char *arg)
{
	return query_groups_titled(m, db, g, key, where, arg, NULL);
}

/* Whether db has the index's table of rule titles (a report of --findings
 * alone may not). */
static int has_rule_titles(sqlite3 *db)
{
	return sqlite3_table_column_metadata(db, NULL, "rule_titles", "title", NULL, NULL, NULL, NULL, NULL) ==
	       SQLITE_OK;
}

/* query_groups with a title for each group: the SQL expression `title`
 * (NULL: none). */
static int query_groups_titled(struct hk_report_model *m, sqlite3 *db, struct hk_report_groups *g, const char *key,
			       const char *where, const char *arg, const char *title)
{
	hk_buf sql = HK_BUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc, err;
	hk_buf_printf(&sql,
		      "SELECT %s, " HK_INDEX_SQL_FIGURES ", %s FROM findings WHERE %s GROUP BY 1 ORDER BY 1",
		      key, title ? title : "NULL", where);
	if ((err = hk_buf_error(&sql)) < 0 || (err = prepare(db, &st, sql.ptr, m->as_of)) < 0)
		goto done;
	if (arg)
		sqlite3_bind_text(st, 2, arg, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hk_report_group *r;
		if ((err = HK_ARRAY_GROW(g->v, cap, g->n + 1)) < 0)
			goto done;
		r = &g->v[g->n++];
		r->name = col(m, st, 0);
		r->findings = sqlite3_column_int64(st, 1);
		r->open = sqlite3_column_int64(st, 2);
		r->closed = sqlite3_column_int64(st, 3);
		r->waived = sqlite3_column_int64(st, 4);
		r->overdue = sqlite3_column_int64(st, 5);
		r->relapsed = sqlite3_column_int64(st, 6);
		r->closure_pct = sqlite3_column_double(st, 7);
		r->title = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL : col(m, st, 8);
	}
	err = rc == SQLITE_DONE ? 0 : db_fail(db);
done:
	sqlite3_finalize(st);
	hk_buf_free(&sql);
	return err;
}

static int span_sort_cmp(const void *a, const void *b)
{
	return strcmp(((const struct span *)a)->id, ((const struct span *)b)->id);
}

static int span_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct span *)elem)->id);
}

/* Reads every finding row (the columns of `huikan findings`, ordered by id)
 * into m->findings and attaches each its events from the walk. */
static int query_findings(struct hk_report_model *m, sqlite3 *db, const struct walk *w)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc, err;
#define FINDINGS_SQL(title)                                                                               \
	"SELECT id, status, rule, entity, category, severity, message, coalesce(village, ''),"                 \
	" coalesce(town, ''), coalesce(unit, ''), coalesce(person, ''), coalesce(due, ''),"                    \
	" CASE WHEN " HK_INDEX_SQL_OVERDUE " THEN " HK_INDEX_SQL_DAYS_OVERDUE " ELSE -1 END,"                \
	" relapses, present, found_at, closed_at, submitter, coalesce(run, ''), coalesce(" title ", '')"       \
	" FROM findings ORDER BY id"
	if ((err = prepare(db, &st,
			   hk_lang_is_zh() ? FINDINGS_SQL(HK_INDEX_SQL_TITLE_ZH) : FINDINGS_SQL(HK_INDEX_SQL_TITLE_EN),
			   m->as_of)) < 0)
		return err;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hk_report_finding *f;
		const struct span *sp;
		if ((err = HK_ARRAY_GROW(m->findings, cap, m->nfindings + 1)) < 0)
			goto done;
		f = &m->findings[m->nfindings++];
		f->id = col(m, st, 0);
		f->status = col(m, st, 1);
		f->rule = col(m, st, 2);
		f->entity = col(m, st, 3);
		f->category = col(m, st, 4);
		f->severity = col(m, st, 5);
		f->message = col(m, st, 6);
		f->village = col(m, st, 7);
		f->town = col(m, st, 8);
		f->unit = col(m, st, 9);
		f->person = col(m, st, 10);
		f->due = col(m, st, 11);
		f->days_overdue = (long)sqlite3_column_int64(st, 12);
		f->relapses = sqlite3_column_int(st, 13);
		f->present = sqlite3_column_int(st, 14);
		f->found_at = col(m, st, 15);
		f->closed_at = col(m, st, 16);
		f->submitter = col(m, st, 17);
		f->run = col(m, st, 18);
		f->title = col(m, st, 19);
		f->audit_day = "";
		for (size_t r = m->nruns; r-- > 0 && *f->run;)
			if (strcmp(m->runs[r].id, f->run) == 0) {
				f->audit_day = m->runs[r].as_of;
				break;
			}
		sp = w->nspans ? bsearch(f->id, w->spans, w->nspans, sizeof(*w->spans), span_cmp) : NULL;
		f->ev0 = sp ? sp->ev0 : 0;
		f->nev = sp ? sp->nev : 0;
	}
	err = rc == SQLITE_DONE ? 0 : db_fail(db);
done:
	sqlite3_finalize(st);
	return err;
}

static int query_aging(struct hk_report_model *m, sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int err = prepare(db, &st,
			  "SELECT " HK_INDEX_SQL_AGING,
			  m->as_of);
	if (err == 0 && sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < 4; i++)
			m->aging[i] = (long)sqlite3_column_int64(st, i);
	else if (err == 0)
		err = db_fail(db);
	sqlite3_finalize(st);
	return err;
}

/* Runs every query of the model on db: the groups of `huikan stats`, the
 * aging, the rows, the villages of each town. Returns 0 or a negative code. */
static int query_all(struct hk_report_model *m, sqlite3 *db, const struct walk *w)
{
	struct hk_report_groups total = {NULL, 0};
	int err;
	if ((err = query_groups(m, db, &total, "'all'", "1", NULL)) < 0 ||
	    (err = query_groups_titled(m, db, &m->by_rule, "rule", "1", NULL,
				       !has_rule_titles(db) ? NULL
				       : hk_lang_is_zh()    ? "min(" HK_INDEX_SQL_TITLE_ZH ")"
							    : "min(" HK_INDEX_SQL_TITLE_EN ")")) < 0 ||
	    (err = query_groups(m, db, &m->by_category, "coalesce(nullif(category, ''), '-')", "1", NULL)) < 0 ||
	    (err = query_groups(m, db, &m->by_severity, "coalesce(nullif(severity, ''), '-')", "1", NULL)) < 0 ||
	    (err = query_groups(m, db, &m->by_status, "status", "1", NULL)) < 0 ||
	    (err = query_groups(m, db, &m->by_town, "coalesce(nullif(town, ''), '-')", "1", NULL)) < 0 ||
	    (err = query_groups(m, db, &m->by_unit, "coalesce(unit, '-')", "1", NULL)) < 0 ||
	    (err = query_groups(m, db, &m->by_county, HK_INDEX_SQL_COUNTY, "1", NULL)) < 0 ||
	    (err = query_groups(m, db, &m->by_person, "unit || char(31) || coalesce(person, '')", "unit IS NOT NULL",
				NULL)) < 0 ||
	    (err = query_aging(m, db)) < 0 || (err = query_findings(m, db, w)) < 0)
		goto done;
	if (total.n)
		m->total = total.v[0];
	m->total.name = "all";
	if (m->by_town.n && !(m->villages = calloc(m->by_town.n, sizeof(*m->villages)))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < m->by_town.n && err == 0; i++) {
		m->villages[i].town = m->by_town.v[i].name;
		err = query_groups(m, db, &m->villages[i].villages, "coalesce(nullif(village, ''), '-')",
				   "coalesce(nullif(town, ''), '-') = ?2", m->by_town.v[i].name);
	}
done:
	free(total.v);
	return err;
}

/* ---- names of places ---- */

static int place_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hk_report_place *)a)->code, ((const struct hk_report_place *)b)->code);
}

struct places_ctx {
	struct hk_report_model *m;
	size_t cap;
};

static int add_place(void *ctx, const char *code, const char *name, const char *level)
{
	struct places_ctx *p = ctx;
	struct hk_report_model *m = p->m;
	int err;
	(void)level;
	if ((err = HK_ARRAY_GROW(m->places, p->cap, m->nplaces + 1)) < 0)
		return err;
	m->places[m->nplaces].code = arena_str(m, code);
	m->places[m->nplaces++].name = arena_str(m, name);
	return 0;
}

int hk_report_model_places(struct hk_report_model *m, const char *path)
{
	struct places_ctx p = {m, 0};
	int err = hk_place_names_each(path, add_place, &p);
	if (err == 0 && m->nplaces)
		qsort(m->places, m->nplaces, sizeof(*m->places), place_cmp);
	return err;
}

const char *hk_report_model_place_name(const struct hk_report_model *m, const char *code)
{
	struct hk_report_place key = {code, NULL}, *p;
	if (!code || !*code || !m->nplaces)
		return "";
	p = bsearch(&key, m->places, m->nplaces, sizeof(*m->places), place_cmp);
	return p ? p->name : "";
}

/* ---- rule titles ---- */

/* Puts the titles of n rules into the rule_titles table of the memory db
 * `mem` (a past run's state or one run's findings: the index's own table is
 * not there). A rule without a Chinese title is left out. */
static int put_titles(sqlite3 *mem, const struct hk_report_title *t, size_t n)
{
	sqlite3_stmt *st = NULL;
	int err = 0;
	if (sqlite3_prepare_v2(mem, "INSERT OR REPLACE INTO rule_titles(rule, title, title_en, lamport) VALUES (?,?,?,0)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_fail(mem);
	for (size_t i = 0; i < n && !err; i++) {
		if (!t[i].rule || !t[i].zh || !*t[i].zh)
			continue;
		sqlite3_bind_text(st, 1, t[i].rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, t[i].zh, -1, SQLITE_STATIC);
		if (t[i].en && *t[i].en)
			sqlite3_bind_text(st, 3, t[i].en, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 3);
		if (sqlite3_step(st) != SQLITE_DONE)
			err = db_fail(mem);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	sqlite3_finalize(st);
	return err;
}

/* Copies the titles the ledger's runs recorded (its index's rule_titles)
 * into the memory db of a past run's state. */
static int copy_titles(sqlite3 *mem, hk_ledger *l)
{
	hk_index *ix = NULL;
	sqlite3_stmt *st = NULL;
	int rc, err;
	if ((err = hk_index_open(&ix, l)) < 0)
		return err;
	if (sqlite3_prepare_v2(hk_index_db(ix), "SELECT rule, title, title_en FROM rule_titles", -1, &st, NULL) != SQLITE_OK) {
		err = db_fail(hk_index_db(ix));
		goto done;
	}
	while (err == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hk_report_title t = {(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
					    (const char *)sqlite3_column_text(st, 2)};
		err = put_titles(mem, &t, 1);
	}
	if (err == 0 && rc != SQLITE_DONE)
		err = db_fail(hk_index_db(ix));
done:
	sqlite3_finalize(st);
	hk_index_free(ix);
	return err;
}

/* ---- the whole ---- */

int hk_report_model_load(struct hk_report_model **out, const char *dir, const char *run, const char *as_of,
			 int progress)
{
	struct hk_report_model *m = calloc(1, sizeof(*m));
	hk_ledger *l = NULL;
	hk_index *ix = NULL;
	git_commit *c = NULL;
	git_tree *root = NULL;
	hk_roles *roles = NULL;
	sqlite3 *mem = NULL, *db;
	struct walk w;
	git_oid oid;
	int err;

	memset(&w, 0, sizeof(w));
	*out = NULL;
	if (!m)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	hk_event_now(m->generated);
	if ((err = hk_ledger_open(&l, dir)) < 0)
		goto done;
	l->progress = progress;
	m->office = arena_str(m, l->office);
	if (run) {
		if ((err = hk_ledger_find_run(&c, l, run)) < 0)
			goto done;
		m->run = arena_str(m, run);
		if (sqlite3_open(":memory:", &mem) != SQLITE_OK || sqlite3_exec(mem, hk_index_schema, NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(mem, "INSERT INTO findings(id, rule, entity, category, severity, message, village,"
					    " town, found_at, status, unit, person, due, submitter, closed_at, present, relapses)"
					    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &w.ins, NULL) != SQLITE_OK ||
		    sqlite3_exec(mem, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
			err = db_fail(mem);
			goto done;
		}
		db = mem;
		if ((err = copy_titles(mem, l)) < 0)
			goto done;
	} else {
		if ((err = hk_index_open(&ix, l)) < 0)
			goto done;
		if (hk_index_commit(ix)[0] &&
		    (git_oid_fromstr(&oid, hk_index_commit(ix)) < 0 || git_commit_lookup(&c, l->repo, &oid) < 0)) {
			err = hk_ledger_git_error(0, "reading the indexed commit");
			goto done;
		}
		db = hk_index_db(ix);
	}
	if (c) {
		git_oid_tostr(m->commit, sizeof(m->commit), git_commit_id(c));
		if (git_commit_tree(&root, c) < 0) {
			err = hk_ledger_git_error(0, "reading the tree");
			goto done;
		}
	}
	if (as_of)
		snprintf(m->as_of, sizeof(m->as_of), "%s", as_of);
	else if (run && c)
		hk_date_local(m->as_of, (time_t)git_commit_time(c));
	else
		hk_date_today(m->as_of);
	if ((err = read_runs(m, l, root)) < 0 || (err = hk_ledger_read_roles(&roles, l, root)) < 0)
		goto done;
	w.m = m;
	w.l = l;
	w.roles = roles;
	w.progress = progress;
	if (root && (err = hk_ledger_each_finding(l, root, walk_one, &w)) < 0)
		goto done;
	if (progress && w.nspans >= 10000)
		fprintf(stderr, "\rreport: read %zu findings\n", w.nspans);
	if (mem && sqlite3_exec(mem, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		err = db_fail(mem);
		goto done;
	}
	if (w.nspans)
		qsort(w.spans, w.nspans, sizeof(*w.spans), span_sort_cmp);
	err = query_all(m, db, &w);
	if (err == 0 && m->oom_)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
done:
	free(w.spans);
	sqlite3_finalize(w.ins);
	sqlite3_close(mem);
	hk_roles_free(roles);
	git_tree_free(root);
	git_commit_free(c);
	hk_index_free(ix);
	hk_ledger_free(l);
	if (err < 0)
		hk_report_model_free(m);
	else
		*out = m;
	return err;
}

/* ---- one run's findings, without a ledger ---- */

int hk_report_model_load_findings(struct hk_report_model **out, const char *path, const char *as_of,
				  const char *registry, const struct hk_report_title *titles, size_t ntitles)
{
	struct hk_report_model *m = calloc(1, sizeof(*m));
	struct hk_finding *f = NULL;
	size_t n = 0;
	sqlite3 *mem = NULL, *reg = NULL;
	sqlite3_stmt *ins = NULL;
	struct walk w;
	int err = 0;

	memset(&w, 0, sizeof(w));
	*out = NULL;
	if (!m)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	hk_event_now(m->generated);
	if (as_of)
		snprintf(m->as_of, sizeof(m->as_of), "%s", as_of);
	else
		hk_date_today(m->as_of);
	m->office = "";
	if ((err = hk_finding_read_jsonl(&f, &n, path)) < 0)
		goto done;
	/* the village of findings whose evidence does not say it, from the registry */
	if (registry) {
		if ((err = hk_registry_ro_open(&reg, registry)) < 0 || (err = hk_schema_check(reg, registry)) < 0 ||
		    (err = hk_place_resolve(reg, f, n)) < 0) {
			hk_error_prefix("--db");
			goto done;
		}
	}
	/* the file is one run: its audit date is the day given */
	if (!(m->runs = calloc(1, sizeof(*m->runs)))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	m->nruns = 1;
	m->runs[0].id = arena_str(m, path);
	m->runs[0].time = arena_str(m, m->generated);
	m->runs[0].as_of = arena_str(m, m->as_of);
	m->runs[0].pack = "";
	m->runs[0].version = "";
	m->runs[0].produced = (long)n;
	m->runs[0].open = (long)n;
	m->run = m->runs[0].id;
	if (sqlite3_open(":memory:", &mem) != SQLITE_OK || sqlite3_exec(mem, hk_index_schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(mem, "INSERT OR REPLACE INTO findings(id, rule, entity, category, severity, message, village,"
				    " town, run, status, present, relapses, flagged, steps) VALUES (?,?,?,?,?,?,?,?,?,'open',1,0,0,0)",
			       -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_exec(mem, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		err = db_fail(mem);
		goto done;
	}
	for (size_t i = 0; i < n && !err; i++) {
		char village[16], town[16];
		hk_json *ev = NULL;
		if (hk_json_parse(&ev, f[i].evidence_json, strlen(f[i].evidence_json)) < 0)
			ev = NULL; /* read_jsonl checked it is an object */
		hk_ledger_place(village, town, f[i].entity, ev);
		hk_json_free(ev);
		if (!village[0] && f[i].village) {
			snprintf(village, sizeof(village), "%s", f[i].village);
			snprintf(town, sizeof(town), "%.9s", f[i].village);
		}
		const char *v[9] = {f[i].id, f[i].rule, f[i].entity, f[i].category, f[i].severity, f[i].message,
				    village, town, m->run};
		for (int k = 0; k < 9; k++)
			sqlite3_bind_text(ins, k + 1, v[k] ? v[k] : "", -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			err = db_fail(mem);
		sqlite3_reset(ins);
	}
	if (err == 0)
		err = put_titles(mem, titles, ntitles);
	if (err || (sqlite3_exec(mem, "COMMIT", NULL, NULL, NULL) != SQLITE_OK && (err = db_fail(mem)) < 0))
		goto done;
	w.m = m;
	err = query_all(m, mem, &w);
	if (err == 0 && registry)
		err = hk_report_model_places(m, registry);
	if (err == 0 && m->oom_)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
done:
	for (size_t i = 0; i < n; i++)
		hk_finding_clear(&f[i]);
	free(f);
	sqlite3_finalize(ins);
	sqlite3_close(mem);
	sqlite3_close(reg);
	if (err < 0)
		hk_report_model_free(m);
	else
		*out = m;
	return err;
}
