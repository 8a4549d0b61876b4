/*
 * mapping.c - mapping.h: reading a --map file and looking names up in it.
 */
#include "registry/mapping.h"
#include "base/array.h"
#include "base/buf.h"
#include "base/error.h"
#include "registry/header.h"
#include "registry/rowsrc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_COLUMN, K_CODE, K_TABLE };

struct entry {
	enum kind kind;
	const struct hk_table *t;  /* NULL: any table ('*') */
	const struct hk_column *col; /* K_CODE: the coded column */
	char *from;                /* K_COLUMN: normalized */
	char *table_field, *from_raw, *to_raw; /* as written, for the record */
	int to_col;                /* K_COLUMN */
	const char *to;            /* K_CODE: the English code; K_TABLE: the table */
	unsigned long line;        /* in the mapping file */
};

struct hk_mapping {
	char *path;
	struct entry *v;
	size_t n, cap;
};

void hk_mapping_free(hk_mapping *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].from);
		free(m->v[i].table_field);
		free(m->v[i].from_raw);
		free(m->v[i].to_raw);
	}
	free(m->v);
	free(m->path);
	free(m);
}

static char *dup_cell(const struct hk_cell *c)
{
	char *s = malloc(c->len + 1);
	if (s) {
		memcpy(s, c->ptr, c->len);
		s[c->len] = '\0';
	}
	return s;
}

/* Reads one row into e. Returns 0, or HK_EINPUT with the message set. */
static int read_entry(struct entry *e, const char *path, const struct hk_cell *c, hk_buf *norm)
{
	const char *kind = c[0].ptr, *table = c[1].ptr, *to = c[3].ptr;
	unsigned long line = c[0].line;
	char tname[64];
	const char *dot;

	e->line = line;

	if (strcmp(kind, "column") == 0)
		e->kind = K_COLUMN;
	else if (strcmp(kind, "code") == 0)
		e->kind = K_CODE;
	else if (strcmp(kind, "table") == 0)
		e->kind = K_TABLE;
	else
		return hk_error_setc(HK_EINPUT, "%s:%lu:1: kind '%s' is not column, code or table", path, line, kind);
	if (!c[2].len || !c[3].len)
		return hk_error_setc(HK_EINPUT, "%s:%lu: from and to must not be empty", path, line);
	dot = e->kind == K_CODE ? strchr(table, '.') : NULL;
	if (e->kind == K_CODE && !dot)
		return hk_error_setc(HK_EINPUT, "%s:%lu:2: a code mapping names table.column (e.g. households.status), "
				     "not '%s'", path, line, table);
	snprintf(tname, sizeof(tname), "%.*s", dot ? (int)(dot - table) : (int)strlen(table), table);
	if (strcmp(tname, "*") != 0 || e->kind == K_CODE) {
		if (!(e->t = hk_schema_table(tname))) {
			for (size_t i = 0; i < HK_SCHEMA_NTABLES && !e->t; i++)
				if (strcmp(hk_schema_tables[i].zh, tname) == 0)
					e->t = &hk_schema_tables[i];
		}
		if (!e->t)
			return hk_error_setc(HK_EINPUT, "%s:%lu:2: no table '%s' in the registry (docs/registry.md)%s",
					     path, line, tname, e->kind == K_TABLE ? "; a table mapping names '*'" : "");
	}
	switch (e->kind) {
	case K_COLUMN:
		if (e->t) {
			e->to_col = hk_schema_column_find(e->t, to, c[3].len);
		} else {
			e->to_col = -1; /* '*': resolved per table */
			for (size_t i = 0; i < HK_SCHEMA_NTABLES && e->to_col < 0; i++)
				if (hk_schema_column_find(&hk_schema_tables[i], to, c[3].len) >= 0)
					e->to_col = 0;
		}
		if (e->to_col < 0)
			return hk_error_setc(HK_EINPUT, "%s:%lu:4: no column '%s' in %s", path, line, to,
					     e->t ? e->t->name : "any table");
		if (!(e->from = strdup(hk_header_norm(norm, c[2].ptr, c[2].len))))
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		break;
	case K_CODE: {
		int ci = hk_schema_column_find(e->t, dot + 1, strlen(dot + 1));
		if (ci < 0 || !e->t->cols[ci].codes)
			return hk_error_setc(HK_EINPUT, "%s:%lu:2: '%s' is not a coded column of %s", path, line, dot + 1,
					     e->t->name);
		e->col = &e->t->cols[ci];
		if (!(e->to = hk_schema_code_lookup(e->col, to, c[3].len)))
			return hk_error_setc(HK_EINPUT, "%s:%lu:4: '%s' is not a code of %s.%s", path, line, to, e->t->name,
					     e->col->name);
		break;
	}
	case K_TABLE: {
		const struct hk_table *t = hk_schema_table(to);
		for (size_t i = 0; i < HK_SCHEMA_NTABLES && !t; i++)
			if (strcmp(hk_schema_tables[i].zh, to) == 0)
				t = &hk_schema_tables[i];
		if (!t)
			return hk_error_setc(HK_EINPUT, "%s:%lu:4: no table '%s' in the registry", path, line, to);
		e->to = t->name;
		break;
	}
	}
	if ((e->kind != K_COLUMN && !(e->from = dup_cell(&c[2]))) || !(e->table_field = dup_cell(&c[1])) ||
	    !(e->from_raw = dup_cell(&c[2])) || !(e->to_raw = dup_cell(&c[3])))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	return 0;
}

