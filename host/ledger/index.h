/*
 * index.h - the SQLite index of a ledger: one row per finding with its current
 * state, for fast queries. A cache: it lives in the bare repository directory
 * (huikan-index.sqlite, which git ignores), is rebuilt from git when missing,
 * unreadable or of another ledger, and is brought up to date incrementally from
 * the diff between the last indexed commit and the head.
 */
#ifndef HK_INDEX_H
#define HK_INDEX_H

#include "ledger/fstate.h"
#include "ledger/ledger.h"

#include <sqlite3.h>

#define HK_INDEX_FILE "huikan-index.sqlite"

typedef struct hk_index hk_index;

/* Opens (creating when needed) the index of l and brings it up to date with
 * the head. Returns 0 or a negative code; free with hk_index_free. */
int hk_index_open(hk_index **out, hk_ledger *l);

/* Opens without bringing it up to date (for writers that update it themselves). */
int hk_index_open_raw(hk_index **out, hk_ledger *l);

void hk_index_free(hk_index *ix);

sqlite3 *hk_index_db(hk_index *ix);

/* Brings the index up to date with the head: incrementally from the last
 * indexed commit, or by a full rebuild. Returns 0 or a negative code. */
int hk_index_update(hk_index *ix);

/* Brings the index to `commit` (hex) after a writer committed it on `parent`
 * (hex) changing only the states of the findings ids[0..n) to states[0..n)
 * (a rectification step): when the index was at `parent`, writes those rows
 * and records `commit`, in one transaction, reading nothing from git; else
 * (another writer came between, or no index yet) hk_index_update. So the
 * first query after a step finds the index current. Returns 0 or a negative
 * code. */
int hk_index_apply_states(hk_index *ix, const char *parent, const char *commit,
			  const char (*ids)[HK_FINDING_ID_LEN + 1], const struct hk_fstate *states, size_t n);

/* Drops every row and reads the whole ledger again. */
int hk_index_rebuild(hk_index *ix);

/* The commit the index reflects (hex), "" when none. */
const char *hk_index_commit(hk_index *ix);

/* Writes (insert or replace) the row of finding f with state s. Call between
 * hk_index_begin and hk_index_end. */
int hk_index_put(hk_index *ix, const struct hk_ledger_finding *f, const struct hk_fstate *s);

/* Reads the stored state of finding id into s. Returns 0, HK_ENOTFOUND. */
int hk_index_get_state(hk_index *ix, const char *id, struct hk_fstate *s);

/* Updates only the state columns of finding id. */
int hk_index_put_state(hk_index *ix, const char *id, const struct hk_fstate *s);

/* The title of rule `rule` in language `lang` (a code of base/i18n.h,
 * hk_lang(): "zh" gives the Chinese title, another the English one when the
 * pack gave one, else the Chinese), as recorded by the latest run of that
 * rule (runs/<id>.json, member "titles"): the ledger's views name rules
 * without the pack. *out is malloc'd (free it), or NULL when no run recorded
 * a title for that rule. Returns 0 or a negative code. */
int hk_index_rule_title(char **out, hk_index *ix, const char *rule, const char *lang);

/* Records the rule titles of a run record (the JSON text of runs/<id>.json,
 * member "titles": {"<rule>": {"zh": ..., "en": ...}}): a rule's title is
 * the one of its latest run by Lamport clock. A record that does not parse
 * or has no titles changes nothing. Call between hk_index_begin and
 * hk_index_end. Returns 0 or a negative code. */
int hk_index_put_run(hk_index *ix, const char *json, size_t len);

/* A write transaction (BEGIN IMMEDIATE ... COMMIT). end with ok=0 rolls back.
 * hk_index_end with ok=1 also records `commit` (hex, may be NULL to keep) as
 * the indexed commit. */
int hk_index_begin(hk_index *ix);
int hk_index_end(hk_index *ix, int ok, const char *commit);

/* SQL conditions over the index's findings table, shared by `findings`,
 * `stats` and `report` so that their figures agree by construction. A finding
 * is open unless closed or waived; it is overdue when assigned and its due date
 * is before the date bound as ?1. */
#define HK_INDEX_SQL_OPEN "status NOT IN ('closed','waived')"
#define HK_INDEX_SQL_OVERDUE "(status = 'assigned' AND due < ?1)"

/* Days a finding is past its due date on the day bound as ?1. */
#define HK_INDEX_SQL_DAYS_OVERDUE "CAST(julianday(?1) - julianday(due) AS INTEGER)"

/* The figures of a group of findings (an aggregate column list): findings,
 * open, closed, waived, overdue, relapsed, closure_pct (closed / all, in %). */
#define HK_INDEX_SQL_FIGURES                                                                                      \
	"count(*) AS findings, sum(" HK_INDEX_SQL_OPEN ") AS open, sum(status = 'closed') AS closed,"                   \
	" sum(status = 'waived') AS waived, sum(" HK_INDEX_SQL_OVERDUE ") AS overdue, sum(relapses > 0) AS relapsed,"    \
	" round(100.0 * sum(status = 'closed') / count(*), 1) AS closure_pct"

/* SQL expressions over the findings table in the language of a reader: the
 * title of the finding's rule recorded by the runs (NULL when none), and the
 * message. Chinese (the domain's language, hk_lang() "zh") and English. */
/* A finding's county: the first 6 digits of its town's (else its village's)
 * code, '-' for a finding without a place; for a city or province hub whose
 * ledger holds many counties. */
#define HK_INDEX_SQL_COUNTY "coalesce(nullif(substr(coalesce(nullif(town, ''), village), 1, 6), ''), '-')"

#define HK_INDEX_SQL_TITLE_ZH "(SELECT t.title FROM rule_titles t WHERE t.rule = findings.rule)"
#define HK_INDEX_SQL_TITLE_EN "(SELECT coalesce(t.title_en, t.title) FROM rule_titles t WHERE t.rule = findings.rule)"
#define HK_INDEX_SQL_MESSAGE_ZH "message"
#define HK_INDEX_SQL_MESSAGE_EN "coalesce(nullif(message_en, ''), message)"

/* The aging of overdue findings: four columns days_0_30, days_31_60,
 * days_61_90, days_over_90, and the FROM clause they need (one row). */
#define HK_INDEX_SQL_AGING                                                                                        \
	"CAST(total(d BETWEEN 0 AND 30) AS INTEGER) AS days_0_30, CAST(total(d BETWEEN 31 AND 60) AS INTEGER) AS days_31_60," \
	" CAST(total(d BETWEEN 61 AND 90) AS INTEGER) AS days_61_90, CAST(total(d > 90) AS INTEGER) AS days_over_90"    \
	" FROM (SELECT " HK_INDEX_SQL_DAYS_OVERDUE " AS d FROM findings WHERE " HK_INDEX_SQL_OVERDUE ")"

/* The schema of the index (tables meta, findings and rule_titles). The report builds the
 * state after an earlier run in a memory db with it, so that the same queries
 * run on both. */
extern const char hk_index_schema[];

#endif
