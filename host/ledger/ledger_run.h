/*
 * ledger_run.h - recording a run of an audit pack in the ledger: one commit
 * with the run record and an event for each finding whose state changed.
 */
#ifndef HK_LEDGER_RUN_H
#define HK_LEDGER_RUN_H

#include "base/finding.h"
#include "ledger/ledger.h"

#include <stddef.h>

struct hk_run_record {
	const char *pack;        /* pack name or path, e.g. "audits/poverty" */
	const char *version;     /* pack version, "" when none */
	const char *params_json; /* a JSON object of the parameters used, NULL = {} */
	const char *as_of;       /* audit date YYYY-MM-DD */
	const char *fingerprint; /* of the registry data, e.g. SHA-256 hex */
	const char *actor;       /* "Name <email>" of who ran it */
	int history;             /* record the run only: no finding changes state */
	/* Titles of the rules run, parallel to rules_run (NULL: none recorded):
	 * the rule's title (Chinese) and English title (an entry may be NULL).
	 * Recorded in the run record so that the ledger's views name each rule
	 * without the pack. */
	const char *const *titles;
	const char *const *titles_en;
	/* The counties the run covered, a JSON array of 6-digit codes; NULL: the
	 * counties of the villages of the findings given. A finding placed in
	 * another county is outside the run's scope: a county's run never makes
	 * another county's findings absent in a ledger they share (a city or
	 * province hub). Findings without a place are in every run's scope. */
	const char *counties;
};

struct hk_run_counts {
	size_t produced;   /* findings given */
	size_t found;      /* first seen: new finding + found event */
	size_t absent;     /* in scope, not produced, still open: absent event */
	size_t reappeared; /* produced again after absent or closed */
	size_t unchanged;  /* produced, nothing written */
	char run_id[96];
	char commit[GIT_OID_HEXSZ + 1];
};

/* Records a run: findings[0..n) are what the rules rules_run[0..nrules)
 * produced (their scope: findings of other rules are left alone). New
 * findings become found; findings in scope that are still open but were not
 * produced become absent; absent or closed ones produced again reappeared. One
 * commit holds runs/<run-id>.json and those events; unchanged findings write
 * nothing. Every finding's rule must be among rules_run, ids must match
 * hk_finding_id and be unique, evidence_json must be a JSON object (HK_EINPUT
 * naming the finding otherwise).
 * A run whose as_of is before that of a run already recorded (not as history)
 * with a rule in common is refused with HK_EINPUT: its older data would mark
 * findings absent or reappeared that are not. With run->history the run is
 * recorded as history only: runs/<run-id>.json ("history": true) and no
 * event, whatever its date. Fills *out. Returns 0 or a negative code. */
int hk_ledger_run_record(hk_ledger *l, const struct hk_run_record *run, const struct hk_finding *findings, size_t n,
			 const char *const *rules_run, size_t nrules, struct hk_run_counts *out);

#endif
