/*
 * place.h - where a finding is: the village of its entity, looked up in the
 * registry, so that the ledger, `huikan stats` and the reports can count
 * findings by town and village whatever evidence a rule chose to give.
 */
#ifndef HK_PLACE_H
#define HK_PLACE_H

#include "base/finding.h"

#include <sqlite3.h>
#include <stddef.h>

/* Sets f[i].village for each finding whose village is unset and can be found
 * from its entity key (docs/registry.md):
 *   village:<code>  the code itself
 *   household:<id>  households.village_code
 *   person:<id no>  the village of a household the person is a member of (the
 *                   smallest code when several)
 *   project:<id>    projects.village_code
 *   cadre:<id>      the village of a household the cadre is paired with (the
 *                   smallest code when several): in a db of several
 *                   counties, the cadre's county
 *   loan:<id>       the village of the loan's household
 *   payment:<id>    the village of its payee when the payee is a household or
 *                   a person, else of its project
 * Other kinds (town, fund, account) and unknown keys stay NULL; only a
 * 12-digit code is kept. `db` is a registry connection (read-only is enough).
 * Returns 0, or HK_EINTERNAL when a statement fails (message set). */
int hk_place_resolve(sqlite3 *db, struct hk_finding *f, size_t n);

/* As hk_place_resolve, on the registry file at `db_path` opened read-only for
 * the call. Returns 0, or the error of opening it or of the lookups. */
int hk_place_resolve_file(const char *db_path, struct hk_finding *f, size_t n);

/* Calls fn(ctx, code, name, level) for every county, town and village (table
 * regions, level "county", "town" or "village") of the registry at path, after checking that it
 * is a registry of this schema version. Returns 0, fn's first non-zero
 * return, or a negative code with a message starting "--db" and naming the
 * file. */
int hk_place_names_each(const char *path,
			int (*fn)(void *ctx, const char *code, const char *name, const char *level), void *ctx);

#endif
