/*
 * cmd_query.c - ledger queries: `findings` (a filtered list from the index),
 * `show` (one finding and its whole history, from git), `stats` (closure,
 * overdue and relapse figures by rule, town and unit).
 */
#include "cli/cli.h"
#include "base/date.h"
#include "base/array.h"
#include "base/csvw.h"
#include "base/error.h"
#include "base/i18n.h"
#include "ledger/index.h"
#include "base/json.h"
#include "base/text.h"
#include "cli/ledger_cli.h"
#include "ledger/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum fmt { FMT_TSV, FMT_CSV, FMT_JSON };

static int parse_format(const char *cmd, const char *s, enum fmt *out)
{
	if (!s || strcmp(s, "tsv") == 0 || strcmp(s, "table") == 0)
		*out = FMT_TSV;
	else if (strcmp(s, "csv") == 0)
		*out = FMT_CSV;
	else if (strcmp(s, "json") == 0 || strcmp(s, "jsonl") == 0)
		*out = FMT_JSON;
	else
		return hk_cli_usage_error(cmd, "--format '%s': use tsv, csv or json", s);
	return 0;
}

/* The day overdue is counted against: --as-of, else today (local time).
 * Returns 0 or HK_EXIT_USAGE (reported). */
static int today(char out[11], const char *cmd, const char *as_of)
{
	if (as_of)
		return hk_cli_date(out, cmd, "--as-of", as_of);
	hk_date_today(out);
	return 0;
}

/* Prints one row of n columns in the format. Returns 0 or HK_EINTERNAL. */
static int put_row(enum fmt f, sqlite3_stmt *st, int n, const char *const *names)
{
	hk_buf b = HK_BUF_INIT;
	int err;
	for (int i = 0; i < n; i++) {
		const char *v = (const char *)sqlite3_column_text(st, i);
		int is_null = sqlite3_column_type(st, i) == SQLITE_NULL;
		int is_num = sqlite3_column_type(st, i) == SQLITE_INTEGER || sqlite3_column_type(st, i) == SQLITE_FLOAT;
		if (!v)
			v = "";
		if (f == FMT_JSON) {
			hk_buf_puts(&b, i ? "," : "{");
			hk_json_put_str(&b, names[i], strlen(names[i]));
			hk_buf_putc(&b, ':');
			if (is_null)
				hk_buf_puts(&b, "null");
			else if (is_num)
				hk_buf_puts(&b, v);
			else
				hk_json_put_str(&b, v, strlen(v));
		} else if (f == FMT_CSV) {
			if (i)
				hk_buf_putc(&b, ',');
			hk_csvw_str(&b, v);
		} else {
			/* one cell a column: tabs, line feeds and control
			 * characters of the data shown as escapes */
			if (i)
				hk_buf_putc(&b, '\t');
			hk_text_visible(&b, v, strlen(v), 0);
		}
	}
	if (f == FMT_JSON)
		hk_buf_putc(&b, '}');
	hk_buf_putc(&b, '\n');
	if ((err = hk_buf_error(&b)) == 0) /* one check of the appends above */
		fwrite(b.ptr, 1, b.len, stdout);
	hk_buf_free(&b);
	return err;
}

/* What print_query prints before the rows */
enum { HEADER = 1, BOM = 2 /* csv: the UTF-8 BOM first, for Excel */ };

static void put_header(enum fmt f, int n, const char *const *names, int what)
{
	if (f == FMT_JSON)
		return;
	if (f == FMT_CSV && (what & BOM))
		fputs(HK_CSVW_BOM, stdout);
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? (f == FMT_CSV ? "," : "\t") : "", names[i]);
	putchar('\n');
}

/* Runs a prepared statement and prints every row, after the header when
 * what has HEADER (and BOM); returns rows, or -1 with the error set. */
static long print_query(sqlite3_stmt *st, enum fmt f, int what)
{
	int n = sqlite3_column_count(st), rc;
	const char *names[64];
	long rows = 0;
	for (int i = 0; i < n && i < 64; i++)
		names[i] = sqlite3_column_name(st, i);
	if (what & HEADER)
		put_header(f, n, names, what);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (put_row(f, st, n, names) != 0)
			return -1;
		rows++;
	}
	if (rc != SQLITE_DONE)
		hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
	return rc == SQLITE_DONE ? rows : -1;
}

#define MAX_RULE_GLOB 128  /* bytes of one --rule id or glob */
#define MAX_RULE_GLOBS 256 /* ids or globs in one --rule */

