/*
 * ledger_diff.c - comparing two trees file by file, skipping equal subtrees.
 */
#include "ledger/ledger.h"
#include "base/error.h"

#include <string.h>

static int walk(hk_ledger *l, const git_tree *a, const git_tree *b, hk_buf *path, hk_tree_diff_fn fn, void *ctx);

/* git's tree order: a tree's name compares as if it ended in '/'; entries of the
 * same name but different kinds compare equal here (handled as a change). */
static int entry_order(const git_tree_entry *x, const git_tree_entry *y)
{
	const char *a = git_tree_entry_name(x), *b = git_tree_entry_name(y);
	size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
	int c = memcmp(a, b, n);
	unsigned ca, cb;
	if (c || la == lb)
		return c;
	ca = la > n ? (unsigned char)a[n] : (git_tree_entry_type(x) == GIT_OBJECT_TREE ? '/' : 0);
	cb = lb > n ? (unsigned char)b[n] : (git_tree_entry_type(y) == GIT_OBJECT_TREE ? '/' : 0);
	return (int)ca - (int)cb;
}

/* Reports every file under tree `t` (a side that exists alone) as added or removed. */
static int one_side(hk_ledger *l, const git_tree_entry *e, int added, hk_buf *path, hk_tree_diff_fn fn, void *ctx)
{
	git_tree *t = NULL;
	int rc;
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
		return added ? fn(ctx, path->ptr, NULL, git_tree_entry_id(e)) : fn(ctx, path->ptr, git_tree_entry_id(e), NULL);
	if (git_tree_lookup(&t, l->repo, git_tree_entry_id(e)) < 0)
		return hk_ledger_git_error(0, path->ptr);
	rc = added ? walk(l, NULL, t, path, fn, ctx) : walk(l, t, NULL, path, fn, ctx);
	git_tree_free(t);
	return rc;
}

static int walk(hk_ledger *l, const git_tree *a, const git_tree *b, hk_buf *path, hk_tree_diff_fn fn, void *ctx)
{
	size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0, i = 0, j = 0;
	size_t base = path->len;
	int rc = 0;

	while (rc == 0 && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : entry_order(ea, eb);
		const git_tree_entry *e = c <= 0 ? ea : eb;
		path->len = base;
		if (hk_buf_printf(path, "%s%s", base ? "/" : "", git_tree_entry_name(e)) < 0)
			return HK_EINTERNAL;
		if (c < 0) {
			rc = one_side(l, ea, 0, path, fn, ctx);
			i++;
		} else if (c > 0) {
			rc = one_side(l, eb, 1, path, fn, ctx);
			j++;
		} else {
			int ta = git_tree_entry_type(ea) == GIT_OBJECT_TREE, tb = git_tree_entry_type(eb) == GIT_OBJECT_TREE;
			if (!git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) || ta != tb) {
				if (ta && tb) {
					git_tree *sa = NULL, *sb = NULL;
					if (git_tree_lookup(&sa, l->repo, git_tree_entry_id(ea)) < 0 ||
					    git_tree_lookup(&sb, l->repo, git_tree_entry_id(eb)) < 0)
						rc = hk_ledger_git_error(0, path->ptr);
					else
						rc = walk(l, sa, sb, path, fn, ctx);
					git_tree_free(sa);
					git_tree_free(sb);
				} else if (!ta && !tb) {
					rc = fn(ctx, path->ptr, git_tree_entry_id(ea), git_tree_entry_id(eb));
				} else {
					rc = one_side(l, ea, 0, path, fn, ctx);
					if (rc == 0)
						rc = one_side(l, eb, 1, path, fn, ctx);
				}
			}
			i++;
			j++;
		}
	}
	path->len = base;
	if (path->ptr)
		path->ptr[base] = '\0';
	return rc;
}

int hk_ledger_diff_trees(hk_ledger *l, const git_tree *a, const git_tree *b, hk_tree_diff_fn fn, void *ctx)
{
	hk_buf path = HK_BUF_INIT;
	int rc;
	if (hk_buf_puts(&path, "") < 0)
		return HK_EINTERNAL;
	rc = walk(l, a, b, &path, fn, ctx);
	hk_buf_free(&path);
	return rc;
}
