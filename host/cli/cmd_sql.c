/*
 * cmd_sql.c - `huikan sql --db R [SQL]`: one read-only statement on a
 * registry through the connection rules get (registry_ro.h: read-only open,
 * the authorizer, one statement), printed as tab-separated values or JSON;
 * `--explain` prints the query plan instead. Without SQL and with stdin a
 * terminal, a prompt reads statements until end of input.
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/json.h"
#include "registry/registry_ro.h"
#include "cli/run_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	N_("usage: huikan sql --db FILE [--explain] [--format tsv|json] ['SQL']\n"
	"\n"
	"Runs one SQL statement on a registry db read-only, through the same\n"
	"sandboxed connection rules get: SELECT, WITH ... SELECT, VALUES or a\n"
	"reading PRAGMA; writes, ATTACH, state-changing PRAGMAs and functions like\n"
	"readfile() are refused. Money columns hold fen, dates 'YYYY-MM-DD' (see\n"
	"huikan schema). Without SQL the statement is read from stdin; when stdin is\n"
	"a terminal, a prompt reads one statement after another (end each with ';';\n"
	"an empty line or Ctrl-D ends).\n"
	"\n"
	"options:\n"
	"  --db FILE          the registry (from huikan import)\n"
	"  --explain          print the query plan (EXPLAIN QUERY PLAN): which tables\n"
	"                     are scanned in full and which indexes are used\n"
	"  --format FMT       tsv (default: a header line, then one line a row, fields\n"
	"                     separated by tabs; tab, newline and backslash escaped as\n"
	"                     \\t \\n \\\\; NULL empty) or json (an array of objects)\n"
	"\n"
	"exit codes: 0 done; 2 usage error, a refused or bad statement; 3 internal.\n");

/* One TSV field: tab, newline, CR and backslash escaped. */
static void put_tsv(hk_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\t': hk_buf_puts(b, "\\t"); break;
		case '\n': hk_buf_puts(b, "\\n"); break;
		case '\r': hk_buf_puts(b, "\\r"); break;
		case '\\': hk_buf_puts(b, "\\\\"); break;
		default: hk_buf_putc(b, *s);
		}
	}
}

/* Prints the rows of st in `json` or TSV form. Returns 0 or HK_EINPUT with
 * the SQLite error of a failing step. */
static int print_rows(sqlite3 *db, sqlite3_stmt *st, int json)
{
	int ncol = sqlite3_column_count(st), rc, err = 0;
	size_t nrows = 0;
	hk_buf b = HK_BUF_INIT;

	if (json)
		hk_buf_putc(&b, '[');
	for (int i = 0; !json && i < ncol; i++) {
		if (i)
			hk_buf_putc(&b, '\t');
		put_tsv(&b, sqlite3_column_name(st, i));
	}
	if (!json)
		hk_buf_putc(&b, '\n');
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (json)
			hk_buf_puts(&b, nrows ? ",\n {" : "\n {");
		for (int i = 0; i < ncol; i++) {
			const char *name = sqlite3_column_name(st, i);
			int ty = sqlite3_column_type(st, i);
			const char *v = (const char *)sqlite3_column_text(st, i);
			if (!json) {
				if (i)
					hk_buf_putc(&b, '\t');
				put_tsv(&b, ty == SQLITE_NULL ? "" : v);
				continue;
			}
			if (i)
				hk_buf_putc(&b, ',');
			hk_json_put_str(&b, name, strlen(name));
			hk_buf_putc(&b, ':');
			if (ty == SQLITE_NULL)
				hk_buf_puts(&b, "null");
			else if (ty == SQLITE_INTEGER || ty == SQLITE_FLOAT)
				hk_buf_puts(&b, v);
			else
				hk_json_put_str(&b, v ? v : "", v ? (size_t)sqlite3_column_bytes(st, i) : 0);
		}
		hk_buf_puts(&b, json ? "}" : "\n");
		nrows++;
		if (b.len > 65536) {
			fwrite(b.ptr, 1, b.len, stdout);
			b.len = 0;
		}
	}
	if (rc != SQLITE_DONE)
		err = hk_error_setc(HK_EINPUT, "SQL error: %s", sqlite3_errmsg(db));
	if (json)
		hk_buf_puts(&b, nrows ? "\n]\n" : "]\n");
	if (b.len)
		fwrite(b.ptr, 1, b.len, stdout);
	hk_buf_free(&b);
	fflush(stdout);
	return err;
}