/* True when t is a --rule id or glob: the characters of rule ids (letters,
 * digits, '.', '_', '-') and the wildcards '*' and '?', short. Anything else
 * ('[' classes, very long or pathological patterns that SQLite refuses as
 * "too complex") is a usage error, and matching stays cheap. */
static int rule_glob_valid(const char *t)
{
	size_t n = strlen(t);
	if (n == 0 || n > MAX_RULE_GLOB)
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      strchr("._-*?", *p)))
			return 0;
	return 1;
}

static const char findings_usage[] =
	"usage: huikan findings [--status S[,S...]] [--overdue] [--unit UNIT] [--rule EXPR]\n"
	"                       [--village CODE] [--as-of DATE] [--format tsv|csv|json]\n"
	"                       [--no-bom] [--ledger DIR]\n\n"
	"Lists the findings of a ledger with their current state, from its index.\n"
	"  --status   open, assigned, submitted, absent, closed, waived, reappeared, or\n"
	"             'active' (anything not closed or waived); a comma-separated list\n"
	"  --overdue  assigned findings whose due date is before today (or --as-of)\n"
	"  --rule     rule ids or globs (* and ?), comma-separated (precision.*,funds.benford)\n"
	"  --village  a village or town code, or any prefix of one\n"
	"  --format   csv is UTF-8 with a BOM for Excel (--no-bom: without, for\n"
	"             pipelines); cells that would run as formulas start with '\n";

