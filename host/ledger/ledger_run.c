/*
 * ledger_run.c - recording a run: compares what the rules produced with the
 * state of the findings in scope (from the index) and commits the changes.
 */
#include "ledger/ledger_run.h"
#include "base/array.h"
#include "base/error.h"
#include "ledger/index.h"
#include "ledger/ledger_commit.h"
#include "base/json.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PACK_THRESHOLD 2000

/* A finding in scope as the index knows it. */
struct known {
	char id[HK_FINDING_ID_LEN + 1];
	char last_hash[HK_EVENT_HASH_LEN + 1];
	unsigned char status, present, seen;
};

/* An open-addressing map from finding id to an index into an array. */
struct idmap {
	uint32_t *slot; /* index + 1; 0 = empty */
	size_t cap;
};

static uint64_t id_hash(const char *id)
{
	uint64_t h = 1469598103934665603ull;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 1099511628211ull;
	return h;
}

static int idmap_init(struct idmap *m, size_t n)
{
	m->cap = 64;
	while (m->cap < n * 2 + 1)
		m->cap *= 2;
	m->slot = calloc(m->cap, sizeof(*m->slot));
	return m->slot ? 0 : hk_error_setc(HK_EINTERNAL, "out of memory");
}

/* Finds id; when absent and insert_at >= 0, records it. Returns the stored
 * index or -1. `key(i)` gives the id stored at index i. */
