/*
 * ledger_check.c - walking a ledger's commits through the per-commit hooks,
 * and replaying the findings and roles of a tree (see ledger_check.h).
 */
#include "ledger/ledger_check.h"
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
	if (e->type == HK_EV_KEY_ADDED || e->type == HK_EV_KEY_REVOKED)
		hk_check_report(v, "roles/%010llu-%s-%s.json (%s for %s by %s): %s", e->lamport, e->office, e->hash,
				hk_event_type_name(e->type), e->who ? e->who : "?", e->actor, why);
	else
		hk_check_report(v, "roles/%010llu-%s-%s.json (%s %s to %s by %s): %s", e->lamport, e->office, e->hash,
				hk_event_type_name(e->type), e->role ? e->role : "?", e->who ? e->who : "?", e->actor,
				why);
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
