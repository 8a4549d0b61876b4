/*
 * ledger_verify.c - `ledger verify`: runs every check of ledger_check.h on
 * the whole history and the head, and remembers what it verified.
 */
#include "ledger/ledger_verify.h"
#include "ledger/ledger_check.h"
#include "base/error.h"

#include <string.h>

#define VERIFIED_REF "refs/huikan/verified"
#define VERIFIED_KEY "huikan.verified" /* the same commit, in the repository's config */

/* What an earlier clean verify recorded: the ref, else the config key (the
 * ref was deleted). *have 0 when neither. */
static void verified_head(git_oid *out, int *have, int *ref_gone, hk_ledger *l)
{
	git_config *cfg = NULL;
	git_buf val = {0};
	*have = *ref_gone = 0;
	if (git_reference_name_to_id(out, l->repo, VERIFIED_REF) == 0) {
		*have = 1;
		return;
	}
	if (git_repository_config_snapshot(&cfg, l->repo) == 0 && git_config_get_string_buf(&val, cfg, VERIFIED_KEY) == 0 &&
	    git_oid_fromstr(out, val.ptr) == 0)
		*have = *ref_gone = 1;
	git_buf_dispose(&val);
	git_config_free(cfg);
}

/* Records `head` as verified: in the ref, and in the config where `git
 * update-ref -d` does not reach. Best effort: a read-only copy still verifies. */
static void remember(hk_ledger *l, const git_oid *head)
{
	git_reference *ref = NULL;
	git_config *cfg = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), head);
	git_reference_create(&ref, l->repo, VERIFIED_REF, head, 1, "huikan ledger verify");
	git_reference_free(ref);
	if (git_repository_config(&cfg, l->repo) == 0)
		git_config_set_string(cfg, VERIFIED_KEY, hex);
	git_config_free(cfg);
}

int hk_ledger_verify(hk_ledger *l, FILE *out, int full, size_t *nviolations, struct hk_verify_stats *st)
{
	hk_check v;
	git_commit *head = NULL;
	git_tree *root = NULL;
	git_oid verified;
	struct hk_verify_stats dummy;
	int err, have, ref_gone, from_verified = 0;

	*nviolations = 0;
	if (!st)
		st = &dummy;
	memset(st, 0, sizeof(*st));
	hk_check_init(&v, l, out, "");
	if ((err = hk_ledger_head(&head, l)) < 0)
		return err;
	if (!head)
		return 0;
	verified_head(&verified, &have, &ref_gone, l);
	if (ref_gone)
		hk_check_report(&v, "%s was deleted; %s in the config still names commit %.12s, verified here before",
				VERIFIED_REF, VERIFIED_KEY, git_oid_tostr_s(&verified));
	if (have && !git_oid_equal(&verified, git_commit_id(head)) &&
	    git_graph_descendant_of(l->repo, git_commit_id(head), &verified) != 1)
		hk_check_report(&v, "history was rewritten: commit %.12s, verified here before, is no longer in the history of %s",
				git_oid_tostr_s(&verified), HK_LEDGER_REF);
	else if (ref_gone) { /* reported once: the commit is still in the history */
		git_reference *ref = NULL;
		git_reference_create(&ref, l->repo, VERIFIED_REF, &verified, 1, "huikan ledger verify: restored");
		git_reference_free(ref);
	} else if (have && !full) {
		from_verified = 1; /* an ancestor of the head (or the head), verified clean */
	}
	st->incremental = from_verified;
	if (from_verified)
		git_oid_tostr(st->from, sizeof(st->from), &verified);
	if ((err = hk_ledger_check_commits(&v, git_commit_id(head), from_verified ? &verified : NULL, &st->commits)) < 0)
		goto done;
	if (git_commit_tree(&root, head) < 0) {
		err = hk_ledger_git_error(0, "reading the head tree");
		goto done;
	}
	if ((err = hk_ledger_check_state(&v, root, !from_verified)) < 0)
		goto done;
	if (v.n == 0)
		remember(l, git_commit_id(head));
done:
	*nviolations = v.n;
	hk_check_clear(&v);
	git_tree_free(root);
	git_commit_free(head);
	return err;
}