/* The column a column entry maps its name to in table t, or -1 when it
 * maps nothing there (another table, or a '*' entry naming a column t does
 * not have). */
static int column_in(const struct entry *e, const struct hk_table *t)
{
	if (e->t && e->t != t)
		return -1;
	return hk_schema_column_find(t, e->to_raw, strlen(e->to_raw));
}

/* Checks the last entry of m against the earlier ones: the same name may
 * not be mapped two ways (a column name to two columns of one table, a code
 * value to two codes, a file name to two tables), since the first would win
 * without a word. The same mapping twice is fine. Returns 0, or HK_EINPUT
 * naming both lines. */
static int check_conflict(const hk_mapping *m, const char *path)
{
	const struct entry *e = &m->v[m->n - 1];

	for (size_t i = 0; i + 1 < m->n; i++) {
		const struct entry *o = &m->v[i];
		if (o->kind != e->kind || strcmp(o->from, e->from) != 0)
			continue;
		switch (e->kind) {
		case K_COLUMN:
			for (size_t k = 0; k < HK_SCHEMA_NTABLES; k++) {
				const struct hk_table *t = &hk_schema_tables[k];
				int a = column_in(o, t), b = column_in(e, t);
				if (a >= 0 && b >= 0 && a != b)
					return hk_error_setc(HK_EINPUT,
							     "%s:%lu:3: column name '%s' of %s is mapped to %s here and to %s "
							     "at line %lu; keep one of the two rows",
							     path, e->line, e->from_raw, t->name, t->cols[b].name,
							     t->cols[a].name, o->line);
			}
			break;
		case K_CODE:
			if (o->col == e->col && o->to != e->to)
				return hk_error_setc(HK_EINPUT,
						     "%s:%lu:3: value '%s' of %s.%s is mapped to '%s' here and to '%s' at "
						     "line %lu; keep one of the two rows",
						     path, e->line, e->from_raw, e->t->name, e->col->name, e->to, o->to,
						     o->line);
			break;
		case K_TABLE:
			if (o->to != e->to)
				return hk_error_setc(HK_EINPUT,
						     "%s:%lu:3: file or sheet name '%s' is mapped to table %s here and to %s "
						     "at line %lu; keep one of the two rows",
						     path, e->line, e->from_raw, e->to, o->to, o->line);
			break;
		}
	}
	return 0;
}

