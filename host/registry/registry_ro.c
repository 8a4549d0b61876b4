/*
 * registry_ro.c - read-only registry connections for rules (see registry_ro.h):
 * open flags, PRAGMA query_only, the authorizer and the one-statement prepare.
 */
#include "registry/registry_ro.h"
#include "base/buf.h"
#include "base/error.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Why the authorizer refused the statement being prepared on this thread
 * (a connection is used by one thread at a time). */
static _Thread_local char denied[256];

static const char *const denied_functions[] = {
	"load_extension", "readfile", "writefile", "edit", "fts3_tokenizer", "zipfile",
	"sqlar_compress", "sqlar_uncompress", "lsmode", "shell_add_schema", "shell_escape_crnl",
	"shell_module_schema", "shell_putsnl", "sha3_query", "eval", "fsdir", NULL};

/* PRAGMAs that only read, allowed with no argument. */
static const char *const pragmas_read[] = {
	"user_version", "schema_version", "data_version", "page_count", "page_size",
	"freelist_count", "application_id", "encoding", "compile_options", "database_list",
	"collation_list", "function_list", "module_list", "pragma_list", "table_list",
	"query_only", "foreign_keys", NULL};

/* PRAGMAs whose argument names what to describe, not a new value. */
static const char *const pragmas_info[] = {
	"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
	"foreign_key_list", "table_list", NULL};

static int in_list(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (strcasecmp(list[i], s) == 0)
			return 1;
	return 0;
}

static const char *action_name(int action)
{
	switch (action) {
	case SQLITE_ATTACH: return "ATTACH";
	case SQLITE_DETACH: return "DETACH";
	case SQLITE_INSERT: return "INSERT";
	case SQLITE_UPDATE: return "UPDATE";
	case SQLITE_DELETE: return "DELETE";
	case SQLITE_TRANSACTION: return "a transaction statement";
	case SQLITE_SAVEPOINT: return "SAVEPOINT";
	case SQLITE_ALTER_TABLE: return "ALTER TABLE";
	case SQLITE_REINDEX: return "REINDEX";
	case SQLITE_ANALYZE: return "ANALYZE";
	case SQLITE_CREATE_VTABLE: return "CREATE VIRTUAL TABLE";
	case SQLITE_DROP_VTABLE: return "DROP VIRTUAL TABLE";
	default: break;
	}
	if (action >= SQLITE_CREATE_INDEX && action <= SQLITE_DROP_VIEW)
		return "CREATE/DROP";
	return "a statement that is not a read";
}

static int authorizer(void *ud, int action, const char *a1, const char *a2, const char *db,
		      const char *trigger)
{
	(void)ud;
	(void)db;
	(void)trigger;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_UPDATE:
		/* Preparing the first use of a table-valued function (json_each,
		 * json_tree, pragma_table_info(...)) declares its virtual table,
		 * which SQLite reports as an UPDATE of the schema table's columns:
		 * nothing is written. A real write of the schema table is still
		 * refused: the connection is read-only and defensive, and
		 * hk_registry_ro_prepare refuses any statement that is not a read. */
		if (a1 && (strcmp(a1, "sqlite_master") == 0 || strcmp(a1, "sqlite_schema") == 0) && !trigger)
			return SQLITE_OK;
		snprintf(denied, sizeof(denied), "UPDATE of %s is not allowed in rules (the registry is read-only)",
			 a1 ? a1 : "a table");
		return SQLITE_DENY;
	case SQLITE_FUNCTION:
		if (in_list(denied_functions, a2)) {
			snprintf(denied, sizeof(denied), "SQL function %s() is not allowed in rules", a2);
			return SQLITE_DENY;
		}
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		if ((!a2 && in_list(pragmas_read, a1)) || in_list(pragmas_info, a1))
			return SQLITE_OK;
		snprintf(denied, sizeof(denied), "PRAGMA %s%s%s is not allowed in rules (the registry is read-only)",
			 a1 ? a1 : "?", a2 ? " = " : "", a2 ? a2 : "");
		return SQLITE_DENY;
	default:
		snprintf(denied, sizeof(denied), "%s is not allowed in rules (the registry is read-only)",
			 action_name(action));
		return SQLITE_DENY;
	}
}

