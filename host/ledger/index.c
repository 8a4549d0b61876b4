/*
 * index.c - the SQLite index of a ledger: schema, full rebuild from the git
 * tree, incremental update from a tree diff, rows of findings.
 */
#include "ledger/index.h"
#include "base/array.h"
#include "base/error.h"
#include "base/json.h"
#include "base/path.h"
#include "base/sha256.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INDEX_FORMAT "3"

struct hk_index {
	hk_ledger *l;
	char *path; /* the index file, or ":memory:" */
	sqlite3 *db;
	sqlite3_stmt *put, *get, *put_state;
	char commit[GIT_OID_HEXSZ + 1];
};

const char hk_index_schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE IF NOT EXISTS findings("
	" id TEXT PRIMARY KEY, rule TEXT NOT NULL, entity TEXT, category TEXT, severity TEXT, message TEXT,"
	" message_en TEXT, village TEXT, town TEXT, run TEXT, found_at TEXT,"
	" status TEXT NOT NULL, present INTEGER, relapses INTEGER, flagged INTEGER,"
	" unit TEXT, person TEXT, due TEXT, submitter TEXT, first_seen TEXT, last_time TEXT, closed_at TEXT,"
	" last_hash TEXT, last_lamport INTEGER, steps INTEGER) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS findings_due ON findings(status, due);"
	"CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);"
	"CREATE TABLE IF NOT EXISTS rule_titles("
	" rule TEXT PRIMARY KEY, title TEXT NOT NULL, title_en TEXT, lamport INTEGER) WITHOUT ROWID;";

#define STATE_COLS "status, present, relapses, flagged, unit, person, due, submitter, first_seen, last_time, closed_at, last_hash, last_lamport, steps"

static int db_error(hk_index *ix, const char *what)
{
	return hk_error_setc(HK_EINTERNAL, "%s: %s: %s", ix->path ? ix->path : HK_INDEX_FILE, what,
			     sqlite3_errmsg(ix->db));
}

/* Where the index of l lives, in out: DIR/huikan-index.sqlite when the
 * ledger's directory can be written (one index for everyone who uses the
 * ledger); else (a read-only mount, a ledger of another account) the user's
 * own under $XDG_CACHE_HOME/huikan (else ~/.cache/huikan), named by the
 * ledger's path, so that the ledger can still be read; else ":memory:",
 * rebuilt by each command. */
static int index_path(hk_buf *out, hk_ledger *l)
{
	const char *repo = git_repository_path(l->repo), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	size_t n = strlen(repo);
	hk_buf dir = HK_BUF_INIT;
	char hex[65];
	int err;

	hk_buf_clear(out);
	if ((err = hk_buf_printf(out, "%s%s%s", repo, n && repo[n - 1] == '/' ? "" : "/", HK_INDEX_FILE)) < 0)
		return err;
	if (access(repo, W_OK) == 0 && (access(out->ptr, W_OK) == 0 || errno == ENOENT))
		return 0;
	hk_buf_clear(out);
	if (xdg && *xdg == '/')
		err = hk_buf_printf(&dir, "%s/huikan", xdg);
	else if (home && *home == '/')
		err = hk_buf_printf(&dir, "%s/.cache/huikan", home);
	else
		return hk_buf_puts(out, ":memory:");
	if (err < 0)
		return err;
	hk_sha256_hex(hex, repo, n);
	/* private: the index holds the ledger's findings */
	err = hk_path_mkdirs(dir.ptr, 0700) == 0 && access(dir.ptr, W_OK) == 0
		      ? hk_buf_printf(out, "%s/index-%.16s.sqlite", dir.ptr, hex)
		      : hk_buf_puts(out, ":memory:");
	hk_buf_free(&dir);
	return err;
}

sqlite3 *hk_index_db(hk_index *ix)
{
	return ix->db;
}

const char *hk_index_commit(hk_index *ix)
{
	return ix->commit;
}

void hk_index_free(hk_index *ix)
{
	if (!ix)
		return;
	sqlite3_finalize(ix->put);
	sqlite3_finalize(ix->get);
	sqlite3_finalize(ix->put_state);
	sqlite3_close(ix->db);
	free(ix->path);
	free(ix);
}

static int read_meta(hk_index *ix, const char *key, char *out, size_t outsz)
{
	sqlite3_stmt *st = NULL;
	int rc;
	out[0] = '\0';
	if (sqlite3_prepare_v2(ix->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) != SQLITE_OK)
		return db_error(ix, "reading meta");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(ix, "reading meta");
}

static int write_meta(hk_index *ix, const char *key, const char *value)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (sqlite3_prepare_v2(ix->db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK)
		return db_error(ix, "writing meta");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(ix, "writing meta");
}

static int open_db(hk_index *ix)
{
	hk_buf path = HK_BUF_INIT;
	char fmt[16];
	int err = 0;
	if (index_path(&path, ix->l) < 0 || !(ix->path = hk_buf_detach(&path)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if (sqlite3_open_v2(ix->path, &ix->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		err = db_error(ix, "opening");
		goto done;
	}
	sqlite3_busy_timeout(ix->db, 60000);
	if (sqlite3_exec(ix->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;"
				  " PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY;", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(ix->db, hk_index_schema, NULL, NULL, NULL) != SQLITE_OK) {
		err = db_error(ix, "creating the schema");
		goto done;
	}
	if ((err = read_meta(ix, "format", fmt, sizeof(fmt))) < 0)
		goto done;
	if (strcmp(fmt, INDEX_FORMAT) != 0) {
		/* another layout: start again (it is a cache) */
		if (sqlite3_exec(ix->db, "DROP TABLE IF EXISTS findings; DROP TABLE IF EXISTS rule_titles; DELETE FROM meta;", NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(ix->db, hk_index_schema, NULL, NULL, NULL) != SQLITE_OK) {
			err = db_error(ix, "recreating the schema");
			goto done;
		}
		if ((err = write_meta(ix, "format", INDEX_FORMAT)) < 0)
			goto done;
	}
	if ((err = read_meta(ix, "commit", ix->commit, sizeof(ix->commit))) < 0)
		goto done;
	if (sqlite3_prepare_v2(ix->db,
			       "INSERT OR REPLACE INTO findings(id, rule, entity, category, severity, message, message_en, village,"
			       " town, run, found_at, " STATE_COLS ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &ix->put, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->db, "SELECT " STATE_COLS " FROM findings WHERE id = ?", -1, &ix->get, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ix->db,
			       "UPDATE findings SET status=?1, present=?2, relapses=?3, flagged=?4, unit=?5, person=?6, due=?7,"
			       " submitter=?8, first_seen=?9, last_time=?10, closed_at=?11, last_hash=?12, last_lamport=?13,"
			       " steps=?14 WHERE id = ?15",
			       -1, &ix->put_state, NULL) != SQLITE_OK)
		err = db_error(ix, "preparing");
done:
	hk_buf_free(&path);
	return err;
}

int hk_index_open_raw(hk_index **out, hk_ledger *l)
{
	hk_index *ix = calloc(1, sizeof(*ix));
	int err;
	*out = NULL;
	if (!ix)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	ix->l = l;
	if ((err = open_db(ix)) < 0) {
		hk_index_free(ix);
		return err;
	}
	*out = ix;
	return 0;
}

int hk_index_open(hk_index **out, hk_ledger *l)
{
	int err = hk_index_open_raw(out, l);
	if (err == 0 && (err = hk_index_update(*out)) < 0) {
		hk_index_free(*out);
		*out = NULL;
	}
	return err;
}

int hk_index_begin(hk_index *ix)
{
	if (sqlite3_exec(ix->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(ix, "begin");
	/* another process may have moved it since we looked */
	return read_meta(ix, "commit", ix->commit, sizeof(ix->commit));
}

int hk_index_end(hk_index *ix, int ok, const char *commit)
{
	int err = 0;
	if (ok && commit && (err = write_meta(ix, "commit", commit)) == 0)
		snprintf(ix->commit, sizeof(ix->commit), "%s", commit);
	if (ok && err == 0) {
		if (sqlite3_exec(ix->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			err = db_error(ix, "commit");
	}
	if (!ok || err < 0) {
		sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		read_meta(ix, "commit", ix->commit, sizeof(ix->commit));
	}
	return err;
}

static void bind_state(sqlite3_stmt *st, int at, const struct hk_fstate *s)
{
	sqlite3_bind_text(st, at, hk_fstate_status_name(s->status), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, at + 1, s->present);
	sqlite3_bind_int(st, at + 2, s->relapses);
	sqlite3_bind_int(st, at + 3, s->flagged);
#define TXT(i, v) (v[0] ? sqlite3_bind_text(st, at + i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, at + i))
	TXT(4, s->unit);
	TXT(5, s->person);
	TXT(6, s->due);
	TXT(7, s->submitter);
	TXT(8, s->first_seen);
	TXT(9, s->last_time);
	TXT(10, s->closed_at);
	TXT(11, s->last_hash);
#undef TXT
	sqlite3_bind_int64(st, at + 12, (sqlite3_int64)s->last_lamport);
	sqlite3_bind_int(st, at + 13, s->steps);
}

int hk_index_put(hk_index *ix, const struct hk_ledger_finding *f, const struct hk_fstate *s)
{
	const char *v[11] = {f->id, f->rule, f->entity, f->category, f->severity, f->message,
			     f->message_en, f->village, f->town, f->run, f->found_at};
	int rc;
	for (int i = 0; i < 11; i++)
		sqlite3_bind_text(ix->put, i + 1, v[i] ? v[i] : "", -1, SQLITE_STATIC);
	bind_state(ix->put, 12, s);
	rc = sqlite3_step(ix->put);
	sqlite3_reset(ix->put);
	sqlite3_clear_bindings(ix->put);
	return rc == SQLITE_DONE ? 0 : db_error(ix, "writing a finding");
}

int hk_index_put_state(hk_index *ix, const char *id, const struct hk_fstate *s)
{
	int rc;
	bind_state(ix->put_state, 1, s);
	sqlite3_bind_text(ix->put_state, 15, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(ix->put_state);
	sqlite3_reset(ix->put_state);
	sqlite3_clear_bindings(ix->put_state);
	return rc == SQLITE_DONE ? 0 : db_error(ix, "updating a finding");
}

static void col(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

int hk_index_get_state(hk_index *ix, const char *id, struct hk_fstate *s)
{
	sqlite3_stmt *st = ix->get;
	int rc, err = 0;
	hk_fstate_init(s);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s->status = hk_fstate_status_parse((const char *)sqlite3_column_text(st, 0));
		s->present = sqlite3_column_int(st, 1);
		s->relapses = sqlite3_column_int(st, 2);
		s->flagged = sqlite3_column_int(st, 3);
		col(s->unit, sizeof(s->unit), st, 4);
		col(s->person, sizeof(s->person), st, 5);
		col(s->due, sizeof(s->due), st, 6);
		col(s->submitter, sizeof(s->submitter), st, 7);
		col(s->first_seen, sizeof(s->first_seen), st, 8);
		col(s->last_time, sizeof(s->last_time), st, 9);
		col(s->closed_at, sizeof(s->closed_at), st, 10);
		col(s->last_hash, sizeof(s->last_hash), st, 11);
		s->last_lamport = (unsigned long long)sqlite3_column_int64(st, 12);
		s->steps = sqlite3_column_int(st, 13);
	} else if (rc == SQLITE_DONE) {
		err = hk_error_setc(HK_ENOTFOUND, "no finding %s in the index", id);
	} else {
		err = db_error(ix, "reading a finding");
	}
	sqlite3_reset(st);
	return err;
}

/* Reads, replays and writes one finding from the directory tree `dir`
 * (NULL: the finding is gone, its row is deleted). */
static int index_one(hk_index *ix, const hk_roles *roles, const git_tree *dir, const char *id)
{
	struct hk_ledger_finding f;
	struct hk_fstate s;
	int err;
	if (!dir) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(ix->db, "DELETE FROM findings WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
			return db_error(ix, "deleting");
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		err = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(ix, "deleting");
		sqlite3_finalize(st);
		return err;
	}
	if ((err = hk_ledger_read_finding_tree(&f, ix->l, dir, id)) == 0) {
		hk_ledger_finding_replay(&f, roles, &s, NULL, NULL);
		s.flagged += (int)f.nproblems;
		err = hk_index_put(ix, &f, &s);
	}
	hk_ledger_finding_clear(&f);
	return err;
}

struct walk_ctx {
	hk_index *ix;
	const hk_roles *roles;
	int progress;
	size_t done;
};

static int walk_one(void *ctx, const git_tree *dir, const char *id)
{
	struct walk_ctx *w = ctx;
	if (w->progress && ++w->done % 10000 == 0)
		fprintf(stderr, "\rindexing: %zu findings", w->done);
	return index_one(w->ix, w->roles, dir, id);
}

static int walk_findings(hk_index *ix, const hk_roles *roles, const git_tree *root, int progress)
{
	struct walk_ctx w = {ix, roles, progress, 0};
	int err = hk_ledger_each_finding(ix->l, root, walk_one, &w);
	if (progress && w.done >= 10000)
		fprintf(stderr, "\rindexing: %zu findings\n", w.done);
	return err;
}

int hk_index_put_run(hk_index *ix, const char *json, size_t len)
{
	hk_json *doc = NULL;
	const hk_json *titles;
	sqlite3_stmt *st = NULL;
	long long lamport = 0;
	int err = 0;

	if (hk_json_parse(&doc, json, len) < 0 || !(titles = hk_json_get(doc, "titles")) ||
	    hk_json_type_of(titles) != HK_JSON_OBJECT)
		goto done;
	hk_json_int(hk_json_get(doc, "lamport"), &lamport);
	if (sqlite3_prepare_v2(ix->db,
			       "INSERT INTO rule_titles(rule, title, title_en, lamport) VALUES (?1, ?2, ?3, ?4)"
			       " ON CONFLICT(rule) DO UPDATE SET title = ?2, title_en = ?3, lamport = ?4"
			       " WHERE ?4 >= rule_titles.lamport",
			       -1, &st, NULL) != SQLITE_OK) {
		err = db_error(ix, "preparing the titles");
		goto done;
	}
	for (size_t i = 0; i < hk_json_len(titles) && !err; i++) {
		const hk_json *t = hk_json_at(titles, i);
		const char *zh = hk_json_str(hk_json_get(t, "zh")), *en = hk_json_str(hk_json_get(t, "en"));
		if (!zh || !*zh)
			continue;
		sqlite3_bind_text(st, 1, hk_json_key_at(titles, i), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, zh, -1, SQLITE_STATIC);
		if (en && *en)
			sqlite3_bind_text(st, 3, en, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_int64(st, 4, lamport);
		if (sqlite3_step(st) != SQLITE_DONE)
			err = db_error(ix, "writing a rule title");
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
done:
	sqlite3_finalize(st);
	hk_json_free(doc);
	return err;
}

/* hk_index_put_run of the run record in blob oid; a blob that is not there
 * is left alone (`ledger verify` reports it). */
static int index_titles(hk_index *ix, const git_oid *oid)
{
	git_blob *b = NULL;
	int err = 0;
	if (git_blob_lookup(&b, ix->l->repo, oid) == 0)
		err = hk_index_put_run(ix, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return err;
}

/* The titles of every run record under runs/ of root. */
static int index_all_titles(hk_index *ix, const git_tree *root)
{
	git_tree *runs = NULL;
	int err = hk_ledger_subtree(&runs, ix->l, root, "runs");
	for (size_t i = 0; err == 0 && runs && i < git_tree_entrycount(runs); i++)
		err = index_titles(ix, git_tree_entry_id(git_tree_entry_byindex(runs, i)));
	git_tree_free(runs);
	return err;
}

int hk_index_rule_title(char **out, hk_index *ix, const char *rule, const char *lang)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;

	*out = NULL;
	if (sqlite3_prepare_v2(ix->db, "SELECT title, title_en FROM rule_titles WHERE rule = ?", -1, &st, NULL) != SQLITE_OK)
		return db_error(ix, "reading a rule title");
	sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *t = hk_finding_pick(lang, (const char *)sqlite3_column_text(st, 0),
						(const char *)sqlite3_column_text(st, 1));
		if (t && !(*out = strdup(t)))
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
	} else if (rc != SQLITE_DONE) {
		err = db_error(ix, "reading a rule title");
	}
	sqlite3_finalize(st);
	return err;
}

static int rebuild_from(hk_index *ix, git_commit *head)
{
	git_tree *root = NULL;
	hk_roles *roles = NULL;
	char hex[GIT_OID_HEXSZ + 1] = "";
	int err;
	if ((err = hk_index_begin(ix)) < 0)
		return err;
	if (sqlite3_exec(ix->db, "DELETE FROM findings; DELETE FROM rule_titles", NULL, NULL, NULL) != SQLITE_OK) {
		err = db_error(ix, "emptying");
		goto done;
	}
	if (head) {
		git_oid_tostr(hex, sizeof(hex), git_commit_id(head));
		if (git_commit_tree(&root, head) < 0) {
			err = hk_ledger_git_error(0, "reading the head tree");
			goto done;
		}
		if ((err = hk_ledger_read_roles(&roles, ix->l, root)) < 0 ||
		    (err = walk_findings(ix, roles, root, ix->l->progress)) < 0 || (err = index_all_titles(ix, root)) < 0)
			goto done;
	}
done:
	err = hk_index_end(ix, err == 0, hex) < 0 && err == 0 ? HK_EINTERNAL : err;
	hk_roles_free(roles);
	git_tree_free(root);
	return err;
}

int hk_index_rebuild(hk_index *ix)
{
	git_commit *head = NULL;
	int err = hk_ledger_head(&head, ix->l);
	if (err == 0)
		err = rebuild_from(ix, head);
	git_commit_free(head);
	return err;
}

int hk_index_apply_states(hk_index *ix, const char *parent, const char *commit,
			  const char (*ids)[HK_FINDING_ID_LEN + 1], const struct hk_fstate *states, size_t n)
{
	int err;
	if (strcmp(ix->commit, commit) == 0)
		return 0;
	if (!parent || !*parent || strcmp(ix->commit, parent) != 0)
		return hk_index_update(ix);
	if ((err = hk_index_begin(ix)) < 0)
		return err;
	if (strcmp(ix->commit, parent) != 0) { /* another process moved it meanwhile */
		hk_index_end(ix, 0, NULL);
		return hk_index_update(ix);
	}
	for (size_t i = 0; i < n && !err; i++)
		err = hk_index_put_state(ix, ids[i], &states[i]);
	return hk_index_end(ix, err == 0, commit) < 0 ? HK_EINTERNAL : err;
}

struct changed {
	char (*ids)[HK_FINDING_ID_LEN + 1];
	size_t n, cap;
	int roles;
	git_oid *runs; /* run records added or changed */
	size_t nruns, capruns;
};

static int note_change(void *ctx, const char *path, const git_oid *old, const git_oid *new_)
{
	struct changed *c = ctx;
	const char *id;
	int err;
	if (strncmp(path, "roles/", 6) == 0) {
		c->roles = 1;
		return 0;
	}
	if (strncmp(path, "runs/", 5) == 0) {
		if (!new_)
			return 0;
		if ((err = HK_ARRAY_GROW(c->runs, c->capruns, c->nruns + 1)) != 0)
			return err;
		git_oid_cpy(&c->runs[c->nruns++], new_);
		return 0;
	}
	if (strncmp(path, "findings/", 9) != 0 || strlen(path) < 9 + 6 + HK_FINDING_ID_LEN)
		return 0;
	id = path + 9 + 6;
	if (c->n && strncmp(c->ids[c->n - 1], id, HK_FINDING_ID_LEN) == 0)
		return 0;
	if ((err = HK_ARRAY_GROW(c->ids, c->cap, c->n + 1)) != 0)
		return err;
	memcpy(c->ids[c->n], id, HK_FINDING_ID_LEN);
	c->ids[c->n][HK_FINDING_ID_LEN] = '\0';
	c->n++;
	return 0;
}

/* Roles changed: the findings whose state depends on roles are those with
 * workflow steps or flagged events; add them to the ones to re-read. */
static int add_role_dependent(hk_index *ix, struct changed *ch)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;
	if (sqlite3_prepare_v2(ix->db, "SELECT id FROM findings WHERE steps > 0 OR flagged > 0", -1, &st, NULL) != SQLITE_OK)
		return db_error(ix, "reading");
	while (err == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char path[64];
		snprintf(path, sizeof(path), "findings/xx/xx/%s/", (const char *)sqlite3_column_text(st, 0));
		err = note_change(ch, path, NULL, NULL);
	}
	sqlite3_finalize(st);
	return err;
}

int hk_index_update(hk_index *ix)
{
	git_commit *head = NULL, *old = NULL;
	git_tree *told = NULL, *tnew = NULL;
	hk_roles *roles = NULL;
	struct changed ch = {0};
	git_oid oid;
	char hex[GIT_OID_HEXSZ + 1];
	int err, began = 0;

	if ((err = hk_ledger_head(&head, ix->l)) < 0)
		goto done;
	if (!head) {
		if (ix->commit[0])
			err = rebuild_from(ix, NULL);
		goto done;
	}
	git_oid_tostr(hex, sizeof(hex), git_commit_id(head));
	if (strcmp(hex, ix->commit) == 0)
		goto done;
	if (!ix->commit[0] || git_oid_fromstr(&oid, ix->commit) < 0 || git_commit_lookup(&old, ix->l->repo, &oid) < 0) {
		err = rebuild_from(ix, head);
		goto done;
	}
	if (git_commit_tree(&told, old) < 0 || git_commit_tree(&tnew, head) < 0) {
		err = hk_ledger_git_error(0, "reading trees");
		goto done;
	}
	if ((err = hk_ledger_diff_trees(ix->l, told, tnew, note_change, &ch)) < 0)
		goto done;
	if (ch.roles && (err = add_role_dependent(ix, &ch)) < 0)
		goto done;
	if ((err = hk_ledger_read_roles(&roles, ix->l, tnew)) < 0 || (err = hk_index_begin(ix)) < 0)
		goto done;
	began = 1;
	if (strcmp(hex, ix->commit) == 0) /* someone else did it meanwhile */
		goto done;
	for (size_t i = 0; i < ch.nruns && !err; i++)
		err = index_titles(ix, &ch.runs[i]);
	for (size_t i = 0; i < ch.n && !err; i++) {
		git_tree_entry *te = NULL;
		git_tree *dir = NULL;
		hk_buf p = HK_BUF_INIT;
		if ((err = hk_ledger_finding_dir(&p, ch.ids[i])) == 0) {
			if (git_tree_entry_bypath(&te, tnew, p.ptr) == 0)
				git_tree_lookup(&dir, ix->l->repo, git_tree_entry_id(te));
			err = index_one(ix, roles, dir, ch.ids[i]);
		}
		git_tree_free(dir);
		git_tree_entry_free(te);
		hk_buf_free(&p);
	}
done:
	if (began && (hk_index_end(ix, err == 0, hex) < 0) && err == 0)
		err = HK_EINTERNAL;
	free(ch.ids);
	free(ch.runs);
	hk_roles_free(roles);
	git_tree_free(told);
	git_tree_free(tnew);
	git_commit_free(old);
	git_commit_free(head);
	return err;
}