int hk_mapping_load(hk_mapping **out, const char *path)
{
	hk_mapping *m = calloc(1, sizeof(*m));
	hk_rowsrc *src = NULL;
	hk_buf norm = HK_BUF_INIT;
	struct hk_cell *c;
	size_t n;
	int rc, err = 0, row = 0;

	*out = NULL;
	if (!m || !(m->path = strdup(path))) {
		free(m);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	if ((err = hk_rowsrc_csv_open(&src, path, path, NULL, 0, HK_ENC_AUTO)) < 0)
		goto done;
	while ((rc = hk_rowsrc_next(src, &c, &n)) == 1) {
		if (row++ == 0) {
			if (n != 4 || strcmp(c[0].ptr, "kind") || strcmp(c[1].ptr, "table") || strcmp(c[2].ptr, "from") ||
			    strcmp(c[3].ptr, "to")) {
				err = hk_error_setc(HK_EINPUT, "%s:1: the header of a mapping file is kind,table,from,to",
						    path);
				goto done;
			}
			continue;
		}
		if (n == 1 && c[0].len == 0)
			continue;
		if (n != 4) {
			err = hk_error_setc(HK_EINPUT, "%s:%lu: a mapping row has 4 fields (kind,table,from,to), not %zu",
					    path, c[0].line, n);
			goto done;
		}
		if ((err = HK_ARRAY_GROW(m->v, m->cap, m->n + 1)) != 0)
			goto done;
		memset(&m->v[m->n], 0, sizeof(m->v[m->n]));
		err = read_entry(&m->v[m->n], path, c, &norm);
		m->n++;
		if (err < 0 || (err = check_conflict(m, path)) < 0)
			goto done;
	}
	err = rc < 0 ? rc : 0;
	if (!err && row == 0)
		err = hk_error_setc(HK_EINPUT, "%s: empty mapping file (header kind,table,from,to)", path);
done:
	hk_rowsrc_free(src);
	hk_buf_free(&norm);
	if (err < 0)
		hk_mapping_free(m);
	else
		*out = m;
	return err;
}

int hk_mapping_column(const hk_mapping *m, const struct hk_table *t, const char *norm)
{
	for (size_t i = 0; m && i < m->n; i++) {
		const struct entry *e = &m->v[i];
		if (e->kind == K_COLUMN && (!e->t || e->t == t) && strcmp(e->from, norm) == 0) {
			int c = hk_schema_column_find(t, e->to_raw, strlen(e->to_raw));
			if (c >= 0)
				return c;
		}
	}
	return -1;
}

const char *hk_mapping_code(const hk_mapping *m, const struct hk_table *t, const struct hk_column *col,
			    const char *s, size_t len)
{
	for (size_t i = 0; m && i < m->n; i++) {
		const struct entry *e = &m->v[i];
		if (e->kind == K_CODE && e->t == t && e->col == col && strlen(e->from) == len &&
		    memcmp(e->from, s, len) == 0)
			return e->to;
	}
	return NULL;
}

const char *hk_mapping_table(const hk_mapping *m, const char *name)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (m->v[i].kind == K_TABLE && strcmp(m->v[i].from, name) == 0)
			return m->v[i].to;
	return NULL;
}

int hk_mapping_record(const hk_mapping *m, sqlite3 *db)
{
	static const char *const kinds[] = {"column", "code", "table"};
	sqlite3_stmt *st = NULL;
	int err = 0;

	if (sqlite3_exec(db,
			 "CREATE TABLE IF NOT EXISTS import_mappings (kind TEXT NOT NULL, table_name TEXT NOT NULL, "
			 "from_name TEXT NOT NULL, to_name TEXT NOT NULL, file TEXT NOT NULL, "
			 "UNIQUE (kind, table_name, from_name, to_name))",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO import_mappings VALUES (?1, ?2, ?3, ?4, ?5)", -1, &st,
			       NULL) != SQLITE_OK)
		return hk_error_setc(HK_EINTERNAL, "cannot record the mapping: %s", sqlite3_errmsg(db));
	for (size_t i = 0; i < m->n && !err; i++) {
		const struct entry *e = &m->v[i];
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, kinds[e->kind], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, e->table_field, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, e->from_raw, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, e->kind == K_COLUMN ? e->to_raw : e->to, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, m->path, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			err = hk_error_setc(HK_EINTERNAL, "cannot record the mapping: %s", sqlite3_errmsg(db));
	}
	sqlite3_finalize(st);
	return err;
}
