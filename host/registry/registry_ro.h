/*
 * registry_ro.h - the registry database opened for rules: read-only.
 *
 * Layers: SQLITE_OPEN_READONLY; PRAGMA query_only; load_extension disabled;
 * defensive mode; no ATTACH (limit 0 and denied); an authorizer that allows
 * only reading (SELECT, READ, recursive CTEs, reading PRAGMAs, also as
 * table-valued functions like pragma_table_info('t'), the table-valued
 * json_each and json_tree, functions not on the deny list: load_extension,
 * readfile, writefile, edit, fts3_tokenizer, ...); a cap on string/blob
 * length so one SQL function cannot allocate
 * gigabytes. hk_registry_ro_prepare() also refuses more than one statement and any
 * statement that is not a read.
 */
#ifndef HK_REGISTRY_RO_H
#define HK_REGISTRY_RO_H

#include <stddef.h>
#include <sqlite3.h>

/* Largest string or blob a rule's SQL may build (SQLITE_LIMIT_LENGTH). */
#define HK_REGISTRY_MAX_LENGTH (64 << 20)

/* Opens the db file at `path` read-only with the authorizer installed. The
 * file must exist and be a SQLite database. Returns 0, HK_ENOTFOUND (no such
 * file), HK_EINPUT (not a database) or HK_EINTERNAL; close with sqlite3_close. */
int hk_registry_ro_open(sqlite3 **out, const char *path);

/* A registry file mapped whole into memory (hk_registry_ro_open_image). */
struct hk_registry_image {
	void *map;     /* the file, mapped shared and read-only, or NULL */
	size_t mapped; /* bytes mapped at map */
	size_t size;   /* bytes of the file */
	int fd;        /* the file, holding a reader's lock on it; -1 when none */
};

/* Like hk_registry_ro_open, but when the file has at most max bytes it is
 * mapped whole into img (shared, read-only) and the connection reads the
 * pages of that map (sqlite3_deserialize, read-only): processes forked
 * afterwards read them from the page cache with no copy, no page table
 * copied at fork and no descriptor of their own. While img is open it holds
 * a reader's lock on SQLite's lock bytes of the file, so no SQLite writer
 * changes it under the map (one that tries waits, or fails with "database is
 * locked"); a writer committing when it is opened is waited for up to 10 s,
 * then HK_EINPUT. A larger file is read from disk as hk_registry_ro_open
 * does (img->map stays NULL). Free img with hk_registry_image_free after
 * sqlite3_close of the connection. Returns as hk_registry_ro_open. */
int hk_registry_ro_open_image(sqlite3 **out, struct hk_registry_image *img, const char *path, size_t max);

/* Unmaps img and lets go of its lock (NULL or empty is fine). */
void hk_registry_image_free(struct hk_registry_image *img);

/* Prepares one read-only statement of `sql` on a connection opened by
 * hk_registry_ro_open. Returns 0, or HK_EINPUT with a message saying what was
 * refused (a write, ATTACH, a PRAGMA that changes state, a denied function,
 * trailing statements) or the SQLite error. */
int hk_registry_ro_prepare(sqlite3 *db, const char *sql, size_t len, sqlite3_stmt **out);

/* The message of the last error on db: the authorizer's reason when it
 * refused something while a statement ran (a table-valued pragma prepares its
 * own statement then), else sqlite3_errmsg(db). Valid until the next call on
 * this thread or db. */
const char *hk_registry_ro_errmsg(sqlite3 *db);

#endif
