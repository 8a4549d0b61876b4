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
 *
 * This header is the handle and the reading side; writing is layered one way
 * on top of it: ledger_tree.h (objects, trees) < ledger_commit.h (a change and
 * its commit) < ledger_init.h (founding a ledger), ledger_run.h, ledger_sync.h.
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
	int progress; /* draw progress lines on stderr in long operations (set by the command) */
	int sign_required; /* ledger.json says "signed": 1 yes, 0 no, -1 not read yet (ledger_sign.h) */
	char *sign_key;    /* the key commits are signed with, NULL: unsigned (ledger_sign.h) */
	char *sign_pub;    /* its public key "ssh-ed25519 AAAA..." */
} hk_ledger;

/* Initializes libgit2 for the ledger, once per process (hk_ledger_open and
 * hk_ledger_init call it). */
void hk_ledger_lib_init(void);

/* Opens the ledger in dir, or $HUIKAN_LEDGER when dir is NULL. Checks it is a
 * bare huikan ledger (or an empty bare repository made by `git clone --bare` of
 * one). Free with hk_ledger_free. */
int hk_ledger_open(hk_ledger **out, const char *dir);

void hk_ledger_free(hk_ledger *l);

/* Copies libgit2's last error into hk_error as "<what>: <git message>" and
 * returns HK_EINTERNAL (HK_ENOTFOUND for GIT_ENOTFOUND). `what` (what was
 * being done, or a path) is looked up in the catalogue (a literal is
 * extracted by `make po`), and under Chinese libgit2's message is quoted
 * after it: "读取提交树（git 报告：...）". */
int hk_ledger_git_error(int gitcode, const char *what);

/* Resolves the acting person: `as` when given, else $HUIKAN_USER, else git
 * config user.name/user.email. Checks the form "Name <email>" and the
 * length (less than HK_FSTATE_TEXT bytes, as a role holder). *out is
 * malloc'd. Returns 0 or HK_EINPUT saying how to name oneself. */
int hk_ledger_identity(char **out, hk_ledger *l, const char *as);

/* 1 when s is of the form "Name <email>" (what hk_ledger_identity takes),
 * else 0: for a command that takes an identity in an option of its own. */
int hk_ledger_identity_ok(const char *s);

/* The commit refs/heads/main points to, or *out NULL for an empty ledger. */
int hk_ledger_head(git_commit **out, hk_ledger *l);

/* The ledger's settings: ledger.json of the head tree, parsed into *out
 * (free with hk_json_free), or *out NULL for an empty ledger. Returns 0, or
 * HK_EINPUT when the head has no ledger.json or it is not JSON. */
struct hk_json;
int hk_ledger_config(struct hk_json **out, hk_ledger *l);

/* The one trailer parser of the ledger: the value of the last trailer
 * "Huikan-<key>: <value>" in the message of commit c (c may be NULL), as git
 * reads trailers (git_message_trailers: the last paragraph). Sets out to the
 * value and returns 1, or empties out and returns 0 when there is none, or a
 * negative code. */
int hk_ledger_trailer(hk_buf *out, const git_commit *c, const char *key);

/* The Lamport clock in a commit's Huikan-Lamport trailer (0 when none or
 * unreadable). */
unsigned long long hk_ledger_commit_lamport(const git_commit *c);

/* Appends "findings/<aa>/<bb>/<id>" for a finding id. */
int hk_ledger_finding_dir(hk_buf *out, const char *id);

/* ---- reading ---- */

/* A finding as recorded: finding.json's fields and its events in replay order. */
struct hk_ledger_finding {
	char *id, *rule, *entity, *category, *severity, *message;
	char *message_en; /* the English rendering, "" when the rule gave none */
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

/* Loads the role events under roles/ of `root` (NULL: empty roles). A file
 * there that is no valid role event is skipped (`ledger verify` reports it). */
int hk_ledger_read_roles(hk_roles **out, hk_ledger *l, const git_tree *root);

/* A run as recorded in runs/<id>.json (docs/ledger.md). */
struct hk_ledger_run {
	char *id, *time, *as_of, *pack, *version; /* "" when the record lacks them */
	unsigned long long lamport;
	long produced; /* counts.produced: findings the run gave */
};

/* Reads the run records under runs/ of `root` (NULL: none) into a malloc'd
 * array, in the order they were recorded (Lamport clock, then time). A record
 * that does not parse is left out (`ledger verify` reports it). Free with
 * hk_ledger_runs_free. Returns 0 or a negative code. */
int hk_ledger_runs(struct hk_ledger_run **out, size_t *n, hk_ledger *l, const git_tree *root);

void hk_ledger_runs_free(struct hk_ledger_run *v, size_t n);

/* Finds the commit that recorded run `id` (its Huikan-Run trailer), newest
 * first from the head. Free *out with git_commit_free. Returns 0, or
 * HK_ENOTFOUND naming the run, or another negative code. */
int hk_ledger_find_run(git_commit **out, hk_ledger *l, const char *id);

/* Sorts events in replay order (lamport, office, hash). */
void hk_ledger_events_sort(struct hk_event *ev, size_t n);

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
int hk_ledger_diff_trees(hk_ledger *l, const git_tree *a, const git_tree *b, hk_tree_diff_fn fn, void *ctx);

#endif