void hk_registry_image_free(struct hk_registry_image *img)
{
	if (!img)
		return;
	if (img->map)
		munmap(img->map, img->mapped);
	if (img->map && img->fd >= 0)
		close(img->fd);
	memset(img, 0, sizeof(*img));
	img->fd = -1;
}

/* SQLite's lock bytes in a rollback-journal database (os_unix.c): a reader
 * holds a read lock on part of the SHARED range, and a writer needs a write
 * lock on all of it to change the file. */
#define SQLITE_PENDING_BYTE 0x40000000
#define SQLITE_SHARED_FIRST (SQLITE_PENDING_BYTE + 2)
#define SQLITE_SHARED_SIZE 510

/* Takes a read lock on SQLite's SHARED range of fd, as a reader of the
 * database would, so that no SQLite writer (an import into the same db, the
 * sqlite3 shell) changes the file while it is mapped: such a writer waits
 * or gets "database is locked". An open file description lock: it stays
 * while the description is open, whatever other descriptors of the file
 * this process closes (SQLite's own POSIX locks would go with any close).
 * A writer busy committing right now is waited for, up to 10 s. Returns 0,
 * or an error naming the file. Where the file system has no locks the file
 * is mapped unlocked, as SQLite reads an immutable file. */
static int lock_shared(int fd, const char *path)
{
	struct flock fl;

	for (int tries = 0;; tries++) {
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_RDLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = SQLITE_SHARED_FIRST;
		fl.l_len = SQLITE_SHARED_SIZE;
		if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
			return 0;
		if (errno != EAGAIN && errno != EACCES && errno != EINTR)
			return 0; /* no locks here (ENOLCK, EINVAL) */
		if (tries >= 1000)
			return hk_error_setc(HK_EINPUT,
					     "%s: another program is writing the db; run again when it has finished",
					     path);
		usleep(10000);
	}
}

/* Maps the file at path whole into img, shared and read-only, and takes a
 * reader's lock on it (lock_shared). Processes forked afterwards inherit the
 * mapping with no page table to copy (a shared file mapping is faulted in
 * again by each), read its pages straight from the page cache, and need no
 * descriptor on the file; nothing is copied or read ahead, so a large
 * registry costs the run nothing before the first rule starts. Returns 1
 * when mapped, 0 when left to SQLite (empty, larger than max, or no address
 * space), or an error code with a message. */
static int image_map(struct hk_registry_image *img, const char *path, size_t max)
{
	struct stat st;
	void *m;
	int fd, rc = 0;

	memset(img, 0, sizeof(*img));
	img->fd = -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return hk_error_setc(HK_EINPUT, "%s: cannot open: %s", path, hk_strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || (uint64_t)st.st_size > max ||
	    (uint64_t)st.st_size > SIZE_MAX)
		goto done;
	if ((rc = lock_shared(fd, path)) != 0)
		goto done;
	/* the size again, under the lock: a writer may have just committed */
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || (uint64_t)st.st_size > max)
		goto done;
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		goto done;
	img->map = m;
	img->mapped = img->size = (size_t)st.st_size;
	img->fd = fd;
	return 1;
done:
	close(fd);
	return rc;
}

/* Opens path read-only; with img (not NULL) the file is first read whole
 * into it when it is at most max bytes, and the connection reads that copy. */