/* Runs one statement (with EXPLAIN QUERY PLAN in front when `explain`). */
static int run_one(sqlite3 *db, const char *sql, int explain, int json)
{
	hk_buf text = HK_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int err;

	if ((err = hk_buf_printf(&text, "%s%s", explain ? "EXPLAIN QUERY PLAN " : "", sql)) != 0)
		return err;
	/* a trailing ';' (as typed at the prompt) is not a second statement */
	while (text.len && (text.ptr[text.len - 1] == ';' || text.ptr[text.len - 1] == '\n' ||
			    text.ptr[text.len - 1] == ' ' || text.ptr[text.len - 1] == '\t'))
		text.ptr[--text.len] = '\0';
	if ((err = hk_registry_ro_prepare(db, text.ptr, text.len, &st)) == 0)
		err = explain ? hk_plan_print(stdout, db, st, "") : print_rows(db, st, json);
	sqlite3_finalize(st);
	hk_buf_free(&text);
	return err;
}

/* The prompt: statements end with ';' (sqlite3_complete); an empty line with
 * nothing pending, or end of input, ends. Errors are printed, the prompt goes on. */
static int prompt(sqlite3 *db, int explain, int json)
{
	hk_buf stmt = HK_BUF_INIT;
	char line[8192];

	fprintf(stderr, "%s", _("huikan sql: read-only; end a statement with ';', an empty line or Ctrl-D quits\n"));
	for (;;) {
		fputs(stmt.len ? "   ...> " : "huikan> ", stderr);
		fflush(stderr);
		if (!fgets(line, sizeof(line), stdin))
			break;
		if (!stmt.len && strspn(line, " \t\r\n") == strlen(line))
			break;
		hk_buf_puts(&stmt, line);
		if (!stmt.ptr || !sqlite3_complete(stmt.ptr))
			continue;
		if (run_one(db, stmt.ptr, explain, json) != 0)
			fprintf(stderr, "huikan sql: %s\n", hk_error_last());
		stmt.len = 0;
		stmt.ptr[0] = '\0';
	}
	hk_buf_free(&stmt);
	return HK_EXIT_OK;
}

int hk_cmd_sql(int argc, char **argv)
{
	const char *dbpath = NULL, *format = NULL;
	int explain = 0, rc, err, json = 0;
	struct hk_strlist *pos; /* large: on the heap */
	sqlite3 *db = NULL;
	hk_buf in = HK_BUF_INIT;

	if (!(pos = calloc(1, sizeof(*pos))))
		return HK_EXIT_INTERNAL;
	const struct hk_opt opts[] = {{"--db", HK_OPT_VALUE, &dbpath},
				      {"--explain", HK_OPT_FLAG, &explain},
				      {"--format", HK_OPT_VALUE, &format},
				      {NULL, 0, NULL}};
	if ((rc = hk_cli_opts_parse("sql", argc, argv, opts, pos, usage)) != 0) {
		free(pos);
		return rc < 0 ? HK_EXIT_OK : rc;
	}
	if (!dbpath) {
		rc = hk_cli_usage_error("sql", "no --db FILE given");
		goto cleanup;
	}
	if (format && strcmp(format, "tsv") != 0 && strcmp(format, "json") != 0) {
		rc = hk_cli_usage_error("sql", "--format %s: tsv or json", format);
		goto cleanup;
	}
	json = format && strcmp(format, "json") == 0;
	if (pos->n > 1) {
		rc = hk_cli_usage_error("sql", "one SQL statement (quote it): unexpected '%s'", pos->v[1]);
		goto cleanup;
	}
	if ((err = hk_registry_ro_open(&db, dbpath)) != 0) {
		rc = hk_cli_fail("sql", err);
		goto cleanup;
	}
	if (pos->n == 0 && isatty(0)) {
		rc = prompt(db, explain, json);
		goto cleanup;
	}
	if (pos->n == 0) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
			if (hk_buf_put(&in, chunk, n) != 0) {
				rc = hk_cli_fail("sql", HK_EINTERNAL);
				goto cleanup;
			}
		if (!in.len) {
			rc = hk_cli_usage_error("sql", "no SQL given (as an argument or on stdin)");
			goto cleanup;
		}
	}
	err = run_one(db, pos->n ? pos->v[0] : in.ptr, explain, json);
	rc = err ? hk_cli_fail("sql", err) : HK_EXIT_OK;
cleanup:
	hk_buf_free(&in);
	sqlite3_close(db);
	free(pos);
	return rc;
}
