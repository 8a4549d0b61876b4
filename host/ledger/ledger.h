/*
 * ledger.h - the findings ledger: a bare git repository, written with libgit2,
 * that stock git reads.
 *
 * Layout of the tree (docs/ledger.md):
 *   ledger.json                                   format and founding office
 *   roles/<lamport>-<office>-<hash>.json          role events (roles.h)
 *   runs/<run-id>.json                            one record per run
 *   findings/<aa>/<bb>/<id>/finding.json          what was found (rule, entity, message, evidence)
 *   findings/<aa>/<bb>/<id>/events/<event>.json   its events (event.h)
 *   evidence/<sha256[0:2]>/<sha256>               evidence files, content-addressed
 * Every change is one commit on refs/heads/main whose message ends in trailers
 * (Huikan-Lamport, Huikan-Office, Huikan-Event, Huikan-Finding, ...). Paths are
 * only ever added, never changed or removed, so that two offices' ledgers merge
 * as a union of files. The ref is moved with compare-and-swap: a concurrent
 * writer is detected and the change is rebuilt on top of its commit, never
 * overwritten.
 */
#ifndef HK_LEDGER_H
#define HK_LEDGER_H

#include "base/buf.h"
#include "ledger/event.h"
#include "base/finding.h"
#include "ledger/fstate.h"
#include "ledger/roles.h"

#include <git2.h>
#include <stddef.h>

#define HK_LEDGER_REF "refs/heads/main"
#define HK_LEDGER_FORMAT 1

typedef struct hk_ledger {
	git_repository *repo;
	char *path;   /* the directory as given */
	char *office; /* this copy's office: git config huikan.office, else ledger.json */
} hk_ledger;

/* Creates a bare ledger in dir (which must not exist or be empty) for `office`,
 * with `admin` ("Name <email>") as its first admin, and opens it. Returns 0 or a
 * negative HK_E* code; *out is NULL on failure. */
int hk_ledger_init(hk_ledger **out, const char *dir, const char *office, const char *admin);

/* Opens the ledger in dir, or $HUIKAN_LEDGER when dir is NULL. Checks it is a
 * bare huikan ledger (or an empty bare repository made by `git clone --bare` of
 * one). Free with hk_ledger_free. */
int hk_ledger_open(hk_ledger **out, const char *dir);

void hk_ledger_free(hk_ledger *l);

/* Copies libgit2's last error into hk_error as "<what>: <git message>" and
 * returns HK_EINTERNAL (HK_ENOTFOUND for GIT_ENOTFOUND). */
int hk_ledger_git_error(int gitcode, const char *what);

/* Resolves the acting person: `as` when given, else $HUIKAN_USER, else git
 * config user.name/user.email. Checks the form "Name <email>". *out is
 * malloc'd. Returns 0 or HK_EINPUT saying how to name oneself. */
int hk_ledger_identity(char **out, hk_ledger *l, const char *as);

/* A git signature for actor "Name <email>" at `when` (YYYY-MM-DDTHH:MM:SSZ). */
int hk_ledger_signature(git_signature **out, const char *actor, const char *when);

/* The commit refs/heads/main points to, or *out NULL for an empty ledger. */
int hk_ledger_head(git_commit **out, hk_ledger *l);

/* The Lamport clock in a commit's Huikan-Lamport trailer (0 when none). */
unsigned long long hk_ledger_commit_lamport(const git_commit *c);

/* Appends "findings/<aa>/<bb>/<id>" for a finding id. */
int hk_ledger_finding_dir(hk_buf *out, const char *id);

/* ---- writing objects ---- */

/* Writes git objects, either loose (small changes) or collected into one pack
 * that hk_objw_finish hands to libgit2's indexer (runs with many findings). */
typedef struct hk_objw hk_objw;
int hk_objw_new(hk_objw **out, hk_ledger *l, int pack);
int hk_objw_write(hk_objw *w, git_oid *out, const void *data, size_t len, git_object_t type);
/* Makes the objects durable in the repository (pack mode); no-op for loose. */
int hk_objw_finish(hk_objw *w);
void hk_objw_free(hk_objw *w);

/* ---- building a change ---- */

struct hk_tree_add {
	char *path;
	git_oid oid;
};

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
int hk_change_put(struct hk_change *c, const char *path, const void *data, size_t len);

/* Adds an already written object at path. */
int hk_change_put_oid(struct hk_change *c, const char *path, const git_oid *oid);

/* Fills e's lamport, office, actor and time from the change, writes it under
 * `dir`/ (e.g. "findings/ab/cd/F-.../events" or "roles") and copies its hash into
 * e->hash. Returns 0 or a negative code. */