static int open_ro(sqlite3 **out, const char *path, struct hk_registry_image *img, size_t max)
{
	sqlite3 *db = NULL;
	struct stat st;
	int rc, err = HK_EINTERNAL;

	*out = NULL;
	if (img) {
		memset(img, 0, sizeof(*img));
		img->fd = -1;
	}
	if (stat(path, &st) != 0)
		return hk_error_setc(HK_ENOTFOUND, "%s: no such registry db", path);
	if (!S_ISREG(st.st_mode))
		return hk_error_setc(HK_EINPUT, "%s: not a file", path);
	/* A URI with immutable=1: no locks, no journal or WAL file looked for,
	 * so that a rule's child process, which may open no file, reads on
	 * through the descriptor opened here. */
	{
		hk_buf uri = HK_BUF_INIT;
		int e = hk_buf_puts(&uri, "file:");
		for (const char *p = path; !e && *p; p++)
			e = (*p == '%' || *p == '?' || *p == '#') ? hk_buf_printf(&uri, "%%%02X", (unsigned char)*p)
								   : hk_buf_putc(&uri, *p);
		e = e ? e : hk_buf_puts(&uri, "?mode=ro&immutable=1");
		if (e) {
			hk_buf_free(&uri);
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		}
		rc = sqlite3_open_v2(uri.ptr, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
		hk_buf_free(&uri);
	}
	if (rc != SQLITE_OK) {
		err = hk_error_setc(HK_EINPUT, "%s: cannot open read-only: %s", path,
				    db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		goto cleanup;
	}
	/* The map replaces the file as "main" (an ATTACH inside
	 * SQLite: before the authorizer, which refuses ATTACH, goes in). */
	if (img && (rc = image_map(img, path, max)) != 0) {
		if (rc < 0) {
			err = rc;
			goto cleanup;
		}
		rc = sqlite3_deserialize(db, "main", img->map, (sqlite3_int64)img->size, (sqlite3_int64)img->size,
					 SQLITE_DESERIALIZE_READONLY);
		if (rc != SQLITE_OK) {
			err = hk_error_setc(HK_EINPUT, "%s: cannot read into memory: %s", path, sqlite3_errmsg(db));
			goto cleanup;
		}
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, (int *)NULL);
	sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, HK_REGISTRY_MAX_LENGTH);
	sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
	/* Reads through a memory map and a 32 MB page cache: rules scan whole
	 * tables, often several times. The map is capped at 256 MiB per
	 * connection: mapped pages count in the process's resident memory, and
	 * with one connection per worker a larger map broke the 1 GiB target of a
	 * 1M-person registry. Set before the authorizer goes in. */
	rc = sqlite3_exec(db,
			  "PRAGMA query_only = 1; PRAGMA mmap_size = 268435456; PRAGMA cache_size = -32768;"
			  "PRAGMA temp_store = MEMORY;"
			  "SELECT count(*) FROM sqlite_master",
			  NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		err = hk_error_setc(HK_EINPUT,
				    "%s: not a registry db: %s; make one from the CSV exports: huikan import --db "
				    "NEW.sqlite DIR",
				    path, sqlite3_errmsg(db));
		goto cleanup;
	}
	sqlite3_set_authorizer(db, authorizer, NULL);
	*out = db;
	return 0;
cleanup:
	sqlite3_close(db);
	if (img)
		hk_registry_image_free(img);
	return err;
}

int hk_registry_ro_open(sqlite3 **out, const char *path)
{
	return open_ro(out, path, NULL, 0);
}

int hk_registry_ro_open_image(sqlite3 **out, struct hk_registry_image *img, const char *path, size_t max)
{
	return open_ro(out, path, img, max);
}

const char *hk_registry_ro_errmsg(sqlite3 *db)
{
	if (sqlite3_errcode(db) == SQLITE_AUTH && denied[0])
		return denied;
	return sqlite3_errmsg(db);
}

/* Skips white space and SQL comments. */
static const char *skip_space(const char *p, const char *end)
{
	while (p < end) {
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (p + 1 < end && p[0] == '-' && p[1] == '-') {
			while (p < end && *p != '\n')
				p++;
		} else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
			const char *q = p + 2;
			while (q + 1 < end && !(q[0] == '*' && q[1] == '/'))
				q++;
			p = q + 1 < end ? q + 2 : end;
		} else {
			break;
		}
	}
	return p;
}

