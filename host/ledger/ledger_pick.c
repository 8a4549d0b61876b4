/*
 * ledger_pick.c - which finding.json a merge keeps: the one recorded with
 * the finding's first found event (see ledger_pick.h).
 */
#include "ledger/ledger_pick.h"
#include "base/error.h"

#include <stdlib.h>
#include <string.h>

/* The earliest found event of the finding directory `dir` in replay order:
 * *have 0 when it has none. Events that do not parse are skipped (verify
 * reports them). */
static int first_found(int *have, unsigned long long *lamport, char **office, char hash[HK_EVENT_HASH_LEN + 1],
		       hk_ledger *l, const git_tree *dir)
{
	const git_tree_entry *te = git_tree_entry_byname(dir, "events");
	git_tree *evt = NULL;

	*have = 0;
	*office = NULL;
	if (!te || git_tree_entry_type(te) != GIT_OBJECT_TREE)
		return 0;
	if (git_tree_lookup(&evt, l->repo, git_tree_entry_id(te)) < 0)
		return hk_ledger_git_error(0, "reading a finding's events");
	for (size_t i = 0; i < git_tree_entrycount(evt); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(evt, i);
		git_blob *b = NULL;
		struct hk_event ev;
		memset(&ev, 0, sizeof(ev));
		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && git_blob_lookup(&b, l->repo, git_tree_entry_id(e)) == 0 &&
		    hk_event_parse(&ev, git_tree_entry_name(e), git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) == 0 &&
		    ev.type == HK_EV_FOUND) {
			int c = !*have ? -1
				: ev.lamport != *lamport ? (ev.lamport < *lamport ? -1 : 1)
				: strcmp(ev.office, *office) ? strcmp(ev.office, *office)
				: strcmp(ev.hash, hash);
			if (c < 0) {
				free(*office);
				*office = ev.office;
				ev.office = NULL;
				*lamport = ev.lamport;
				memcpy(hash, ev.hash, sizeof(ev.hash));
				*have = 1;
			}
		}
		hk_event_clear(&ev);
		git_blob_free(b);
	}
	git_tree_free(evt);
	return 0;
}

/* Compares the bytes of the two finding.json (the last resort). */
static int by_bytes(int *b_wins, hk_ledger *l, const git_tree *dir_a, const git_tree *dir_b)
{
	const git_tree_entry *ea = git_tree_entry_byname(dir_a, "finding.json");
	const git_tree_entry *eb = git_tree_entry_byname(dir_b, "finding.json");
	git_blob *ba = NULL, *bb = NULL;
	int err = 0;

	*b_wins = 0;
	if (!ea || !eb)
		*b_wins = !ea && eb;
	else if (git_blob_lookup(&ba, l->repo, git_tree_entry_id(ea)) < 0 || git_blob_lookup(&bb, l->repo, git_tree_entry_id(eb)) < 0)
		err = hk_ledger_git_error(0, "reading finding.json");
	else {
		size_t na = (size_t)git_blob_rawsize(ba), nb = (size_t)git_blob_rawsize(bb);
		int c = memcmp(git_blob_rawcontent(ba), git_blob_rawcontent(bb), na < nb ? na : nb);
		*b_wins = c > 0 || (c == 0 && na > nb);
	}
	git_blob_free(ba);
	git_blob_free(bb);
	return err;
}

int hk_ledger_pick_finding(int *b_wins, hk_ledger *l, const git_tree *dir_a, const git_tree *dir_b)
{
	unsigned long long la = 0, lb = 0;
	char *oa = NULL, *ob = NULL, ha[HK_EVENT_HASH_LEN + 1] = "", hb[HK_EVENT_HASH_LEN + 1] = "";
	int have_a, have_b, err, c = 0;

	*b_wins = 0;
	if ((err = first_found(&have_a, &la, &oa, ha, l, dir_a)) < 0 || (err = first_found(&have_b, &lb, &ob, hb, l, dir_b)) < 0)
		goto done;
	if (have_a != have_b)
		c = have_a ? -1 : 1;
	else if (have_a)
		c = la != lb ? (la < lb ? -1 : 1) : strcmp(oa, ob) ? strcmp(oa, ob) : strcmp(ha, hb);
	if (c)
		*b_wins = c > 0;
	else
		err = by_bytes(b_wins, l, dir_a, dir_b);
done:
	free(oa);
	free(ob);
	return err;
}