int hk_cmd_findings(int argc, char **argv)
{
	const char *ledger = NULL, *status = NULL, *unit = NULL, *rule = NULL, *village = NULL, *format = NULL,
		   *as_of = NULL;
	int overdue = 0, no_bom = 0;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {
		{"--ledger", HK_OPT_VALUE, &ledger}, {"--status", HK_OPT_VALUE, &status}, {"--unit", HK_OPT_VALUE, &unit},
		{"--rule", HK_OPT_VALUE, &rule},     {"--village", HK_OPT_VALUE, &village},
		{"--format", HK_OPT_VALUE, &format}, {"--overdue", HK_OPT_FLAG, &overdue},
		{"--as-of", HK_OPT_VALUE, &as_of},   {"--no-bom", HK_OPT_FLAG, &no_bom},
		{NULL, 0, NULL},
	};
	hk_ledger *l = NULL;
	hk_index *ix = NULL;
	sqlite3_stmt *st = NULL;
	hk_buf sql = HK_BUF_INIT;
	char day[11], *copy = NULL;
	const char *binds[300];
	int nb = 1, rc = hk_cli_opts_parse("findings", argc, argv, opts, &pos, findings_usage), err;
	enum fmt f;

	if (rc)
		return rc < 0 ? 0 : rc;
	if (pos.n)
		return hk_cli_usage_error("findings", "unexpected argument '%s'", pos.v[0]);
	if ((rc = parse_format("findings", format, &f)) != 0)
		return rc;
	if ((rc = today(day, "findings", as_of)) != 0)
		return rc;
	binds[0] = day;
	/* the message and the rule's title in the reader's language (the title
	 * last, so that the columns before it keep their places); JSON keeps the
	 * message as recorded (Chinese) and its English rendering */
	hk_buf_printf(&sql, "SELECT id, status, rule, entity, village, unit, person, due,"
			    " CASE WHEN " HK_INDEX_SQL_OVERDUE " THEN " HK_INDEX_SQL_DAYS_OVERDUE " END AS days_overdue,"
			    " relapses, %s, %s AS title FROM findings WHERE 1",
		      f == FMT_JSON ? "message, nullif(message_en, '') AS message_en"
				    : hk_lang_is_zh() ? HK_INDEX_SQL_MESSAGE_ZH " AS message"
						      : HK_INDEX_SQL_MESSAGE_EN " AS message",
		      hk_lang_is_zh() ? HK_INDEX_SQL_TITLE_ZH : HK_INDEX_SQL_TITLE_EN);
	if (status) {
		copy = strdup(status);
		hk_buf_puts(&sql, " AND (0");
		for (char *save = NULL, *t = copy ? strtok_r(copy, ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save)) {
			if (strcmp(t, "active") == 0) {
				hk_buf_puts(&sql, " OR " HK_INDEX_SQL_OPEN);
				continue;
			}
			if (hk_fstate_status_parse(t) == HK_FS_NONE) {
				rc = hk_cli_usage_error("findings", "--status '%s': not a status (open, assigned, submitted, "
								    "absent, closed, waived, reappeared, active)", t);
				goto done;
			}
			hk_buf_printf(&sql, " OR status = '%s'", t);
		}
		hk_buf_puts(&sql, ")");
	}
	if (overdue)
		hk_buf_puts(&sql, " AND " HK_INDEX_SQL_OVERDUE);
	if (unit) {
		binds[nb++] = unit;
		hk_buf_printf(&sql, " AND unit = ?%d", nb);
	}
	if (village) {
		binds[nb++] = village;
		hk_buf_printf(&sql, " AND (village GLOB ?%d || '*' OR town GLOB ?%d || '*')", nb, nb);
	}
	if (rule) {
		char *rc2 = strdup(rule), *save = NULL;
		int nglobs = 0;
		free(copy);
		copy = rc2; /* keeps the tokens alive until done */
		hk_buf_puts(&sql, " AND (0");
		for (char *t = rc2 ? strtok_r(rc2, ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save)) {
			if (strlen(t) > MAX_RULE_GLOB) {
				rc = hk_cli_usage_error("findings", "--rule '%.40s...': %zu characters, at most %d",
							t, strlen(t), MAX_RULE_GLOB);
				goto done;
			}
			if (!rule_glob_valid(t)) {
				rc = hk_cli_usage_error("findings",
							"--rule '%s': not a rule id or glob (letters, digits, '.', '_', "
							"'-', '*' and '?')", t);
				goto done;
			}
			if (++nglobs > MAX_RULE_GLOBS) {
				rc = hk_cli_usage_error("findings", "--rule: more than %d ids or globs",
							MAX_RULE_GLOBS);
				goto done;
			}
			binds[nb++] = t;
			hk_buf_printf(&sql, " OR rule GLOB ?%d", nb);
		}
		hk_buf_puts(&sql, ")");
		if (nglobs == 0) {
			rc = hk_cli_usage_error("findings", "--rule '%s': no rule id or glob", rule);
			goto done;
		}
	}
	hk_buf_puts(&sql, overdue ? " ORDER BY due, id" : " ORDER BY id");
	if ((status && !copy) || (rule && !copy) || (err = hk_buf_error(&sql)) != 0) { /* the appends above */
		rc = hk_cli_fail("findings", hk_error_setc(HK_EINTERNAL, "out of memory"));
		goto done;
	}
	if ((rc = hk_ledger_cli_open("findings", ledger, NULL, &l, NULL)) != 0)
		goto done;
	if ((err = hk_index_open(&ix, l)) < 0) {
		rc = hk_cli_fail("findings", err);
		goto done;
	}
	if (sqlite3_prepare_v2(hk_index_db(ix), sql.ptr, -1, &st, NULL) != SQLITE_OK) {
		rc = hk_cli_fail("findings", hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(hk_index_db(ix))));
		goto done;
	}
	for (int i = 0; i < nb; i++)
		sqlite3_bind_text(st, i + 1, binds[i], -1, SQLITE_STATIC);
	rc = print_query(st, f, HEADER | (no_bom ? 0 : BOM)) < 0 ? hk_cli_fail("findings", HK_EINTERNAL) : 0;
done:
	sqlite3_finalize(st);
	free(copy);
	hk_buf_free(&sql);
	hk_index_free(ix);
	hk_ledger_free(l);
	return rc;
}

static const char show_usage[] =
	"usage: huikan show ID [--format text|json] [--ledger DIR]\n\n"
	"Shows a finding as recorded, its current state and its whole history of\n"
	"events, read from git; events that break the rules are marked.\n";

/* The events not applied (illegal, or superseded by a concurrent one), each
 * with why: every one, whole. */
struct show_ctx {
	struct show_flag {
		const struct hk_event *ev;
		char *why; /* owned */
		enum hk_replay_outcome kind;
	} *v;
	size_t n, cap;
	int err; /* out of memory while noting a flag */
};