static int starts_with_word(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(end - p) >= n && strncasecmp(p, w, n) == 0 &&
	       ((size_t)(end - p) == n || !isalnum((unsigned char)p[n]));
}

/* Sets "SQL error: MSG" with the statement and a caret under the failing
 * part when SQLite knows where it is (sqlite3_error_offset). */
static void sql_error(sqlite3 *db, const char *sql, size_t len)
{
	int off = sqlite3_error_offset(db);
	const char *line = sql, *end = sql + len;

	if (off < 0 || (size_t)off > len) {
		/* the statement on one line: runs of white space as one space */
		char flat[400];
		size_t n = 0;
		for (const char *p = sql; p < end && n + 1 < sizeof(flat); p++)
			if (!isspace((unsigned char)*p))
				flat[n++] = *p;
			else if (n && flat[n - 1] != ' ')
				flat[n++] = ' ';
		while (n && flat[n - 1] == ' ')
			n--;
		flat[n] = '\0';
		hk_error_setc(HK_EINPUT, "SQL error: %s in: %s", sqlite3_errmsg(db), flat);
		return;
	}
	/* the line of the statement holding the offset, and the column in it */
	for (const char *p = sql; p < sql + off; p++)
		if (*p == '\n')
			line = p + 1;
	const char *eol = memchr(line, '\n', (size_t)(end - line));
	int n = (int)((eol ? eol : end) - line);
	/* what goes before the caret takes the room the line's text does: a
	 * tab stays a tab (rules indent their SQL with tabs), a character of
	 * 3 or 4 bytes (Chinese) is two columns wide, any other one column */
	hk_buf pad = HK_BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)line; p < (const unsigned char *)sql + off; p++) {
		if (*p == '\t')
			hk_buf_putc(&pad, '\t');
		else if (*p >= 0xE0)
			hk_buf_puts(&pad, "  ");
		else if ((*p & 0xC0) != 0x80)
			hk_buf_putc(&pad, ' ');
	}
	hk_error_setc(HK_EINPUT, "SQL error: %s at offset %d:\n    %.*s\n    %s^", sqlite3_errmsg(db), off,
		      n > 400 ? 400 : n, line, pad.ptr ? pad.ptr : "");
	hk_buf_free(&pad);
}

int hk_registry_ro_prepare(sqlite3 *db, const char *sql, size_t len, sqlite3_stmt **out)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL, *end = sql + len, *p;
	int rc;

	*out = NULL;
	p = skip_space(sql, end);
	if (!(starts_with_word(p, end, "select") || starts_with_word(p, end, "with") ||
	      starts_with_word(p, end, "values") || starts_with_word(p, end, "pragma") ||
	      starts_with_word(p, end, "explain")))
		return hk_error_setc(HK_EINPUT,
				     "only SELECT, WITH, VALUES and reading PRAGMA statements are allowed "
				     "(the registry is read-only): '%.40s'", p);
	denied[0] = '\0';
	rc = sqlite3_prepare_v3(db, sql, (int)len, SQLITE_PREPARE_PERSISTENT, &st, &tail);
	if (rc != SQLITE_OK) {
		if (denied[0])
			hk_error_setc(HK_EINPUT, "%s", denied);
		else
			sql_error(db, sql, len);
		sqlite3_finalize(st);
		return HK_EINPUT;
	}
	if (!st)
		return hk_error_setc(HK_EINPUT, "empty SQL statement");
	if (tail && skip_space(tail, end) < end) {
		sqlite3_finalize(st);
		return hk_error_setc(HK_EINPUT, "one SQL statement per call: trailing text '%.40s'",
				     skip_space(tail, end));
	}
	if (!sqlite3_stmt_readonly(st)) {
		sqlite3_finalize(st);
		return hk_error_setc(HK_EINPUT, "the statement would write: the registry is read-only");
	}
	*out = st;
	return 0;
}
