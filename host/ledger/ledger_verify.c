/*
 * ledger_verify.c - `ledger verify`: replays the whole history of a ledger and
 * reports every violation.
 */
#include "ledger/ledger_verify.h"
#include "ledger/replay.h"
#include "base/error.h"
#include "base/json.h"
#include "base/buf.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define VERIFIED_REF "refs/huikan/verified"

struct vctx {
	hk_ledger *l;
	FILE *out;
	size_t n;
	git_commit *commit;   /* the commit being checked (history pass) */
	const hk_roles *roles;
};

static void report(struct vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes one violation line. Names, notes and paths in it come from the
 * ledger, which anyone may have written: control characters are made
 * visible (base/text.h), so a line never carries a terminal escape or a
 * line break of its own. */
static void report(struct vctx *v, const char *fmt, ...)
{
	hk_buf b = HK_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	hk_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (hk_buf_error(&b) == 0)
		hk_text_fputs(v->out, b.ptr, 0);
	else
		fputs("(a violation: out of memory while describing it)", v->out);
	fputc('\n', v->out);
	hk_buf_free(&b);
	v->n++;
}

static const char *short_id(const git_commit *c, char buf[16])
{
	git_oid_tostr(buf, 13, git_commit_id(c));
	return buf;
}

struct diffctx {
	struct vctx *v;
	unsigned parent;
};

/* Paths are add-only: a removed or changed file is a violation, except a merge
 * taking the other side's finding.json (see hk_ledger_tree_union). */
static int on_diff(void *ctx, const char *path, const git_oid *old, const git_oid *new_)
{
	struct diffctx *d = ctx;
	struct vctx *v = d->v;
	char id[16];
	if (!old)
		return 0;
	if (new_ && git_commit_parentcount(v->commit) > 1 && strlen(path) > 13 &&
	    strcmp(path + strlen(path) - 13, "/finding.json") == 0) {
		for (unsigned p = 0; p < git_commit_parentcount(v->commit); p++) {
			git_commit *pc = NULL;
			git_tree *pt = NULL;
			git_tree_entry *te = NULL;
			int same = 0;
			if (p != d->parent && git_commit_parent(&pc, v->commit, p) == 0 && git_commit_tree(&pt, pc) == 0 &&
			    git_tree_entry_bypath(&te, pt, path) == 0)
				same = git_oid_equal(git_tree_entry_id(te), new_);
			git_tree_entry_free(te);
			git_tree_free(pt);
			git_commit_free(pc);
			if (same)
				return 0;
		}
	}
	report(v, "commit %s: %s was %s (the ledger is append-only)", short_id(v->commit, id), path,
	       new_ ? "changed" : "deleted");
	return 0;
}

static int check_history(struct vctx *v)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	int err = 0;
	if (git_revwalk_new(&walk, v->l->repo) < 0 || git_revwalk_push_ref(walk, HK_LEDGER_REF) < 0)
		return hk_ledger_git_error(0, "walking the history");
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	while (!err && git_revwalk_next(&oid, walk) == 0) {
		git_tree *tree = NULL;
		char hex[GIT_OID_HEXSZ + 1];
		unsigned long long lam, maxp = 0;
		if (git_commit_lookup(&v->commit, v->l->repo, &oid) < 0 || git_commit_tree(&tree, v->commit) < 0) {
			git_oid_tostr(hex, sizeof(hex), &oid);
			report(v, "commit %.12s: unreadable object (%s)", hex, git_error_last() ? git_error_last()->message : "");
			git_commit_free(v->commit);
			v->commit = NULL;
			continue;
		}
		lam = hk_ledger_commit_lamport(v->commit);
		for (unsigned p = 0; p < git_commit_parentcount(v->commit) && !err; p++) {
			git_commit *pc = NULL;
			git_tree *pt = NULL;
			struct diffctx d = {v, p};
			if (git_commit_parent(&pc, v->commit, p) < 0 || git_commit_tree(&pt, pc) < 0) {
				report(v, "commit %s: unreadable parent", short_id(v->commit, hex));
			} else {
				unsigned long long pl = hk_ledger_commit_lamport(pc);
				maxp = pl > maxp ? pl : maxp;
				err = hk_ledger_diff_trees(v->l, pt, tree, on_diff, &d);
			}
			git_tree_free(pt);
			git_commit_free(pc);
		}
		if (lam <= maxp)
			report(v, "commit %s: its clock (Huikan-Lamport %llu) does not advance on its parents' (%llu)",
			       short_id(v->commit, hex), lam, maxp);
		git_tree_free(tree);
		git_commit_free(v->commit);
		v->commit = NULL;
	}
	git_revwalk_free(walk);
	return err;
}