/* Replays lf into st, noting why each event not applied was not. */
static void show_replay(struct show_ctx *s, const struct hk_ledger_finding *lf, const hk_roles *roles,
			struct hk_fstate *st)
{
	char why[768];
	hk_fstate_init(st);
	for (size_t i = 0; i < lf->nevents; i++) {
		enum hk_replay_outcome k = hk_replay_step(st, lf->events, i, roles, why, sizeof(why));
		char *copy = NULL;
		if (k == HK_REPLAY_APPLIED || s->err)
			continue;
		if ((s->err = HK_ARRAY_GROW(s->v, s->cap, s->n + 1)) != 0)
			continue;
		if (!(copy = strdup(why))) {
			s->err = hk_error_setc(HK_EINTERNAL, "out of memory");
			continue;
		}
		s->v[s->n].ev = &lf->events[i];
		s->v[s->n].kind = k;
		s->v[s->n++].why = copy;
	}
}

static void show_ctx_free(struct show_ctx *s)
{
	for (size_t i = 0; s && i < s->n; i++)
		free(s->v[i].why);
	if (s)
		free(s->v);
	free(s);
}

/* Why e was not applied, NULL when it was; *kind says illegal or superseded. */
static const char *flag_of(const struct show_ctx *s, const struct hk_event *e, enum hk_replay_outcome *kind)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].ev == e) {
			*kind = s->v[i].kind;
			return s->v[i].why;
		}
	*kind = HK_REPLAY_APPLIED;
	return NULL;
}

/* Prints "LABEL     VALUE" with the value made visible on one line. */
static void show_line(const char *label, const char *value)
{
	printf("%-10s", label);
	hk_text_fputs(stdout, value ? value : "", 0);
	putchar('\n');
}

/* The text form of `show`: every value from the ledger made visible
 * (base/text.h), so that no data can drive the terminal. */
static void show_text(const struct hk_ledger_finding *lf, const struct hk_fstate *st, const struct show_ctx *sc,
		      const char *title)
{
	hk_buf a = HK_BUF_INIT, b = HK_BUF_INIT, c = HK_BUF_INIT;

	show_line("finding", lf->id);
	show_line("rule", lf->rule);
	if (title)
		show_line("title", title);
	show_line("entity", lf->entity);
	show_line("category", lf->category);
	show_line("severity", lf->severity);
	show_line("message", hk_finding_pick(hk_lang(), lf->message, lf->message_en));
	if (lf->village && *lf->village)
		show_line("village", lf->village);
	if (lf->town && *lf->town)
		show_line("town", lf->town);
	printf("status    %s%s\n", hk_fstate_status_name(st->status), st->present ? "" : " (not reproduced by the last run)");
	if (st->unit[0])
		printf("unit      %s%s%s, due %s\n", hk_text_vis(&a, st->unit, 0), st->person[0] ? " / " : "",
		       hk_text_vis(&b, st->person, 0), hk_text_vis(&c, st->due, 0));
	if (st->relapses)
		printf("relapses  %d\n", st->relapses);
	printf("\nhistory:\n");
	for (size_t i = 0; i < lf->nevents; i++) {
		const struct hk_event *e = &lf->events[i];
		enum hk_replay_outcome kind;
		const char *flag = flag_of(sc, e, &kind);
		printf("  %s  %-10s %s", hk_text_vis(&a, e->time, 0), hk_event_type_name(e->type),
		       hk_text_vis(&b, e->actor, 0));
		printf(" [%s, #%llu]\n", hk_text_vis(&a, e->office, 0), e->lamport);
		if (e->run)
			printf("      run %s\n", hk_text_vis(&a, e->run, 0));
		if (e->unit)
			printf("      unit %s%s%s, due %s\n", hk_text_vis(&a, e->unit, 0), e->person ? " / " : "",
			       hk_text_vis(&b, e->person, 0), hk_text_vis(&c, e->due, 0));
		if (e->note)
			printf("      note: %s\n", hk_text_vis(&a, e->note, 0));
		if (e->reason)
			printf("      reason: %s\n", hk_text_vis(&a, e->reason, 0));
		for (size_t k = 0; k < e->nevidence; k++) {
			printf("      evidence %s (%lld bytes)", hk_text_vis(&a, e->evidence[k].name, 0),
			       e->evidence[k].size);
			printf(" evidence/%.2s/%s\n", hk_text_vis(&a, e->evidence[k].sha256, 0),
			       hk_text_vis(&b, e->evidence[k].sha256, 0));
		}
		if (flag && kind == HK_REPLAY_SUPERSEDED)
			printf("      -- no effect, %s\n", hk_text_vis(&a, flag, 0));
		else if (flag)
			printf("      !! illegal, ignored: %s\n", hk_text_vis(&a, flag, 0));
	}
	for (size_t i = 0; i < lf->nproblems; i++)
		printf("  !! %s\n", hk_text_vis(&a, lf->problems[i], 0));
	hk_buf_free(&a);
	hk_buf_free(&b);
	hk_buf_free(&c);
}

