/*
 * ledger_pick.h - which finding.json a merge keeps when two offices recorded
 * the same finding from different data. Shared by the merge writer
 * (hk_ledger_tree_union) and `ledger verify` (a merge must keep that one).
 */
#ifndef HK_LEDGER_PICK_H
#define HK_LEDGER_PICK_H

#include "ledger/ledger.h"

/* Compares two versions of a finding's directory (finding.json and events/).
 * The finding.json kept is the one recorded with the finding's first found
 * event: each side's earliest found event in replay order (lamport, office,
 * hash) decides, a side with a found event beats one without, and only when
 * both are equal or missing (which no honest office writes) the bytes of the
 * two finding.json decide. The blob ids never decide, so padding a file
 * cannot make it win. Sets *b_wins to 1 when b's finding.json is kept, else 0.
 * Returns 0 or a negative code (an unreadable object). */
int hk_ledger_pick_finding(int *b_wins, hk_ledger *l, const git_tree *dir_a, const git_tree *dir_b);

#endif