static int check_finding(void *ctx, const git_tree *dir, const char *id)
{
	struct vctx *v = ctx;
	struct hk_ledger_finding f;
	struct hk_fstate s;
	int err = hk_ledger_read_finding_tree(&f, v->l, dir, id);
	if (err < 0) {
		hk_ledger_finding_clear(&f);
		return err;
	}
	for (size_t i = 0; i < f.nproblems; i++)
		report(v, "%s: %s", id, f.problems[i]);
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
			report(v, "%s: event %s follows %s, which is not in the ledger (deleted?)", id, e->hash, e->prev);
		else if (i > 0 && !linked && !(e->type == HK_EV_FOUND))
			report(v, "%s: event %s (%s) follows '%s', which is no earlier event of the finding", id, e->hash,
			       hk_event_type_name(e->type), e->prev ? e->prev : "");
		if (strcmp(e->time, latest) < 0)
			report(v, "%s: event %s (%s by %s) is back-dated: %s is before an earlier event's %s", id, e->hash,
			       hk_event_type_name(e->type), e->actor, e->time, latest);
	}
	/* an event superseded by a concurrent one is what honest offices write
	 * when they act at the same time: only an illegal one is a violation */
	hk_fstate_init(&s);
	for (size_t i = 0; i < f.nevents; i++) {
		const struct hk_event *e = &f.events[i];
		char why[768];
		if (hk_replay_step(&s, f.events, i, v->roles, why, sizeof(why)) == HK_REPLAY_ILLEGAL)
			report(v, "%s: event %010llu-%s-%s.json (%s by %s): %s", e->finding, e->lamport, e->office,
			       e->hash, hk_event_type_name(e->type), e->actor, why);
	}
	hk_ledger_finding_clear(&f);
	return 0;
}

static void on_bad_role(void *ctx, const struct hk_event *e, const char *why)
{
	struct vctx *v = ctx;
	report(v, "roles/%010llu-%s-%s.json (%s %s to %s by %s): %s", e->lamport, e->office, e->hash,
	       hk_event_type_name(e->type), e->role ? e->role : "?", e->who ? e->who : "?", e->actor, why);
}

static int check_runs(struct vctx *v, const git_tree *root)
{
	git_tree_entry *te = NULL;
	git_tree *runs = NULL;
	if (git_tree_entry_bypath(&te, root, "runs") == 0 && git_tree_lookup(&runs, v->l->repo, git_tree_entry_id(te)) == 0) {
		for (size_t i = 0; i < git_tree_entrycount(runs); i++) {
			const git_tree_entry *e = git_tree_entry_byindex(runs, i);
			git_blob *b = NULL;
			hk_json *doc = NULL;
			if (git_blob_lookup(&b, v->l->repo, git_tree_entry_id(e)) < 0 ||
			    hk_json_parse(&doc, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) < 0 ||
			    hk_json_type_of(doc) != HK_JSON_OBJECT)
				report(v, "runs/%s: not a run record (%s)", git_tree_entry_name(e), hk_error_last());
			hk_json_free(doc);
			git_blob_free(b);
		}
	}
	git_tree_free(runs);
	git_tree_entry_free(te);
	return 0;
}

int hk_ledger_verify(hk_ledger *l, FILE *out, size_t *nviolations)
{
	struct vctx v = {l, out, 0, NULL, NULL};
	git_commit *head = NULL;
	git_tree *root = NULL;
	hk_roles *roles = NULL;
	git_oid verified;
	int err;

	*nviolations = 0;
	if ((err = hk_ledger_head(&head, l)) < 0)
		return err;
	if (!head)
		return 0;
	if (git_reference_name_to_id(&verified, l->repo, VERIFIED_REF) == 0 &&
	    !git_oid_equal(&verified, git_commit_id(head)) &&
	    git_graph_descendant_of(l->repo, git_commit_id(head), &verified) != 1) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &verified);
		report(&v, "history was rewritten: commit %.12s, verified here before, is no longer in the history of %s",
		       hex, HK_LEDGER_REF);
	}
	if ((err = check_history(&v)) < 0 || git_commit_tree(&root, head) < 0)
		goto done;
	if (hk_ledger_read_roles(&roles, l, root) < 0) {
		report(&v, "%s", hk_error_last());
		roles = hk_roles_new();
	}
	hk_roles_check(roles, on_bad_role, &v);
	v.roles = roles;
	if ((err = hk_ledger_each_finding(l, root, check_finding, &v)) < 0 || (err = check_runs(&v, root)) < 0)
		goto done;
	if (v.n == 0) {
		git_reference *ref = NULL;
		git_reference_create(&ref, l->repo, VERIFIED_REF, git_commit_id(head), 1, "huikan ledger verify");
		git_reference_free(ref);
	}
done:
	*nviolations = v.n;
	hk_roles_free(roles);
	git_tree_free(root);
	git_commit_free(head);
	return err;
}