int hk_cmd_show(int argc, char **argv)
{
	const char *ledger = NULL, *format = NULL;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {{"--ledger", HK_OPT_VALUE, &ledger}, {"--format", HK_OPT_VALUE, &format},
				      {NULL, 0, NULL}};
	hk_ledger *l = NULL;
	git_commit *head = NULL;
	git_tree *root = NULL;
	hk_roles *roles = NULL;
	struct hk_ledger_finding lf = {0};
	struct hk_fstate st;
	struct show_ctx *sc = NULL;
	int rc = hk_cli_opts_parse("show", argc, argv, opts, &pos, show_usage), err;

	if (rc)
		return rc < 0 ? 0 : rc;
	if (pos.n != 1)
		return hk_cli_usage_error("show", "name one finding id");
	if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return hk_cli_usage_error("show", "--format '%s': use text or json", format);
	if ((rc = hk_ledger_cli_open("show", ledger, NULL, &l, NULL)) != 0)
		return rc;
	if (!(sc = calloc(1, sizeof(*sc)))) {
		rc = hk_cli_fail("show", hk_error_setc(HK_EINTERNAL, "out of memory"));
		goto done;
	}
	if ((err = hk_ledger_head(&head, l)) < 0 || (head && git_commit_tree(&root, head) < 0) ||
	    (err = hk_ledger_read_roles(&roles, l, root)) < 0 ||
	    (err = hk_ledger_read_finding(&lf, l, root, pos.v[0])) < 0) {
		rc = hk_cli_fail("show", err < 0 ? err : HK_EINTERNAL);
		goto done;
	}
	show_replay(sc, &lf, roles, &st);
	if (sc->err) {
		rc = hk_cli_fail("show", sc->err);
		goto done;
	}
	if (format && strcmp(format, "json") == 0) {
		hk_buf b = HK_BUF_INIT;
		hk_buf_printf(&b, "{\"status\":\"%s\",\"present\":%s,\"relapses\":%d,\"finding\":%s,\"events\":[",
			      hk_fstate_status_name(st.status), st.present ? "true" : "false", st.relapses,
			      lf.json && *lf.json ? lf.json : "null");
		while (b.len && (b.ptr[b.len - 1] == '\n' || b.ptr[b.len - 1] == '['))
			if (b.ptr[--b.len] == '[') {
				b.len++;
				break;
			}
		for (size_t i = 0; i < lf.nevents; i++) {
			enum hk_replay_outcome kind;
			const char *flag = flag_of(sc, &lf.events[i], &kind);
			if (i)
				hk_buf_putc(&b, ',');
			if (hk_event_to_json(&b, &lf.events[i]) == 0)
				b.len -= 2; /* drop "}\n" to add the flags */
			hk_buf_puts(&b, ",\"illegal\":");
			if (flag && kind == HK_REPLAY_ILLEGAL)
				hk_json_put_str(&b, flag, strlen(flag));
			else
				hk_buf_puts(&b, "null");
			hk_buf_puts(&b, ",\"superseded\":");
			if (flag && kind == HK_REPLAY_SUPERSEDED)
				hk_json_put_str(&b, flag, strlen(flag));
			else
				hk_buf_puts(&b, "null");
			hk_buf_putc(&b, '}');
		}
		hk_buf_puts(&b, "]}\n");
		err = hk_buf_error(&b); /* the one check of the appends above */
		if (!err)
			fwrite(b.ptr, 1, b.len, stdout);
		hk_buf_free(&b);
		if (err) {
			rc = hk_cli_fail("show", err);
			goto done;
		}
	} else {
		/* the rule's title as the runs recorded it, from the index */
		hk_index *ix = NULL;
		char *title = NULL;
		if ((err = hk_index_open(&ix, l)) < 0 || (err = hk_index_rule_title(&title, ix, lf.rule, hk_lang())) < 0) {
			hk_index_free(ix);
			rc = hk_cli_fail("show", err);
			goto done;
		}
		hk_index_free(ix);
		show_text(&lf, &st, sc, title);
		free(title);
	}
	rc = 0;
done:
	show_ctx_free(sc);
	hk_ledger_finding_clear(&lf);
	hk_roles_free(roles);
	git_tree_free(root);
	git_commit_free(head);
	hk_ledger_free(l);
	return rc;
}

