/*
 * fstate.h - the life of one finding: its status and the legal transitions
 * between statuses, applied by replaying its events in (lamport, office, hash)
 * order.
 *
 *   event       from                                   to
 *   found       (none)                                 open
 *   absent      open assigned reappeared               absent   (run: not produced;
 *               a submitted finding stays submitted, awaiting verification)
 *   reappeared  absent closed                          reappeared (a relapse)
 *   assigned    open reappeared assigned absent        assigned (officer; unit known)
 *   submitted   assigned absent                        submitted
 *   closed      submitted absent                       closed   (officer; not the
 *               submitter; not while a run still reproduces it)
 *   rejected    submitted                              assigned (officer, inspector)
 *   waived      open assigned submitted absent reappeared  waived (officer)
 *   reopened    closed waived                          assigned (to its unit) or
 *               open; absent when the last run did not reproduce it (officer, inspector)
 *
 * Run events are idempotent (two offices running the same pack agree): found on
 * a known finding, absent when not present and reappeared when present change
 * nothing. An illegal event is flagged and does not change the state.
 */
#ifndef HK_FSTATE_H
#define HK_FSTATE_H

#include "ledger/event.h"
#include "ledger/roles.h"

enum hk_fstatus {
	HK_FS_NONE = 0,
	HK_FS_OPEN,
	HK_FS_ASSIGNED,
	HK_FS_SUBMITTED,
	HK_FS_ABSENT,
	HK_FS_CLOSED,
	HK_FS_WAIVED,
	HK_FS_REAPPEARED,
	HK_FS_NSTATUS
};

#define HK_FSTATE_TEXT 256

struct hk_fstate {
	enum hk_fstatus status;
	int present;  /* the last run in scope produced it */
	int relapses; /* reappeared events */
	int flagged;  /* events not applied: illegal, or superseded (replay.h) */
	int superseded; /* of those, the ones a concurrent event superseded */
	int steps;    /* legal workflow events (assigned ... reopened): their legality depends on roles */
	char unit[HK_FSTATE_TEXT], person[HK_FSTATE_TEXT], due[16];
	char submitter[HK_FSTATE_TEXT]; /* actor of the last submission, "" if none */
	char first_seen[24], last_time[24], closed_at[24];
	char last_hash[HK_EVENT_HASH_LEN + 1];
	unsigned long long last_lamport;
};

/* "open", "assigned", ...; "none" for HK_FS_NONE. */
const char *hk_fstate_status_name(enum hk_fstatus s);

/* The status in words of the chosen language (待整改, 整改中, ...; in English
 * the code itself), for people; never for files or JSON. */
const char *hk_fstate_status_label(enum hk_fstatus s);

/* A workflow step's verb in the chosen language ("submit", 提交整改), for
 * people; the event's name for a type that is no step. */
const char *hk_fstate_verb_label(enum hk_event_type t);

/* The status named `name`, or HK_FS_NONE. */
enum hk_fstatus hk_fstate_status_parse(const char *name);

/* Whether the status still needs work (not closed or waived, and found). */
int hk_fstate_status_is_open(enum hk_fstatus s);

void hk_fstate_init(struct hk_fstate *s);

/* Checks whether e may follow state s given the roles (as of e's lamport).
 * Returns 0 when legal, 1 when not, with the reason in why[0..whysz). */
int hk_fstate_check(const struct hk_fstate *s, const struct hk_event *e, const hk_roles *roles, char *why,
		    size_t whysz);

/* Checks e and applies it when legal. Returns 0 when applied, 1 when flagged
 * (why filled, state unchanged but for `flagged`). */
int hk_fstate_step(struct hk_fstate *s, const struct hk_event *e, const hk_roles *roles, char *why,
		   size_t whysz);

#endif
