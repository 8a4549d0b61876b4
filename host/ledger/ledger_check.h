/*
 * ledger_check.h - the checks of a ledger's history, shared by `ledger
 * verify` (every commit) and `ledger sync` (the commits a remote would bring,
 * before anything of it is merged).
 *
 * Two parts:
 * - hk_ledger_check_commits walks commits (oldest first) and calls a list of
 *   per-commit hooks on each (ledger_check_walk.c): its clock, its paths and the
 *   contents it adds (ledger_check_tree.c), append-only and what a merge
 *   takes, and the commit's signature (the hook of ledger_check_walk.c named
 *   "signature").
 * - hk_ledger_check_state replays the findings and roles of one tree (all of
 *   them, or those the walked commits touched).
 * Violations are written as lines to the context's stream and counted; they
 * are never errors: functions fail only when the ledger cannot be read.
 */
#ifndef HK_LEDGER_CHECK_H
#define HK_LEDGER_CHECK_H

#include "ledger/ledger.h"

#include <stdio.h>

/* A commit being checked: its tree and its parents' trees. */
struct hk_check_commit {
	git_commit *commit;
	git_tree *tree;
	git_commit **parents; /* nparents of them, with their trees */
	git_tree **ptrees;
	unsigned nparents;
	unsigned long long lamport; /* its Huikan-Lamport trailer */
	char id[16];                /* its id, 12 hex digits */
};

typedef struct hk_check {
	hk_ledger *l;
	FILE *out;          /* one line per violation */
	const char *prefix; /* written before each line ("" for none) */
	size_t n;           /* violations so far */
	char first[512];    /* the first violation, for a refusal message */
	/* what the walked commits touched (for hk_ledger_check_state) */
	char **touched;     /* finding ids, sorted by hk_ledger_check_state */
	size_t ntouched, captouched;
	int roles_changed;
	/* paths already reported, so that the state pass does not repeat them */
	char **reported;
	size_t nreported, capreported;
	/* internal: the roles of the commit being checked, by roles/ tree id */
	hk_roles *croles;
	git_oid croles_tree;
	int croles_state; /* 0 none read, 1 read, -1 unreadable */
	/* internal: the signature hook (ledger_sigcheck.c) */
	git_oid signed_json; /* ledger.json's blob id last judged */
	int signed_state;    /* 0 not judged, 1 signed ledger, -1 unsigned */
	char signer[HK_FSTATE_TEXT]; /* the owner of the key that validly signed the commit
				      * being checked, "" when none (unsigned ledger or bad
				      * signature, reported): its events must name this actor */
} hk_check;

/* Initializes v to write violation lines, each after `prefix`, to out. */
void hk_check_init(hk_check *v, hk_ledger *l, FILE *out, const char *prefix);
void hk_check_clear(hk_check *v);

/* Writes and counts one violation line. Text from the ledger in it is made
 * visible (no control character reaches the terminal). */
void hk_check_report(hk_check *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Notes that `path` was reported (the state pass skips problems of it);
 * 1 when it was already. */
int hk_check_reported(hk_check *v, const char *path, int add);

/* Notes that finding `id` was touched by a walked commit. */
int hk_check_touch(hk_check *v, const char *id);

/* Runs every per-commit hook on each commit reachable from `tip` and not from
 * `hide` (NULL: all), oldest first; adds the number of commits walked to
 * *walked when not NULL. Returns 0 (whatever was found) or a negative code
 * when the history cannot be read.
 *
 * The walk may start anywhere (`ledger sync` walks only what a remote brings,
 * `ledger verify` only what came after the verified head): a hook judges one
 * commit from the commit, its tree and its parents' trees; state that depends
 * on the history before it (the roles in force: hk_check_commit_roles) is
 * read from those trees, never carried from commit to commit of the walk. */
int hk_ledger_check_commits(hk_check *v, const git_oid *tip, const git_oid *hide, size_t *walked);

/* Replays the roles of `root` and the findings of it (all when `all`, else
 * those touched by the walked commits, and all when they changed roles/):
 * illegal transitions and actions, broken event chains, back-dating, evidence
 * missing or of another size, unparsable run records. Returns 0 or a
 * negative code when the tree cannot be read. */
int hk_ledger_check_state(hk_check *v, const git_tree *root, int all);

/* The per-commit hook of ledger_check_tree.c: the layout of every entry the
 * commit adds (names, kinds, modes: no unknown file, no symbolic link, no
 * ".git", "..", newline, ...) and the contents it adds: events that parse
 * and hash to their names, evidence that hashes to its name, finding.json
 * written only by a run of someone allowed to run, nothing new in a merge. */
int hk_check_hook_tree(hk_check *v, const struct hk_check_commit *c);

/* The per-commit hook of ledger_sigcheck.c, run before the tree hook: in a
 * signed ledger (ledger.json "signed": true) the commit carries a valid
 * SSH signature (gpgsig, namespace git) by a key bound, at that point of the
 * history (role events of lamport < the commit's, or <= for the founding
 * commit), to the person its Huikan-Actor trailer names; sets v->signer to
 * that person so that the tree hook checks that each event the commit adds
 * names them as actor, and that role changes are an admin's. */
int hk_ledger_commit_check_signature(hk_check *v, const struct hk_check_commit *c);

/* The roles in force for commit c (read from its tree, cached), or NULL when
 * its roles/ cannot be read (reported by the tree hook). */
const hk_roles *hk_check_commit_roles(hk_check *v, const struct hk_check_commit *c);

/* The acting person of commit c (its Huikan-Actor trailer, else its author
 * as "Name <email>") into out. Returns 0 or a negative code. */
int hk_check_commit_actor(hk_buf *out, const git_commit *c);

#endif