static const char stats_usage[] =
	"usage: huikan stats [--as-of DATE] [--format tsv|csv|json] [--no-bom] [--ledger DIR]\n\n"
	"Closure, overdue and relapse figures of a ledger: totals, then by rule, by\n"
	"town and by unit (open = not closed or waived; closure rate = closed / all;\n"
	"overdue = assigned past the due date), then the aging of overdue findings.\n"
	"csv is UTF-8 with a BOM for Excel (--no-bom: without, for pipelines).\n";

int hk_cmd_stats(int argc, char **argv)
{
	const char *ledger = NULL, *format = NULL, *as_of = NULL;
	struct hk_strlist pos;
	int no_bom = 0;
	const struct hk_opt opts[] = {{"--ledger", HK_OPT_VALUE, &ledger}, {"--format", HK_OPT_VALUE, &format},
				      {"--as-of", HK_OPT_VALUE, &as_of}, {"--no-bom", HK_OPT_FLAG, &no_bom},
				      {NULL, 0, NULL}};
	static const char *const groups[][2] = {
		{"total", "'all'"}, {"rule", "rule"}, {"town", "coalesce(nullif(town, ''), '-')"},
		{"unit", "coalesce(unit, '-')"},
	};
	hk_ledger *l = NULL;
	hk_index *ix = NULL;
	char day[11];
	enum fmt f;
	int rc = hk_cli_opts_parse("stats", argc, argv, opts, &pos, stats_usage), err;

	if (rc)
		return rc < 0 ? 0 : rc;
	if (pos.n)
		return hk_cli_usage_error("stats", "unexpected argument '%s'", pos.v[0]);
	if ((rc = parse_format("stats", format, &f)) != 0)
		return rc;
	if ((rc = today(day, "stats", as_of)) != 0)
		return rc;
	if ((rc = hk_ledger_cli_open("stats", ledger, NULL, &l, NULL)) != 0)
		return rc;
	if ((err = hk_index_open(&ix, l)) < 0) {
		rc = hk_cli_fail("stats", err);
		goto done;
	}
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]) + 1 && rc == 0; g++) {
		hk_buf sql = HK_BUF_INIT;
		sqlite3_stmt *st = NULL;
		const char *title = hk_lang_is_zh() ? HK_INDEX_SQL_TITLE_ZH : HK_INDEX_SQL_TITLE_EN;
		if (g == 1 && f == FMT_JSON) /* a rule: its id, and its title beside it */
			hk_buf_printf(&sql, "SELECT 'rule' AS by, rule AS name, min(%s) AS title, " HK_INDEX_SQL_FIGURES
				      " FROM findings GROUP BY 2 ORDER BY 2", title);
		else if (g == 1)
			hk_buf_printf(&sql, "SELECT 'rule' AS by, rule || coalesce(' ' || min(%s), '') AS name, "
				      HK_INDEX_SQL_FIGURES " FROM findings GROUP BY rule ORDER BY rule", title);
		else if (g < sizeof(groups) / sizeof(groups[0]))
			/* checked once below, with hk_buf_error */
			hk_buf_printf(&sql,
				      "SELECT '%s' AS by, %s AS name, " HK_INDEX_SQL_FIGURES " FROM findings GROUP BY 2 ORDER BY 2",
				      groups[g][0], groups[g][1]);
		else
			hk_buf_puts(&sql, "SELECT 'overdue_aging' AS by, " HK_INDEX_SQL_AGING);
		if ((err = hk_buf_error(&sql)) != 0) {
			rc = hk_cli_fail("stats", err);
		} else if (sqlite3_prepare_v2(hk_index_db(ix), sql.ptr, -1, &st, NULL) != SQLITE_OK) {
			rc = hk_cli_fail("stats", hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(hk_index_db(ix))));
		} else {
			if (sqlite3_bind_parameter_count(st) > 0)
				sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
			if (f != FMT_JSON && g == 4)
				putchar('\n');
			if (print_query(st, f, g == 0 ? HEADER | (no_bom ? 0 : BOM) : g == 4 ? HEADER : 0) < 0)
				rc = hk_cli_fail("stats", HK_EINTERNAL);
		}
		sqlite3_finalize(st);
		hk_buf_free(&sql);
	}
done:
	hk_index_free(ix);
	hk_ledger_free(l);
	return rc;
}