static long idmap_find(struct idmap *m, const char *id, long insert_at, const char *(*key)(void *, size_t), void *ctx)
{
	size_t i = id_hash(id) & (m->cap - 1);
	for (; m->slot[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(key(ctx, m->slot[i] - 1), id) == 0)
			return (long)m->slot[i] - 1;
	if (insert_at >= 0)
		m->slot[i] = (uint32_t)insert_at + 1;
	return -1;
}

struct change_rec {
	size_t at; /* finding index (found/reappeared) or known index (absent) */
	enum hk_event_type type;
	char hash[HK_EVENT_HASH_LEN + 1];
};

struct run_ctx {
	hk_ledger *l;
	hk_index *ix;
	const struct hk_run_record *run;
	const struct hk_finding *f;
	size_t n;
	const char *const *rules;
	size_t nrules;
	char (*village)[16], (*town)[16];
	uint32_t *order; /* the findings in id order (id_order) */
	struct known *known;
	size_t nknown;
	struct change_rec *changes;
	size_t nchanges;
	struct hk_run_counts counts;
	char time[21];
	unsigned long long lamport;
	char parent[GIT_OID_HEXSZ + 1];
	char *record; /* the run record (runs/<id>.json) of the last change built */
	/* the index rows of the change built, written by a second thread while
	 * this one builds the trees, the pack and the commit (index_start) */
	pthread_t ix_thread;
	int ix_state; /* IX_NONE, IX_THREAD (running), IX_OPEN (rows written,
		       * transaction open), IX_STALE (index not at the parent) */
	int ix_done; /* the state index_rows reached (written by the thread) */
	int ix_err;
	char ix_msg[HK_ERROR_MAX];
};

enum { IX_NONE, IX_THREAD, IX_OPEN, IX_STALE };

static int index_wait(struct run_ctx *r);
static void index_start(struct run_ctx *r);

static const char *finding_key(void *ctx, size_t i)
{
	return ((const struct hk_finding *)ctx)[i].id;
}

static const char *known_key(void *ctx, size_t i)
{
	return ((const struct known *)ctx)[i].id;
}

/* The 48-bit number of a finding id (F- and 12 hex digits, checked by
 * validate). */
static uint64_t id_number(const char *id)
{
	uint64_t v = 0;
	for (int i = 2; i < HK_FINDING_ID_LEN; i++)
		v = v << 4 | (uint64_t)(id[i] <= '9' ? id[i] - '0' : id[i] - 'a' + 10);
	return v;
}

static int key_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Sets r->order: the findings by id, sorted as numbers (ids are unique). */
static int id_order(struct run_ctx *r)
{
	/* (number, index) pairs, sorted by number */
	uint64_t *kv = malloc(2 * r->n * sizeof(*kv) + 1);
	if (!kv || !(r->order = malloc(r->n * sizeof(*r->order) + 1))) {
		free(kv);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	for (size_t i = 0; i < r->n; i++) {
		kv[2 * i] = id_number(r->f[i].id);
		kv[2 * i + 1] = i;
	}
	qsort(kv, r->n, 2 * sizeof(*kv), key_cmp);
	for (size_t i = 0; i < r->n; i++)
		r->order[i] = (uint32_t)kv[2 * i + 1];
	free(kv);
	return 0;
}

/* Checks the findings before any write. */
static int validate(struct run_ctx *r)
{
	struct idmap seen = {0};
	int err;
	if ((err = idmap_init(&seen, r->n)) < 0)
		return err;
	for (size_t i = 0; i < r->n && !err; i++) {
		const struct hk_finding *f = &r->f[i];
		char id[HK_FINDING_ID_LEN + 1];
		size_t k;
		hk_json *ev = NULL;
		if (!f->rule || !f->entity || !*f->rule || !*f->entity) {
			err = hk_error_setc(HK_EINPUT, "finding %zu (%s) lacks a rule or entity", i + 1, f->id);
			break;
		}
		hk_finding_id(id, f->rule, f->entity);
		if (strcmp(id, f->id) != 0) {
			err = hk_error_setc(HK_EINPUT, "finding %s of rule %s, entity %s: its id should be %s", f->id,
					    f->rule, f->entity, id);
			break;
		}
		for (k = 0; k < r->nrules && strcmp(r->rules[k], f->rule) != 0; k++)
			;
		if (k == r->nrules) {
			err = hk_error_setc(HK_EINPUT, "finding %s is of rule %s, which is not among the rules run", f->id,
					    f->rule);
			break;
		}
		if (idmap_find(&seen, f->id, (long)i, finding_key, (void *)r->f) >= 0) {
			err = hk_error_setc(HK_EINPUT, "finding %s (rule %s, entity %s) is given twice", f->id, f->rule,
					    f->entity);
			break;
		}
		if (f->evidence_json && *f->evidence_json &&
		    (hk_json_parse(&ev, f->evidence_json, strlen(f->evidence_json)) < 0 ||
		     hk_json_type_of(ev) != HK_JSON_OBJECT)) {
			hk_json_free(ev);
			err = hk_error_setc(HK_EINPUT, "finding %s: evidence is not a JSON object", f->id);
			break;
		}
		hk_ledger_place(r->village[i], r->town[i], f->entity, ev);
		if (!r->village[i][0] && f->village && strlen(f->village) == 12) {
			snprintf(r->village[i], sizeof(r->village[i]), "%s", f->village);
			snprintf(r->town[i], sizeof(r->town[i]), "%.9s", f->village);
		}
		hk_json_free(ev);
	}
	free(seen.slot);
	return err;
}

static int load_scope(struct run_ctx *r)
{
	sqlite3 *db = hk_index_db(r->ix);
	sqlite3_stmt *st = NULL;
	hk_buf rules = HK_BUF_INIT, counties = HK_BUF_INIT;
	size_t cap = 0;
	int rc, err = 0;

	free(r->known);
	r->known = NULL;
	r->nknown = 0;
	hk_buf_putc(&rules, '[');
	for (size_t i = 0; i < r->nrules; i++) {
		if (i)
			hk_buf_putc(&rules, ',');
		hk_json_put_str(&rules, r->rules[i], strlen(r->rules[i]));
	}
	if (hk_buf_putc(&rules, ']') < 0)
		return HK_EINTERNAL;
	/* the counties in scope: given, else those of the findings' villages */
	if (r->run->counties) {
		hk_buf_puts(&counties, r->run->counties);
	} else {
		/* a run covers one county, or a few dozen for a province db: the
		 * list of those seen is scanned for each finding */
		hk_buf_putc(&counties, '[');
		for (size_t i = 0; i < r->n; i++) {
			const char *p;
			char code[9];
			if (strlen(r->town[i]) < 6)
				continue;
			snprintf(code, sizeof(code), "\"%.6s\"", r->town[i]);
			if (!(p = counties.ptr ? strstr(counties.ptr, code) : NULL))
				hk_buf_printf(&counties, "%s%s", counties.len > 1 ? "," : "", code);
		}
		hk_buf_putc(&counties, ']');
	}
	if ((err = hk_buf_error(&counties)) < 0)
		goto done;
	if (sqlite3_prepare_v2(db,
			       "SELECT id, status, present, last_hash FROM findings"
			       " WHERE rule IN (SELECT value FROM json_each(?1))"
			       " AND (json_array_length(?2) = 0"
			       " OR coalesce(nullif(town, ''), nullif(village, ''), '') = ''"
			       " OR substr(coalesce(nullif(town, ''), village), 1, 6) IN (SELECT value FROM json_each(?2)))"
			       " ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK) {
		err = hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(db));
		goto done;
	}
	sqlite3_bind_text(st, 1, rules.ptr, (int)rules.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, counties.ptr, (int)counties.len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct known *k;
		if ((err = HK_ARRAY_GROW(r->known, cap, r->nknown + 1)) != 0)
			goto done;
		k = &r->known[r->nknown++];
		snprintf(k->id, sizeof(k->id), "%s", (const char *)sqlite3_column_text(st, 0));
		k->status = (unsigned char)hk_fstate_status_parse((const char *)sqlite3_column_text(st, 1));
		k->present = (unsigned char)sqlite3_column_int(st, 2);
		snprintf(k->last_hash, sizeof(k->last_hash), "%s",
			 sqlite3_column_text(st, 3) ? (const char *)sqlite3_column_text(st, 3) : "");
		k->seen = 0;
	}
	if (rc != SQLITE_DONE)
		err = hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(db));
done:
	sqlite3_finalize(st);
	hk_buf_free(&rules);
	hk_buf_free(&counties);
	return err;
}

static int note(struct run_ctx *r, size_t at, enum hk_event_type type, const char *hash)
{
	struct change_rec *c = &r->changes[r->nchanges++];
	c->at = at;
	c->type = type;
	memcpy(c->hash, hash, sizeof(c->hash));
	return 0;
}

/* finding.json holds only what the rule said, so that two offices running the
 * same pack on the same data write the same file; when and by which run it was
 * found is in its found event. */
static int put_finding_json(struct hk_change *c, struct run_ctx *r, size_t i, hk_buf *json, hk_buf *path)
{
	const struct hk_finding *f = &r->f[i];
	const char *ev = f->evidence_json && *f->evidence_json ? f->evidence_json : "{}";
	int err = 0;
	hk_buf_clear(json);
	hk_buf_clear(path);
	err |= hk_buf_printf(json, "{\"id\":\"%s\",\"rule\":", f->id);
	err |= hk_json_put_str(json, f->rule, strlen(f->rule));
	err |= hk_buf_puts(json, ",\"entity\":");
	err |= hk_json_put_str(json, f->entity, strlen(f->entity));
	err |= hk_buf_puts(json, ",\"category\":");
	err |= hk_json_put_str(json, f->category ? f->category : "", f->category ? strlen(f->category) : 0);
	err |= hk_buf_puts(json, ",\"severity\":");
	err |= hk_json_put_str(json, f->severity ? f->severity : "", f->severity ? strlen(f->severity) : 0);
	err |= hk_buf_puts(json, ",\"message\":");
	err |= hk_json_put_str(json, f->message ? f->message : "", f->message ? strlen(f->message) : 0);
	if (f->message_en && *f->message_en) {
		err |= hk_buf_puts(json, ",\"message_en\":");
		err |= hk_json_put_str(json, f->message_en, strlen(f->message_en));
	}
	err |= hk_buf_printf(json, ",\"village\":\"%s\",\"town\":\"%s\",\"evidence\":%s}\n", r->village[i],
			     r->town[i], ev);
	err |= hk_ledger_finding_dir(path, f->id);
	err |= hk_buf_puts(path, "/finding.json");
	if (err)
		return err < 0 ? err : HK_EINTERNAL;
	return hk_ledger_commit_put(c, path->ptr, json->ptr, json->len);
}

static int put_run_event(struct hk_change *c, const char *id, enum hk_event_type type, const char *prev,
			 const char *run_id, hk_buf *dir, char hash[HK_EVENT_HASH_LEN + 1])
{
	struct hk_event e = {0};
	int err;
	hk_buf_clear(dir);
	if ((err = hk_ledger_finding_dir(dir, id)) < 0 || (err = hk_buf_puts(dir, "/events")) < 0)
		return err;
	e.type = type;
	e.finding = (char *)id;
	e.prev = (char *)prev;
	e.run = (char *)run_id;
	err = hk_ledger_commit_put_event(c, dir->ptr, &e);
	memcpy(hash, e.hash, HK_EVENT_HASH_LEN + 1);
	return err;
}

/* 1 when s is a date YYYY-MM-DD (so that dates compare as strings). */
static int is_day(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* The first rule of the JSON array `rules` that is also among r->rules, or NULL. */
static const char *common_rule(const struct run_ctx *r, const hk_json *rules)
{
	for (size_t i = 0; i < hk_json_len(rules); i++) {
		const char *id = hk_json_str(hk_json_at(rules, i));
		for (size_t k = 0; id && k < r->nrules; k++)
			if (strcmp(id, r->rules[k]) == 0)
				return r->rules[k];
	}
	return NULL;
}

/* Refuses a run older than one already recorded with a rule in common (not
 * as history), unless this one is recorded as history: findings state must
 * only move forward in time. Reads runs/ of the head tree the change is
 * built on. Returns 0 or HK_EINPUT saying what to do. */
static int check_as_of(struct run_ctx *r, struct hk_change *c)
{
	git_tree *runs = NULL;
	hk_json *newest = NULL;
	const char *newest_rule = NULL;
	int err;

	if (r->run->history || !is_day(r->run->as_of))
		return 0;
	if ((err = hk_ledger_subtree(&runs, c->l, c->head_tree, "runs")) < 0 || !runs)
		return err;
	for (size_t i = 0; i < git_tree_entrycount(runs); i++) {
		git_blob *b = NULL;
		hk_json *doc = NULL;
		const char *as_of, *rule;
		/* an unreadable record is `ledger verify`'s to report */
		if (git_blob_lookup(&b, c->l->repo, git_tree_entry_id(git_tree_entry_byindex(runs, i))) == 0 &&
		    hk_json_parse(&doc, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) == 0 &&
		    !hk_json_bool(hk_json_get(doc, "history")) && is_day(as_of = hk_json_str(hk_json_get(doc, "as_of"))) &&
		    strcmp(as_of, r->run->as_of) > 0 &&
		    (!newest || strcmp(as_of, hk_json_str(hk_json_get(newest, "as_of"))) > 0) &&
		    (rule = common_rule(r, hk_json_get(doc, "rules")))) {
			hk_json_free(newest);
			newest = doc;
			newest_rule = rule;
			doc = NULL;
		}
		hk_json_free(doc);
		git_blob_free(b);
	}
	if (newest) {
		const char *id = hk_json_str(hk_json_get(newest, "id"));
		err = hk_error_setc(HK_EINPUT,
				    "a run as of %s is older than run %s as of %s, already recorded for the same rules "
				    "(%s, ...): its older data would mark findings absent or reappeared that are not. "
				    "Run on current data, or give --history to record it as history only (no finding "
				    "changes state)",
				    r->run->as_of, id ? id : "?", hk_json_str(hk_json_get(newest, "as_of")), newest_rule);
	}
	hk_json_free(newest);
	git_tree_free(runs);
	return err;
}

static int run_change(void *ctx, struct hk_change *c)
{
	struct run_ctx *r = ctx;
	struct idmap map = {0};
	hk_buf json = HK_BUF_INIT, path = HK_BUF_INIT;
	char run_id[96], stamp[17], hash[HK_EVENT_HASH_LEN + 1], seed[512];
	int err;

	/* a change built before and not committed (the head moved): its rows go */
	if (index_wait(r) == 0 && r->ix_state == IX_OPEN)
		hk_index_end(r->ix, 0, NULL);
	r->ix_state = IX_NONE;
	memcpy(r->time, c->time, sizeof(r->time));
	r->lamport = c->lamport;
	r->parent[0] = '\0';
	if (c->head)
		git_oid_tostr(r->parent, sizeof(r->parent), git_commit_id(c->head));
	memset(&r->counts, 0, sizeof(r->counts));
	r->counts.produced = r->n;
	r->nchanges = 0;
	if ((err = check_as_of(r, c)) < 0 || (err = hk_index_update(r->ix)) < 0 || (err = load_scope(r)) < 0)
		goto done;
	free(r->changes);
	if (!(r->changes = malloc((r->n + r->nknown + 1) * sizeof(*r->changes)))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	/* run id: time, office, and a hash of what makes the run unique */
	snprintf(stamp, sizeof(stamp), "%.4s%.2s%.2sT%.2s%.2s%.2sZ", c->time, c->time + 5, c->time + 8, c->time + 11,
		 c->time + 14, c->time + 17);
	snprintf(seed, sizeof(seed), "%s\n%s\n%s\n%llu\n%s\n%zu", r->run->pack, r->run->fingerprint ? r->run->fingerprint : "",
		 c->l->office, c->lamport, c->time, r->n);
	hk_event_hash(hash, seed, strlen(seed));
	snprintf(run_id, sizeof(run_id), "%s-%s-%.8s", stamp, c->l->office, hash);
	snprintf(r->counts.run_id, sizeof(r->counts.run_id), "%s", run_id);

	if ((err = idmap_init(&map, r->nknown)) < 0)
		goto done;
	for (size_t k = 0; k < r->nknown; k++)
		idmap_find(&map, r->known[k].id, (long)k, known_key, r->known);
	/* in id order: the paths added come sorted, so building the trees
	 * needs no sort of two million paths */
	for (size_t oi = 0; oi < r->n && !err && !r->run->history; oi++) {
		size_t i = r->order[oi];
		long k = idmap_find(&map, r->f[i].id, -1, known_key, r->known);
		if (k < 0) {
			/* events/ before finding.json: the paths in order */
			if ((err = put_run_event(c, r->f[i].id, HK_EV_FOUND, "", run_id, &path, hash)) == 0 &&
			    (err = put_finding_json(c, r, i, &json, &path)) == 0)
				note(r, i, HK_EV_FOUND, hash);
			r->counts.found++;
			continue;
		}
		r->known[k].seen = 1;
		if (!r->known[k].present && r->known[k].status != HK_FS_WAIVED) {
			if ((err = put_run_event(c, r->f[i].id, HK_EV_REAPPEARED, r->known[k].last_hash, run_id, &path,
						 hash)) == 0)
				note(r, (size_t)k, HK_EV_REAPPEARED, hash);
			r->counts.reappeared++;
		} else {
			r->counts.unchanged++;
		}
	}
	for (size_t k = 0; k < r->nknown && !err && !r->run->history; k++) {
		struct known *kn = &r->known[k];
		if (kn->seen || !kn->present || !hk_fstate_status_is_open((enum hk_fstatus)kn->status) ||
		    kn->status == HK_FS_ABSENT)
			continue;
		if ((err = put_run_event(c, kn->id, HK_EV_ABSENT, kn->last_hash, run_id, &path, hash)) == 0)
			note(r, k, HK_EV_ABSENT, hash);
		r->counts.absent++;
	}
	if (err)
		goto done;

	/* the run record */
	hk_buf_clear(&json);
	err |= hk_buf_printf(&json, "{\"id\":\"%s\",\"pack\":", run_id);
	err |= hk_json_put_str(&json, r->run->pack, strlen(r->run->pack));
	err |= hk_buf_puts(&json, ",\"version\":");
	err |= hk_json_put_str(&json, r->run->version ? r->run->version : "", r->run->version ? strlen(r->run->version) : 0);
	err |= hk_buf_printf(&json, ",\"params\":%s,\"as_of\":", r->run->params_json && *r->run->params_json ? r->run->params_json : "{}");
	err |= hk_json_put_str(&json, r->run->as_of ? r->run->as_of : "", r->run->as_of ? strlen(r->run->as_of) : 0);
	err |= hk_buf_puts(&json, ",\"fingerprint\":");
	err |= hk_json_put_str(&json, r->run->fingerprint ? r->run->fingerprint : "",
			       r->run->fingerprint ? strlen(r->run->fingerprint) : 0);
	err |= hk_buf_puts(&json, ",\"office\":");
	err |= hk_json_put_str(&json, c->l->office, strlen(c->l->office));
	err |= hk_buf_puts(&json, ",\"actor\":");
	err |= hk_json_put_str(&json, c->actor, strlen(c->actor));
	err |= hk_buf_printf(&json, ",\"time\":\"%s\",\"lamport\":%llu,%s\"rules\":[", c->time, c->lamport,
			     r->run->history ? "\"history\":true," : "");
	for (size_t i = 0; i < r->nrules; i++) {
		err |= hk_buf_puts(&json, i ? "," : "");
		err |= hk_json_put_str(&json, r->rules[i], strlen(r->rules[i]));
	}
	err |= hk_buf_putc(&json, ']');
	if (r->run->titles) {
		err |= hk_buf_puts(&json, ",\"titles\":{");
		for (size_t i = 0, k = 0; i < r->nrules; i++) {
			const char *zh = r->run->titles[i], *en = r->run->titles_en ? r->run->titles_en[i] : NULL;
			if (!zh)
				continue;
			err |= hk_buf_puts(&json, k++ ? "," : "");
			err |= hk_json_put_str(&json, r->rules[i], strlen(r->rules[i]));
			err |= hk_buf_puts(&json, ":{\"zh\":");
			err |= hk_json_put_str(&json, zh, strlen(zh));
			if (en) {
				err |= hk_buf_puts(&json, ",\"en\":");
				err |= hk_json_put_str(&json, en, strlen(en));
			}
			err |= hk_buf_putc(&json, '}');
		}
		err |= hk_buf_putc(&json, '}');
	}
	err |= hk_buf_printf(&json,
			     ",\"counts\":{\"produced\":%zu,\"found\":%zu,\"absent\":%zu,\"reappeared\":%zu,\"unchanged\":%zu}}\n",
			     r->counts.produced, r->counts.found, r->counts.absent, r->counts.reappeared,
			     r->counts.unchanged);
	hk_buf_clear(&path);
	err |= hk_buf_printf(&path, "runs/%s.json", run_id);
	if (err) {
		err = HK_EINTERNAL;
		goto done;
	}
	free(r->record);
	if (!(r->record = strdup(json.ptr))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	if ((err = hk_ledger_commit_put(c, path.ptr, json.ptr, json.len)) < 0)
		goto done;
	if (r->run->history)
		err = hk_buf_printf(&c->message, "run %s%s%s: history only, %zu findings as of %s, no state changed\n\n"
				    "%zu rules; data %.16s\n",
				    r->run->pack, r->run->version && *r->run->version ? " " : "",
				    r->run->version ? r->run->version : "", r->n, r->run->as_of ? r->run->as_of : "-",
				    r->nrules, r->run->fingerprint && *r->run->fingerprint ? r->run->fingerprint : "-");
	else
		err = hk_buf_printf(&c->message, "run %s%s%s: %zu found, %zu absent, %zu reappeared, %zu unchanged\n\n"
				    "as of %s; %zu rules; data %.16s\n",
				    r->run->pack, r->run->version && *r->run->version ? " " : "",
				    r->run->version ? r->run->version : "", r->counts.found, r->counts.absent,
				    r->counts.reappeared, r->counts.unchanged, r->run->as_of ? r->run->as_of : "-", r->nrules,
				    r->run->fingerprint && *r->run->fingerprint ? r->run->fingerprint : "-");
	if (!err)
		err = hk_ledger_commit_trailer(c, "Event", "run");
	if (!err)
		err = hk_ledger_commit_trailer(c, "Run", "%s", run_id);
	if (!err)
		index_start(r);
done:
	free(map.slot);
	hk_buf_free(&json);
	hk_buf_free(&path);
	return err;
}

static const struct run_ctx *sort_ctx;

static const char *change_id(const struct change_rec *c)
{
	return c->type == HK_EV_FOUND ? sort_ctx->f[c->at].id : sort_ctx->known[c->at].id;
}

static int change_cmp(const void *a, const void *b)
{
	return strcmp(change_id(a), change_id(b));
}

/* Writes the run's rows into the index in a transaction left open for
 * index_finish, when the index is at the run's parent; otherwise sets
 * IX_STALE (the incremental update reads the run from git after the commit).
 * Returns 0 or an error (the transaction rolled back). */
static int index_rows(struct run_ctx *r)
{
	struct hk_ledger_finding lf;
	int err;
	/* its pages cached while the main thread holds the run's objects: a
	 * smaller cache (32 MiB) keeps a run of a million findings within 1 GiB;
	 * the rows go in id order, so few pages are touched at a time */
	sqlite3_exec(hk_index_db(r->ix), "PRAGMA cache_size=-32768", NULL, NULL, NULL);
	if ((err = hk_index_begin(r->ix)) < 0)
		return err;
	/* rows in id order: B-tree inserts stay local */
	sort_ctx = r;
	for (size_t i = 1; i < r->nchanges; i++)
		if (change_cmp(&r->changes[i - 1], &r->changes[i]) > 0) { /* not in order already */
			qsort(r->changes, r->nchanges, sizeof(*r->changes), change_cmp);
			break;
		}
	if (strcmp(hk_index_commit(r->ix), r->parent) != 0) {
		hk_index_end(r->ix, 0, NULL);
		r->ix_done = IX_STALE;
		return 0;
	}
	for (size_t i = 0; i < r->nchanges && !err; i++) {
		const struct change_rec *ch = &r->changes[i];
		struct hk_event e = {0};
		struct hk_fstate s;
		char why[256];
		e.type = ch->type;
		e.time = r->time;
		e.lamport = r->lamport;
		memcpy(e.hash, ch->hash, sizeof(e.hash));
		if (ch->type == HK_EV_FOUND) {
			const struct hk_finding *f = &r->f[ch->at];
			memset(&lf, 0, sizeof(lf));
			lf.id = (char *)f->id;
			lf.rule = f->rule;
			lf.entity = f->entity;
			lf.category = f->category;
			lf.severity = f->severity;
			lf.message = f->message;
			lf.message_en = f->message_en;
			lf.village = r->village[ch->at];
			lf.town = r->town[ch->at];
			lf.run = r->counts.run_id;
			lf.found_at = r->time;
			hk_fstate_init(&s);
			hk_fstate_step(&s, &e, NULL, why, sizeof(why));
			err = hk_index_put(r->ix, &lf, &s);
		} else {
			const char *id = r->known[ch->at].id;
			if ((err = hk_index_get_state(r->ix, id, &s)) == 0) {
				hk_fstate_step(&s, &e, NULL, why, sizeof(why));
				err = hk_index_put_state(r->ix, id, &s);
			}
		}
	}
	if (!err && r->record)
		err = hk_index_put_run(r->ix, r->record, strlen(r->record));
	if (err) {
		hk_index_end(r->ix, 0, NULL);
		return err;
	}
	r->ix_done = IX_OPEN;
	return 0;
}

static void *index_thread(void *arg)
{
	struct run_ctx *r = arg;
	if ((r->ix_err = index_rows(r)) < 0)
		snprintf(r->ix_msg, sizeof(r->ix_msg), "%s", hk_error_last());
	return NULL;
}

/* Starts writing the index rows of the change just built: in a second thread
 * when SQLite allows it (the main thread does not use the index until
 * index_wait), else right away. The rows are committed with the ledger
 * commit's id (index_finish) or rolled back when the change is not committed. */
static void index_start(struct run_ctx *r)
{
	r->ix_err = 0;
	r->ix_msg[0] = '\0';
	r->ix_done = IX_NONE;
	r->ix_state = IX_THREAD;
	if (sqlite3_threadsafe() && pthread_create(&r->ix_thread, NULL, index_thread, r) == 0)
		return;
	index_thread(r);
	r->ix_state = r->ix_done;
}

/* Waits for the thread index_start started, if any. Returns 0, or its error
 * (then nothing is left open). */
static int index_wait(struct run_ctx *r)
{
	if (r->ix_state == IX_THREAD) {
		pthread_join(r->ix_thread, NULL);
		r->ix_state = r->ix_done;
	}
	if (r->ix_err < 0) {
		int err = hk_error_setc(r->ix_err, "%s", r->ix_msg);
		r->ix_err = 0;
		return err;
	}
	return 0;
}

/* Brings the index to the run's commit: commits the rows written by
 * index_start, or reads the run from git when the index was elsewhere. */
static int index_finish(struct run_ctx *r, const char *commit)
{
	int err = index_wait(r);
	if (err < 0)
		return err;
	if (r->ix_state == IX_OPEN) {
		r->ix_state = IX_NONE;
		return hk_index_end(r->ix, 1, commit) < 0 ? HK_EINTERNAL : 0;
	}
	r->ix_state = IX_NONE;
	return hk_index_update(r->ix);
}

int hk_ledger_run_record(hk_ledger *l, const struct hk_run_record *run, const struct hk_finding *findings, size_t n,
			 const char *const *rules_run, size_t nrules, struct hk_run_counts *out)
{
	struct run_ctx r = {0};
	git_oid oid;
	int err;

	memset(out, 0, sizeof(*out));
	r.l = l;
	r.run = run;
	r.f = findings;
	r.n = n;
	r.rules = rules_run;
	r.nrules = nrules;
	if (!run->pack || !*run->pack || !run->actor)
		return hk_error_setc(HK_EINPUT, "a run needs a pack name and an actor");
	if (!(r.village = calloc(n + 1, sizeof(*r.village))) || !(r.town = calloc(n + 1, sizeof(*r.town)))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	if ((err = validate(&r)) < 0 || (err = id_order(&r)) < 0 || (err = hk_index_open_raw(&r.ix, l)) < 0)
		goto done;
	if (l->progress && n > PACK_THRESHOLD)
		fprintf(stderr, "ledger %s: recording %zu findings...\n", l->path, n);
	if ((err = hk_ledger_commit(l, run->actor, n > PACK_THRESHOLD, 1, run_change, &r, &oid)) < 0)
		goto done;
	git_oid_tostr(r.counts.commit, sizeof(r.counts.commit), &oid);
	if (l->progress && r.nchanges > PACK_THRESHOLD)
		fprintf(stderr, "ledger %s: committed %.12s; updating the index...\n", l->path, r.counts.commit);
	*out = r.counts;
	err = index_finish(&r, r.counts.commit);
done:
	/* a change not committed (an error): its rows go */
	if (index_wait(&r) == 0 && r.ix_state == IX_OPEN)
		hk_index_end(r.ix, 0, NULL);
	hk_index_free(r.ix);
	free(r.known);
	free(r.changes);
	free(r.record);
	free(r.village);
	free(r.town);
	free(r.order);
	return err;
}
