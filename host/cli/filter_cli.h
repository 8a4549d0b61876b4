/*
 * filter_cli.h - the filters over a ledger's findings that `findings`, `stats`
 * and the bulk steps (assign, waive, reopen, close by filter) share: --rule,
 * --village, --town, --status, --unit, --overdue, read and checked in one
 * place. Values are checked against what the ledger knows: an unknown status,
 * unit, village or town is a usage error listing the known ones; villages and
 * towns are codes (or prefixes of codes) or names, resolved through the
 * registry given with --db. Also the short finding ids (a unique prefix of at
 * least 6 hex digits).
 */
#ifndef HK_FILTER_CLI_H
#define HK_FILTER_CLI_H

#include "base/buf.h"
#include "base/finding.h"
#include "ledger/index.h"

/* A finding is ready to close (待销号) when it is submitted or absent and the
 * last run in scope did not reproduce it: SQL over the index's findings. */
#define HK_FILTER_SQL_READY "(status IN ('submitted','absent') AND present = 0)"

/* The least hex digits of a short finding id. */
#define HK_FILTER_MIN_PREFIX 6

struct hk_filter {
	const char *status, *unit, *rule, *village, *town, *db; /* the options, NULL when not given */
	int overdue;
	/* filled by hk_filter_where: */
	char *owned[8]; /* copies the bound values point into */
	const char *binds[300]; /* bound as ?2, ?3, ... (?1 is the day) */
	int nbinds;
};

/* The options of a filter, for an hk_opt table (unit_opt: "--unit", or
 * another name where the command uses --unit for something else). */
#define HK_FILTER_OPTS(f, unit_opt)                                                                            \
	{"--status", HK_OPT_VALUE, &(f)->status}, {unit_opt, HK_OPT_VALUE, &(f)->unit},                      \
		{"--rule", HK_OPT_VALUE, &(f)->rule}, {"--village", HK_OPT_VALUE, &(f)->village},          \
		{"--town", HK_OPT_VALUE, &(f)->town}, {"--overdue", HK_OPT_FLAG, &(f)->overdue},           \
		{"--db", HK_OPT_VALUE, &(f)->db}

/* The usage lines of the options, for a command's --help. */
#define HK_FILTER_USAGE                                                                                          \
	N_("  --status   open, assigned, submitted, absent, closed, waived, reappeared, or\n"                         \
	"             'active' (anything not closed or waived), 'ready' (待销号: submitted or\n"                   \
	"             absent and not reproduced by the last run); a comma-separated list\n"                        \
	"  --overdue  assigned findings whose due date is before today (or --as-of)\n"                             \
	"  --rule     rule ids or globs (* and ?), comma-separated (precision.*,funds.benford)\n"                  \
	"  --village  a village code, any prefix of one, or a village name (names need --db)\n"                    \
	"  --town     a town code or a town name (names need --db)\n"                                              \
	"  --db FILE  the registry, for names of towns and villages\n")

/* True when any filter option was given. */
int hk_filter_given(const struct hk_filter *f);

/* Appends " AND ..." conditions over the index's findings table to sql for
 * the filter, the values bound in f->binds as ?2... (the caller binds the day
 * as ?1). Checks each value against the ledger (index and roles): an unknown
 * status, unit, village or town is a usage error for cmd listing the known
 * ones. Returns 0, or an exit code after printing the error. Free with
 * hk_filter_clear. */
int hk_filter_where(hk_buf *sql, const char *cmd, struct hk_filter *f, hk_index *ix, hk_ledger *l);

void hk_filter_clear(struct hk_filter *f);

/* Binds ?1 = day and f's values to st. */
void hk_filter_bind(sqlite3_stmt *st, const struct hk_filter *f, const char *day);

/* Resolves a finding id given on the command line: a whole id (F- and 12 hex
 * digits) as is, or a unique prefix of at least HK_FILTER_MIN_PREFIX hex digits
 * (with or without "F-") found in the index (ix may be NULL: then only whole
 * ids). Returns 0 with out set, or an exit code after printing the error
 * (ambiguous: the candidates; unknown; malformed). */
int hk_filter_resolve_id(char out[HK_FINDING_ID_LEN + 1], const char *cmd, hk_index *ix, const char *arg);

/* Loads the names of the towns and villages of the registry at path, for
 * show/findings/stats labels: returns an SQLite statement that maps ?1 (a
 * code) to a name, or NULL (path NULL, or unreadable: the error printed when
 * complain). Finalize with hk_filter_names_free. */
struct hk_place_names;
struct hk_place_names *hk_filter_names_open(const char *cmd, const char *path, int *rc);
const char *hk_filter_place_name(struct hk_place_names *n, const char *code);
void hk_filter_names_free(struct hk_place_names *n);

#endif
