/*
 * place.c - the village of a finding's entity, from the registry (place.h).
 */
#include "registry/place.h"
#include "base/error.h"
#include "registry/registry_ro.h"
#include "registry/schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct kind_sql {
	const char *prefix;
	const char *sql; /* one parameter: the key; one column: a village code */
};

#define MEMBER_VILLAGE \
	"SELECT min(h.village_code) FROM members m JOIN households h ON h.id = m.household_id" \
	" WHERE m.id_number = ?1"

static const struct kind_sql kinds[] = {
	{"household:", "SELECT village_code FROM households WHERE id = ?1"},
	{"person:", MEMBER_VILLAGE},
	{"project:", "SELECT village_code FROM projects WHERE id = ?1"},
	{"cadre:", "SELECT min(h.village_code) FROM pairings p JOIN households h ON h.id = p.household_id"
		   " WHERE p.cadre_id = ?1"},
	{"loan:", "SELECT h.village_code FROM loans l JOIN households h ON h.id = l.household_id WHERE l.id = ?1"},
	{"payment:",
	 "SELECT CASE p.payee_kind"
	 " WHEN 'household' THEN (SELECT village_code FROM households WHERE id = p.payee_id)"
	 " WHEN 'person' THEN (SELECT min(h.village_code) FROM members m JOIN households h"
	 "   ON h.id = m.household_id WHERE m.id_number = p.payee_id)"
	 " WHEN 'project' THEN (SELECT village_code FROM projects WHERE id = p.payee_id)"
	 " END FROM payments p WHERE p.id = ?1"},
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static int is_village_code(const unsigned char *s)
{
	size_t i;
	for (i = 0; s && i < 12; i++)
		if (!isdigit(s[i]))
			return 0;
	return s && s[12] == '\0';
}

static char *lookup(sqlite3_stmt *st, const char *key, int *err)
{
	const unsigned char *v;
	char *out = NULL;
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		v = sqlite3_column_text(st, 0);
		if (is_village_code(v) && !(out = strdup((const char *)v)))
			*err = hk_error_setc(HK_EINTERNAL, "out of memory");
	} else if (rc != SQLITE_DONE) {
		*err = hk_error_setc(HK_EINTERNAL, "looking up the village of '%s': %s", key,
				     sqlite3_errmsg(sqlite3_db_handle(st)));
	}
	sqlite3_reset(st);
	return out;
}

int hk_place_resolve(sqlite3 *db, struct hk_finding *f, size_t n)
{
	sqlite3_stmt *st[NKINDS] = {0};
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		const char *e = f[i].entity;
		if (f[i].village || !e)
			continue;
		if (strncmp(e, "village:", 8) == 0) {
			if (is_village_code((const unsigned char *)e + 8) && !(f[i].village = strdup(e + 8)))
				err = hk_error_setc(HK_EINTERNAL, "out of memory");
			continue;
		}
		for (size_t k = 0; k < NKINDS; k++) {
			size_t plen = strlen(kinds[k].prefix);
			if (strncmp(e, kinds[k].prefix, plen) != 0)
				continue;
			/* A registry without the table (an older or partial schema)
			 * simply has no places of that kind. */
			if (!st[k] && sqlite3_prepare_v2(db, kinds[k].sql, -1, &st[k], NULL) != SQLITE_OK)
				break;
			f[i].village = lookup(st[k], e + plen, &err);
			break;
		}
	}
	for (size_t k = 0; k < NKINDS; k++)
		sqlite3_finalize(st[k]);
	return err;
}

int hk_place_resolve_file(const char *db_path, struct hk_finding *f, size_t n)
{
	sqlite3 *db = NULL;
	int err = hk_registry_ro_open(&db, db_path);

	if (!err)
		err = hk_place_resolve(db, f, n);
	sqlite3_close(db);
	return err;
}

int hk_place_names_each(const char *path,
			int (*fn)(void *ctx, const char *code, const char *name, const char *level), void *ctx)
{
	static const char sql[] = "SELECT code, name, level FROM regions WHERE level IN ('county', 'town', 'village') ORDER BY code";
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc, err;
	/* a registry of this schema version, or one message saying what it is */
	if ((err = hk_registry_ro_open(&db, path)) < 0 || (err = hk_schema_check(db, path)) < 0) {
		hk_error_prefix("--db");
		goto done;
	}
	if ((err = hk_registry_ro_prepare(db, sql, sizeof(sql) - 1, &st)) < 0) {
		hk_error_prefix("--db %s", path);
		goto done;
	}
	while (err == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0), *n = (const char *)sqlite3_column_text(st, 1),
			   *l = (const char *)sqlite3_column_text(st, 2);
		err = fn(ctx, c ? c : "", n ? n : "", l ? l : "");
	}
	if (err == 0 && rc != SQLITE_DONE)
		err = hk_error_setc(HK_EINPUT, "--db %s: reading regions: %s", path, sqlite3_errmsg(db));
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return err;
}
