/*
 * ledger_tree.h - writing git objects into a ledger (loose, or one pack for
 * big runs) and building trees: a base tree plus added paths, and the union of
 * two offices' trees. Below ledger_commit.h, above ledger.h (the handle).
 */
#ifndef HK_LEDGER_TREE_H
#define HK_LEDGER_TREE_H

#include "ledger/ledger.h"

#include <git2.h>
#include <stddef.h>

/* Writes git objects, either loose (small changes) or collected into one pack
 * that hk_ledger_tree_objw_finish hands to libgit2's indexer (runs with many findings). */
typedef struct hk_objw hk_objw;
int hk_ledger_tree_objw_new(hk_objw **out, hk_ledger *l, int pack);
int hk_ledger_tree_objw_write(hk_objw *w, git_oid *out, const void *data, size_t len, git_object_t type);
/* Makes the objects durable in the repository (pack mode); no-op for loose. */
int hk_ledger_tree_objw_finish(hk_objw *w);
void hk_ledger_tree_objw_free(hk_objw *w);

/* A path to add to a tree and the object it names. */
struct hk_tree_add {
	char *path;
	git_oid oid;
};

/* Builds the tree `base` (NULL = empty) plus the sorted, duplicate-free list of
 * additions and writes the new trees with w. An addition whose path exists
 * with other content, or that crosses a file, is an HK_ECONFLICT error (the
 * ledger is append-only). */
int hk_ledger_tree_add(git_oid *out, hk_ledger *l, hk_objw *w, const git_tree *base, struct hk_tree_add *adds,
		       size_t nadds);

/* Builds the union of trees a and b: entries of both; where a path holds
 * different files on the two sides, finding.json takes the one recorded with
 * the finding's first found event (hk_ledger_pick_finding: both offices
 * choose the same, and blob ids never decide), anything else is an HK_ECONFLICT
 * error naming the path (events are content-addressed, so it means tampering). */
int hk_ledger_tree_union(git_oid *out, hk_ledger *l, hk_objw *w, const git_tree *a, const git_tree *b);

#endif