int hk_change_put_event(struct hk_change *c, const char *dir, struct hk_event *e);

/* Appends a trailer line "Huikan-<key>: <value>". */
int hk_change_trailer(struct hk_change *c, const char *key, const char *fmt, ...)
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

/* Builds the tree `base` (NULL = empty) plus the sorted, duplicate-free list of
 * additions and writes the new trees with w. An addition whose path exists
 * with other content, or that crosses a file, is an HK_ECONFLICT error (the
 * ledger is append-only). */
int hk_ledger_tree_add(git_oid *out, hk_ledger *l, hk_objw *w, const git_tree *base, struct hk_tree_add *adds,
		       size_t nadds);

/* Builds the union of trees a and b: entries of both; where a path holds
 * different files on the two sides, finding.json takes the file with the
 * smaller id (both offices choose the same), anything else is an HK_ECONFLICT
 * error naming the path (events are content-addressed, so it means tampering). */
int hk_ledger_tree_union(git_oid *out, hk_ledger *l, hk_objw *w, const git_tree *a, const git_tree *b);

/* ---- reading ---- */

/* A finding as recorded: finding.json's fields and its events in replay order. */
struct hk_ledger_finding {
	char *id, *rule, *entity, *category, *severity, *message;
	char *village, *town;
	char *run, *found_at; /* of its first found event; NULL when none */
	char *json;           /* finding.json as stored */
	struct hk_event *events;
	size_t nevents;
	char **problems; /* unparsable or misplaced files, "<path>: <what>" */
	size_t nproblems;
};

/* Opens the directory at `path` (e.g. "runs", "findings/ab/cd/F-...") of the
 * tree `root`. Returns 0 with *out set (free with git_tree_free); 0 with *out
 * NULL when root is NULL or has nothing at path; a negative code, with the
 * message "reading PATH/: ...", when the entry is there but is not a readable
 * tree. */
int hk_ledger_subtree(git_tree **out, hk_ledger *l, const git_tree *root, const char *path);

/* Reads finding `id` from the tree `root`. Returns 0 or HK_ENOTFOUND when the
 * ledger has no such finding; files that do not parse are listed in
 * problems, not fatal. */
int hk_ledger_read_finding(struct hk_ledger_finding *out, hk_ledger *l, const git_tree *root, const char *id);

/* Same from the tree of the finding's directory. */
int hk_ledger_read_finding_tree(struct hk_ledger_finding *out, hk_ledger *l, const git_tree *dir, const char *id);

void hk_ledger_finding_clear(struct hk_ledger_finding *f);

/* Replays f's events into s (hk_replay_step). Calls bad(ctx, e, why) for each
 * event not applied, illegal or superseded by a concurrent one (why says
 * which), when bad is not NULL. */
void hk_ledger_finding_replay(const struct hk_ledger_finding *f, const hk_roles *roles, struct hk_fstate *s,
			      void (*bad)(void *ctx, const struct hk_event *e, const char *why), void *ctx);

/* Calls fn(ctx, dir, id) for every finding directory under findings/ of root,
 * in id order. Stops at and returns fn's first non-zero return. */
int hk_ledger_each_finding(hk_ledger *l, const git_tree *root,
			   int (*fn)(void *ctx, const git_tree *dir, const char *id), void *ctx);

/* Loads the role events under roles/ of `root` (NULL: empty roles). */
int hk_ledger_read_roles(hk_roles **out, hk_ledger *l, const git_tree *root);

/* Sorts events in replay order (lamport, office, hash). */
void hk_events_sort(struct hk_event *ev, size_t n);

/* Extracts the village code (12 digits) of a finding from its entity
 * ("village:<code>") or its parsed evidence object (members village_code,
 * village, town_code; may be NULL); town is the village's first 9 digits, or
 * the entity's "town:<code>". Outputs are "" when unknown. */
struct hk_json;
void hk_ledger_place(char village[16], char town[16], const char *entity, const struct hk_json *evidence);

/* ---- comparing trees ---- */

/* Calls fn(ctx, path, old, new) for every file that differs between trees a
 * and b (either may be NULL): old NULL = added, new NULL = removed, both =
 * changed. Descends only into subtrees whose ids differ. A non-zero return
 * from fn stops the walk and is returned. */
typedef int (*hk_tree_diff_fn)(void *ctx, const char *path, const git_oid *old, const git_oid *new_);
int hk_ledger_tree_diff(hk_ledger *l, const git_tree *a, const git_tree *b, hk_tree_diff_fn fn, void *ctx);

#endif
