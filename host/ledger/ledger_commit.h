/*
 * ledger_commit.h - building a change to a ledger (paths added, message,
 * trailers) and committing it with a compare-and-swap move of refs/heads/main.
 * Above ledger_tree.h (objects and trees), below ledger_init.h and the writers
 * (runs, rectification steps, roles, sync).
 */
#ifndef HK_LEDGER_COMMIT_H
#define HK_LEDGER_COMMIT_H

#include "base/buf.h"
#include "ledger/event.h"
#include "ledger/ledger.h"
#include "ledger/ledger_tree.h"

#include <git2.h>
#include <stddef.h>

/* One change being built on top of `head` (NULL for the first commit). */
struct hk_change {
	hk_ledger *l;
	hk_objw *w;
	git_commit *head;
	git_tree *head_tree;            /* NULL when head is NULL */
	unsigned long long lamport;     /* of this change: head's + 1 */
	const char *actor;
	char time[21];
	struct hk_tree_add *adds;
	size_t nadds, capadds;
	hk_buf message;                 /* subject, body; trailers are appended */
	hk_buf trailers;
};

/* Writes data as a blob and adds it at path. Returns 0 or a negative code. */
int hk_ledger_commit_put(struct hk_change *c, const char *path, const void *data, size_t len);

/* Adds an already written object at path. */
int hk_ledger_commit_put_oid(struct hk_change *c, const char *path, const git_oid *oid);

/* Fills e's lamport, office, actor and time from the change, writes it under
 * `dir`/ (e.g. "findings/ab/cd/F-.../events" or "roles") and copies its hash into
 * e->hash. Returns 0 or a negative code. */
int hk_ledger_commit_put_event(struct hk_change *c, const char *dir, struct hk_event *e);

/* Appends a trailer line "Huikan-<key>: <value>". */
int hk_ledger_commit_trailer(struct hk_change *c, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Builds a change: called with a fresh hk_change on the current head; adds
 * paths and writes the message, or returns a negative code to give up (the
 * error is then returned by hk_ledger_commit). Called again when another
 * writer moved the head meanwhile. */
typedef int (*hk_change_fn)(void *ctx, struct hk_change *c);

/* Runs fn on the current head, commits its additions as `actor` and moves
 * refs/heads/main with compare-and-swap, retrying on a concurrent update and
 * clearing a lock left by a killed process. A change that adds nothing is not
 * committed unless `allow_empty`. Returns 0 (out = the new commit, or the head
 * when nothing was committed) or a negative HK_E* code. */
int hk_ledger_commit(hk_ledger *l, const char *actor, int pack, int allow_empty, hk_change_fn fn, void *ctx,
		     git_oid *out);

/* A git signature for actor "Name <email>" at `when` (YYYY-MM-DDTHH:MM:SSZ). */
int hk_ledger_commit_signature(git_signature **out, const char *actor, const char *when);

#endif
