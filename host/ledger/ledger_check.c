/*
 * ledger_check.c - walking a ledger's commits through the per-commit hooks,
 * and replaying the findings and roles of a tree (see ledger_check.h).
 */
#include "ledger/ledger_check.h"
#include "ledger/ledger_pick.h"
#include "ledger/replay.h"
#include "base/array.h"
#include "base/error.h"
#include "base/json.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void hk_check_init(hk_check *v, hk_ledger *l, FILE *out, const char *prefix)
{
	memset(v, 0, sizeof(*v));
	v->l = l;
	v->out = out;
	v->prefix = prefix ? prefix : "";
}

static void free_strs(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

void hk_check_clear(hk_check *v)
{
	if (!v)
		return;
	free_strs(v->touched, v->ntouched);
	free_strs(v->reported, v->nreported);
	hk_roles_free(v->croles);
	memset(v, 0, sizeof(*v));
}

/* Names, notes and paths in a line come from the ledger, which anyone may
 * have written: control characters are made visible (base/text.h), so a line
 * never carries a terminal escape or a line break of its own. */
void hk_check_report(hk_check *v, const char *fmt, ...)
{
	hk_buf b = HK_BUF_INIT, vis = HK_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	hk_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (hk_buf_error(&b) == 0 && hk_text_visible(&vis, b.ptr, b.len, 0) == 0 && vis.ptr) {
		if (v->out)
			fprintf(v->out, "%s%s\n", v->prefix, vis.ptr);
		if (!v->n)
			snprintf(v->first, sizeof(v->first), "%s", vis.ptr);
	} else {
		if (v->out)
			fprintf(v->out, "%s(a violation: out of memory while describing it)\n", v->prefix);
		if (!v->n)
			snprintf(v->first, sizeof(v->first), "(a violation)");
	}
	hk_buf_free(&b);
	hk_buf_free(&vis);
	v->n++;
}

int hk_check_reported(hk_check *v, const char *path, int add)
{
	for (size_t i = 0; i < v->nreported; i++)
		if (strcmp(v->reported[i], path) == 0)
			return 1;
	if (add && HK_ARRAY_GROW(v->reported, v->capreported, v->nreported + 1) == 0 &&
	    (v->reported[v->nreported] = strdup(path)))
		v->nreported++;
	return 0;
}

int hk_check_touch(hk_check *v, const char *id)
{
	if (v->ntouched && strcmp(v->touched[v->ntouched - 1], id) == 0)
		return 0;
	if (HK_ARRAY_GROW(v->touched, v->captouched, v->ntouched + 1) < 0)
		return HK_EINTERNAL;
	if (!(v->touched[v->ntouched] = strdup(id)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	v->ntouched++;
	return 0;
}

int hk_check_commit_actor(hk_buf *out, const git_commit *c)
{
	const git_signature *a = git_commit_author(c);
	int rc = hk_ledger_trailer(out, c, "Actor");
	if (rc != 0)
		return rc < 0 ? rc : 0;
	hk_buf_clear(out);
	return hk_buf_printf(out, "%s <%s>", a && a->name ? a->name : "", a && a->email ? a->email : "") < 0
		       ? HK_EINTERNAL
		       : 0;
}

const hk_roles *hk_check_commit_roles(hk_check *v, const struct hk_check_commit *c)
{
	git_tree_entry *te = NULL;
	git_oid id;
	hk_roles *r = NULL;

	memset(&id, 0, sizeof(id));
	if (git_tree_entry_bypath(&te, c->tree, "roles") == 0)
		git_oid_cpy(&id, git_tree_entry_id(te));
	git_tree_entry_free(te);
	if (v->croles_state && git_oid_equal(&id, &v->croles_tree))
		return v->croles_state > 0 ? v->croles : NULL;
	hk_roles_free(v->croles);
	v->croles = NULL;
	git_oid_cpy(&v->croles_tree, &id);
	if (hk_ledger_read_roles(&r, v->l, c->tree) < 0) {
		v->croles_state = -1;
		return NULL;
	}
	v->croles = r;
	v->croles_state = 1;
	return r;
}

/* ---- the per-commit hooks ---- */

/* A commit's Lamport clock advances on its parents'. */
static int hook_clock(hk_check *v, const struct hk_check_commit *c)
{
	unsigned long long maxp = 0;
	for (unsigned p = 0; p < c->nparents; p++) {
		unsigned long long pl = hk_ledger_commit_lamport(c->parents[p]);
		maxp = pl > maxp ? pl : maxp;
	}
	if (c->lamport <= maxp)
		hk_check_report(v, "commit %s: its clock (Huikan-Lamport %llu) does not advance on its parents' (%llu)",
				c->id, c->lamport, maxp);
	return 0;
}

struct diffctx {
	hk_check *v;
	const struct hk_check_commit *c;
	unsigned parent;
};

/* 1 when commit c's finding.json at `path` (a file of its tree with id
 * `new_`) is the one hk_ledger_pick_finding keeps among its parents' (the
 * merge writer's choice), else 0; negative when unreadable. */
static int merge_kept(hk_check *v, const struct hk_check_commit *c, const char *path, const git_oid *new_)
{
	char dirpath[256];
	git_tree *best = NULL;
	git_oid best_id;
	int rc = 0;

	snprintf(dirpath, sizeof(dirpath), "%.*s", (int)(strlen(path) - 13), path);
	for (unsigned p = 0; p < c->nparents && rc >= 0; p++) {
		git_tree *dir = NULL;
		git_tree_entry *te = NULL;
		int b_wins = 0;
		if (hk_ledger_subtree(&dir, v->l, c->ptrees[p], dirpath) < 0 || !dir)
			continue;
		if (git_tree_entry_bypath(&te, c->ptrees[p], path) < 0 || git_tree_entry_type(te) != GIT_OBJECT_BLOB) {
			git_tree_entry_free(te);
			git_tree_free(dir);
			continue;
		}
		if (best && (rc = hk_ledger_pick_finding(&b_wins, v->l, best, dir)) < 0)
			b_wins = 0;
		if (!best || b_wins) {
			git_tree_free(best);
			best = dir;
			dir = NULL;
			git_oid_cpy(&best_id, git_tree_entry_id(te));
		}
		git_tree_entry_free(te);
		git_tree_free(dir);
	}
	if (rc >= 0)
		rc = best && git_oid_equal(&best_id, new_);
	git_tree_free(best);
	return rc;
}

/* Paths are add-only: a removed or changed file is a violation, except a
 * merge taking another parent's finding.json, the one the merge writer keeps
 * (hk_ledger_pick_finding: never chosen by blob id). */
static int on_diff(void *ctx, const char *path, const git_oid *old, const git_oid *new_)
{
	struct diffctx *d = ctx;
	const struct hk_check_commit *c = d->c;
	size_t n = strlen(path);
	int taken = 0;
	if (!old)
		return 0;
	if (new_ && c->nparents > 1 && n > 13 && strcmp(path + n - 13, "/finding.json") == 0) {
		for (unsigned p = 0; p < c->nparents && !taken; p++) {
			git_tree_entry *te = NULL;
			if (p != d->parent && git_tree_entry_bypath(&te, c->ptrees[p], path) == 0)
				taken = git_oid_equal(git_tree_entry_id(te), new_);
			git_tree_entry_free(te);
		}
		if (taken) {
			int kept = merge_kept(d->v, c, path, new_);
			if (kept < 0)
				return kept;
			if (!kept)
				hk_check_report(d->v, "commit %s: %s: the merge took a finding.json other than the one "
						      "recorded with the finding's first found event",
						c->id, path);
			return 0;
		}
	}
	hk_check_report(d->v, "commit %s: %s was %s (the ledger is append-only)", c->id, path,
			new_ ? "changed" : "deleted");
	return 0;
}

static int hook_append_only(hk_check *v, const struct hk_check_commit *c)
{
	int err = 0;
	for (unsigned p = 0; p < c->nparents && !err; p++) {
		struct diffctx d = {v, c, p};
		err = hk_ledger_diff_trees(v->l, c->ptrees[p], c->tree, on_diff, &d);
	}
	return err;
}

/* The commit's signature. SIGNATURES: the per-commit signature check (valid
 * SSHSIG by a key the acting person held at this point of the history) is
 * called here; until it lands every commit passes this hook. */
static int hook_signature(hk_check *v, const struct hk_check_commit *c)
{
	(void)v;
	(void)c;
	return 0;
}

/* The per-commit hooks, in the order they run on each commit. */
static const struct {
	const char *name;
	int (*fn)(hk_check *v, const struct hk_check_commit *c);
} hooks[] = {
	{"clock", hook_clock},
	{"paths and contents", hk_check_hook_tree},
	{"append-only", hook_append_only},
	{"signature", hook_signature},
};

static void commit_clear(struct hk_check_commit *c)
{
	for (unsigned p = 0; p < c->nparents; p++) {
		git_tree_free(c->ptrees[p]);
		git_commit_free(c->parents[p]);
	}
	free(c->ptrees);
	free(c->parents);
	git_tree_free(c->tree);
	git_commit_free(c->commit);
	memset(c, 0, sizeof(*c));
}

/* Loads commit `oid` with its tree and its parents' trees; 1 when some part
 * is unreadable (reported), 0, or a negative code. */
static int commit_load(hk_check *v, struct hk_check_commit *c, const git_oid *oid)
{
	unsigned n;
	memset(c, 0, sizeof(*c));
	git_oid_tostr(c->id, 13, oid);
	if (git_commit_lookup(&c->commit, v->l->repo, oid) < 0 || git_commit_tree(&c->tree, c->commit) < 0) {
		hk_check_report(v, "commit %s: unreadable object (%s)", c->id,
				git_error_last() ? git_error_last()->message : "");
		return 1;
	}
	n = git_commit_parentcount(c->commit);
	if (!(c->parents = calloc(n + 1, sizeof(*c->parents))) || !(c->ptrees = calloc(n + 1, sizeof(*c->ptrees))))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (; c->nparents < n; c->nparents++) {
		unsigned p = c->nparents;
		if (git_commit_parent(&c->parents[p], c->commit, p) < 0 || git_commit_tree(&c->ptrees[p], c->parents[p]) < 0) {
			hk_check_report(v, "commit %s: unreadable parent", c->id);
			c->nparents++;
			return 1;
		}
	}
	c->lamport = hk_ledger_commit_lamport(c->commit);
	return 0;
}

int hk_ledger_check_commits(hk_check *v, const git_oid *tip, const git_oid *hide)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	int err = 0;
	if (git_revwalk_new(&walk, v->l->repo) < 0 || git_revwalk_push(walk, tip) < 0 ||
	    (hide && git_revwalk_hide(walk, hide) < 0)) {
		git_revwalk_free(walk);
		return hk_ledger_git_error(0, "walking the history");
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	while (!err && git_revwalk_next(&oid, walk) == 0) {
		struct hk_check_commit c;
		int rc = commit_load(v, &c, &oid);
		if (rc < 0)
			err = rc;
		for (size_t h = 0; rc == 0 && !err && h < sizeof(hooks) / sizeof(hooks[0]); h++)
			err = hooks[h].fn(v, &c);
		commit_clear(&c);
	}
	git_revwalk_free(walk);
	return err;
}

/* ---- the state of one tree ---- */

struct statectx {
	hk_check *v;
	const git_tree *root;
	const hk_roles *roles;
};

/* Evidence an event names is in the ledger, of the size it says (its content
 * is checked against its name when a commit adds it). */
static void check_evidence(struct statectx *s, const struct hk_event *e)
{
	for (size_t k = 0; k < e->nevidence; k++) {
		const struct hk_evidence_ref *r = &e->evidence[k];
		char path[128];
		git_tree_entry *te = NULL;
		git_blob *b = NULL;
		snprintf(path, sizeof(path), "evidence/%.2s/%.64s", r->sha256, r->sha256);
		if (git_tree_entry_bypath(&te, s->root, path) < 0)
			hk_check_report(s->v, "%s: event %010llu-%s-%s.json: evidence '%s' (%s) is missing from the ledger",
					e->finding, e->lamport, e->office, e->hash, r->name, path);
		else if (git_tree_entry_type(te) != GIT_OBJECT_BLOB || git_blob_lookup(&b, s->v->l->repo, git_tree_entry_id(te)) < 0)
			hk_check_report(s->v, "%s: event %010llu-%s-%s.json: evidence %s is not a readable file", e->finding,
					e->lamport, e->office, e->hash, path);
		else if ((long long)git_blob_rawsize(b) != r->size)
			hk_check_report(s->v, "%s: event %010llu-%s-%s.json: evidence %s has %lld bytes, the event says %lld",
					e->finding, e->lamport, e->office, e->hash, path, (long long)git_blob_rawsize(b),
					r->size);
		git_blob_free(b);
		git_tree_entry_free(te);
	}
}

static int check_finding(void *ctx, const git_tree *dir, const char *id)
{
	struct statectx *st = ctx;
	hk_check *v = st->v;
	struct hk_ledger_finding f;
	struct hk_fstate s;
	int err = hk_ledger_read_finding_tree(&f, v->l, dir, id);
	if (err < 0) {
		hk_ledger_finding_clear(&f);
		return err;
	}
	for (size_t i = 0; i < f.nproblems; i++) {
		/* a problem starts with its path; a commit hook may have named it */
		const char *colon = strstr(f.problems[i], ": ");
		char path[512];
		snprintf(path, sizeof(path), "%.*s", colon ? (int)(colon - f.problems[i]) : 0, f.problems[i]);
		if (!colon || !hk_check_reported(v, path, 0))
			hk_check_report(v, "%s: %s", id, f.problems[i]);
	}
	for (size_t i = 0; i < f.nevents; i++) {
		const struct hk_event *e = &f.events[i];
		int linked = 0;
		/* Back-dating is judged against the event this one follows (its
		 * prev), the only one its writer is known to have seen: another
		 * office's concurrent event may carry a lower Lamport number and a
		 * later clock time without either being wrong. Each event checked
		 * against its prev orders the whole chain. */
		const char *latest = "";
		for (size_t k = 0; k < i; k++) {
			if (f.events[k].lamport >= e->lamport)
				continue;
			if (e->prev && strcmp(e->prev, f.events[k].hash) == 0) {
				linked = 1;
				latest = f.events[k].time;
			}
		}
		if (i == 0 && e->prev && *e->prev)
			hk_check_report(v, "%s: event %s follows %s, which is not in the ledger (deleted?)", id, e->hash, e->prev);
		else if (i > 0 && !linked && !(e->type == HK_EV_FOUND))
			hk_check_report(v, "%s: event %s (%s) follows '%s', which is no earlier event of the finding", id,
					e->hash, hk_event_type_name(e->type), e->prev ? e->prev : "");
		if (strcmp(e->time, latest) < 0)
			hk_check_report(v, "%s: event %s (%s by %s) is back-dated: %s is before an earlier event's %s", id,
					e->hash, hk_event_type_name(e->type), e->actor, e->time, latest);
		check_evidence(st, e);
	}
	/* an event superseded by a concurrent one is what honest offices write
	 * when they act at the same time: only an illegal one is a violation */
	hk_fstate_init(&s);
	for (size_t i = 0; i < f.nevents; i++) {
		const struct hk_event *e = &f.events[i];
		char why[768];
		if (hk_replay_step(&s, f.events, i, st->roles, why, sizeof(why)) == HK_REPLAY_ILLEGAL)
			hk_check_report(v, "%s: event %010llu-%s-%s.json (%s by %s): %s", e->finding, e->lamport, e->office,
					e->hash, hk_event_type_name(e->type), e->actor, why);
	}
	hk_ledger_finding_clear(&f);
	return 0;
}

static void on_bad_role(void *ctx, const struct hk_event *e, const char *why)
{
	hk_check *v = ctx;
	hk_check_report(v, "roles/%010llu-%s-%s.json (%s %s to %s by %s): %s", e->lamport, e->office, e->hash,
			hk_event_type_name(e->type), e->role ? e->role : "?", e->who ? e->who : "?", e->actor, why);
}

static int check_runs(hk_check *v, const git_tree *root)
{
	git_tree *runs = NULL;
	int err = hk_ledger_subtree(&runs, v->l, root, "runs");
	for (size_t i = 0; runs && i < git_tree_entrycount(runs); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(runs, i);
		git_blob *b = NULL;
		hk_json *doc = NULL;
		char path[512];
		snprintf(path, sizeof(path), "runs/%s", git_tree_entry_name(e));
		if (hk_check_reported(v, path, 0))
			continue;
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || git_blob_lookup(&b, v->l->repo, git_tree_entry_id(e)) < 0 ||
		    hk_json_parse(&doc, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) < 0 ||
		    hk_json_type_of(doc) != HK_JSON_OBJECT)
			hk_check_report(v, "runs/%s: not a run record (%s)", git_tree_entry_name(e), hk_error_last());
		hk_json_free(doc);
		git_blob_free(b);
	}
	git_tree_free(runs);
	return err;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int hk_ledger_check_state(hk_check *v, const git_tree *root, int all)
{
	struct statectx s = {v, root, NULL};
	hk_roles *roles = NULL;
	int err = 0;

	if (hk_ledger_read_roles(&roles, v->l, root) < 0) {
		if (!hk_check_reported(v, "roles", 0))
			hk_check_report(v, "%s", hk_error_last());
		if (!(roles = hk_roles_new()))
			return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	hk_roles_check(roles, on_bad_role, v);
	s.roles = roles;
	if (all || v->roles_changed) {
		err = hk_ledger_each_finding(v->l, root, check_finding, &s);
	} else {
		if (v->ntouched)
			qsort(v->touched, v->ntouched, sizeof(*v->touched), str_cmp);
		for (size_t i = 0; i < v->ntouched && !err; i++) {
			hk_buf path = HK_BUF_INIT;
			git_tree *dir = NULL;
			if (i && strcmp(v->touched[i], v->touched[i - 1]) == 0)
				continue;
			if ((err = hk_ledger_finding_dir(&path, v->touched[i])) == 0 &&
			    (err = hk_ledger_subtree(&dir, v->l, root, path.ptr)) == 0 && dir)
				err = check_finding(&s, dir, v->touched[i]);
			git_tree_free(dir);
			hk_buf_free(&path);
		}
	}
	if (!err)
		err = check_runs(v, root);
	hk_roles_free(roles);
	return err;
}
