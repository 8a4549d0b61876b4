/*
 * ledger_check_walk.c - the walk over a ledger's commits and its per-commit
 * hooks: clock, paths and contents (ledger_check_tree.c), append-only and
 * merges, signature (see ledger_check.h).
 */
#include "ledger/ledger_check.h"
#include "ledger/ledger_pick.h"
#include "base/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The commit's signature (ledger_sigcheck.c): valid, by a key its actor
 * held at this point of the history. Runs before the tree hook, which then
 * checks the actor of every event the commit adds against the signer. */
static int hook_signature(hk_check *v, const struct hk_check_commit *c)
{
	return hk_ledger_commit_check_signature(v, c);
}

/* The per-commit hooks, in the order they run on each commit. */
static const struct {
	const char *name;
	int (*fn)(hk_check *v, const struct hk_check_commit *c);
} hooks[] = {
	{"clock", hook_clock},
	{"signature", hook_signature},
	{"paths and contents", hk_check_hook_tree},
	{"append-only", hook_append_only},
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

int hk_ledger_check_commits(hk_check *v, const git_oid *tip, const git_oid *hide, size_t *walked)
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
		if (walked)
			(*walked)++;
		if (rc < 0)
			err = rc;
		for (size_t h = 0; rc == 0 && !err && h < sizeof(hooks) / sizeof(hooks[0]); h++)
			err = hooks[h].fn(v, &c);
		commit_clear(&c);
	}
	git_revwalk_free(walk);
	return err;
}

