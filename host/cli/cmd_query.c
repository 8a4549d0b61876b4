/*
 * cmd_query.c - ledger queries: `findings` (a filtered list from the index),
 * `show` (one finding and its whole history, from git), `stats` (closure,
 * overdue and relapse figures by rule, town and unit).
 */
#include "cli/cli.h"
#include "report/report_lists.h"
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
#include "cli/filter_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* json: one JSON array of objects; jsonl: an object a line (for scripts
 * that read line by line) */
enum fmt { FMT_TSV, FMT_CSV, FMT_JSON, FMT_JSONL };

static int is_json(enum fmt f)
{
	return f == FMT_JSON || f == FMT_JSONL;
}

/* Rows printed so far as the JSON array (FMT_JSON). */
static long json_rows;

static int parse_format(const char *cmd, const char *s, enum fmt *out)
{
	if (!s || strcmp(s, "tsv") == 0 || strcmp(s, "table") == 0)
		*out = FMT_TSV;
	else if (strcmp(s, "csv") == 0)
		*out = FMT_CSV;
	else if (strcmp(s, "json") == 0)
		*out = FMT_JSON;
	else if (strcmp(s, "jsonl") == 0)
		*out = FMT_JSONL;
	else
		return hk_cli_usage_error(cmd, "--format '%s': use tsv, csv, json or jsonl", s);
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

/* The headers of the text forms (tsv, csv) in the reader's language, by
 * the column's name; JSON keeps the names. */
static const char *const col_keys[] = {
	N_("col:id"), N_("col:status"), N_("col:rule"), N_("col:entity"), N_("col:village"), N_("col:unit"),
	N_("col:person"), N_("col:due"), N_("col:days_overdue"), N_("col:relapses"), N_("col:message"),
	N_("col:ready"), N_("col:village_name"), N_("col:town_name"), N_("col:title"), N_("col:by"), N_("col:name"),
	N_("col:findings"), N_("col:open"), N_("col:closed"), N_("col:waived"), N_("col:overdue"),
	N_("col:relapsed"), N_("col:closure_pct"), N_("col:place"), N_("col:days_0_30"), N_("col:days_31_60"),
	N_("col:days_61_90"), N_("col:days_over_90"),
	/* the groups of stats (column by) */
	N_("by:total"), N_("by:rule"), N_("by:town"), N_("by:unit"), N_("by:county"), N_("by:overdue_aging"),
	N_("by:all"),
};

/* Whether the text forms speak words: the headers, statuses and groups of
 * tsv and csv in Chinese (English keeps the names and codes scripts read). */
static int in_words(enum fmt f)
{
	(void)col_keys;
	return !is_json(f) && hk_lang_is_zh();
}

/* A cell in words (in_words): a status, a group of stats, "all". */
static const char *cell_word(char *buf, size_t bufsz, const char *col, const char *v)
{
	if (strcmp(col, "status") == 0 && hk_fstate_status_parse(v) != HK_FS_NONE)
		return hk_fstate_status_label(hk_fstate_status_parse(v));
	if (strcmp(col, "by") == 0 || (strcmp(col, "name") == 0 && strcmp(v, "all") == 0))
		return hk_tr_word(buf, bufsz, "by", v);
	return v;
}

/* Prints one row of n columns in the format. Returns 0 or HK_EINTERNAL. */
static int put_row(enum fmt f, sqlite3_stmt *st, int n, const char *const *names)
{
	hk_buf b = HK_BUF_INIT;
	char word[128];
	int err;
	for (int i = 0; i < n; i++) {
		const char *v = (const char *)sqlite3_column_text(st, i);
		int is_null = sqlite3_column_type(st, i) == SQLITE_NULL;
		int is_num = sqlite3_column_type(st, i) == SQLITE_INTEGER || sqlite3_column_type(st, i) == SQLITE_FLOAT;
		if (!v)
			v = "";
		if (in_words(f))
			v = cell_word(word, sizeof(word), names[i], v);
		if (is_json(f)) {
			if (i == 0 && f == FMT_JSON)
				hk_buf_puts(&b, json_rows++ ? ",\n" : "[");
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
	if (is_json(f))
		hk_buf_putc(&b, '}');
	if (f != FMT_JSON) /* the array's lines end before the next row, or with ] */
		hk_buf_putc(&b, '\n');
	if ((err = hk_buf_error(&b)) == 0) /* one check of the appends above */
		fwrite(b.ptr, 1, b.len, stdout);
	hk_buf_free(&b);
	return err;
}

/* What print_query prints before the rows */
enum { HEADER = 1, BOM = 2 /* csv: the UTF-8 BOM first, for Excel */ };

/* Ends the JSON array of FMT_JSON (printed by put_row): "]", or "[]" when
 * there was no row. */
static void json_end(enum fmt f)
{
	if (f == FMT_JSON)
		fputs(json_rows ? "]\n" : "[]\n", stdout);
}

static void put_header(enum fmt f, int n, const char *const *names, int what)
{
	if (is_json(f))
		return;
	if (f == FMT_CSV && (what & BOM))
		fputs(HK_CSVW_BOM, stdout);
	for (int i = 0; i < n; i++) {
		char word[128];
		printf("%s%s", i ? (f == FMT_CSV ? "," : "\t") : "",
		       in_words(f) ? hk_tr_word(word, sizeof(word), "col", names[i]) : names[i]);
	}
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

static const char findings_usage[] =
	N_("usage: huikan findings [--status S[,S...]] [--overdue] [--unit UNIT] [--rule EXPR]\n"
	"                       [--village V] [--town T] [--db FILE] [--as-of DATE]\n"
	"                       [--format tsv|csv|json|jsonl] [--no-bom] [--ledger DIR]\n\n"
	"Lists the findings of a ledger with their current state, from its index.\n"
	"The column ready is 1 for a finding ready to close (待销号). With --db the\n"
	"columns village_name and town_name follow.\n"
	"  --unit     a unit of the ledger (an unknown one is an error listing them)\n")
	 "\f" HK_FILTER_USAGE
	 "\f" N_("  --format   csv is UTF-8 with a BOM for Excel (--no-bom: without, for\n"
	"             pipelines); cells that would run as formulas start with ';\n"
	"             json is one JSON array, jsonl one JSON object a line\n");

/* The SQL function place_name(code): the name of a town or village from the
 * registry, NULL when unknown. */
static void place_name_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *nm = hk_filter_place_name(sqlite3_user_data(cx), (const char *)sqlite3_value_text(argv[0]));
	(void)argc;
	if (nm)
		sqlite3_result_text(cx, nm, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(cx);
}

/* Opens --db's place names (when given) as the SQL function place_name on the
 * index. Returns 0 or the exit code (printed). */
static int open_names(struct hk_place_names **names, const char *cmd, const char *db, hk_index *ix)
{
	int rc = 0;
	*names = hk_filter_names_open(cmd, db, &rc);
	if (*names)
		sqlite3_create_function(hk_index_db(ix), "place_name", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, *names,
					place_name_fn, NULL, NULL);
	return rc;
}

int hk_cmd_findings(int argc, char **argv)
{
	const char *ledger = NULL, *format = NULL, *as_of = NULL;
	struct hk_filter flt = {0};
	int no_bom = 0;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {
		{"--ledger", HK_OPT_VALUE, &ledger}, {"--format", HK_OPT_VALUE, &format},
		{"--as-of", HK_OPT_VALUE, &as_of},   {"--no-bom", HK_OPT_FLAG, &no_bom},
		HK_FILTER_OPTS(&flt, "--unit"),      {NULL, 0, NULL},
	};
	hk_ledger *l = NULL;
	hk_index *ix = NULL;
	struct hk_place_names *names = NULL;
	sqlite3_stmt *st = NULL;
	hk_buf sql = HK_BUF_INIT;
	char day[11];
	int rc = hk_cli_opts_parse("findings", argc, argv, opts, &pos, findings_usage), err;
	enum fmt f;

	if (rc)
		return rc < 0 ? 0 : rc;
	if (pos.n)
		return hk_cli_usage_error("findings", "unexpected argument '%s'", pos.v[0]);
	if ((rc = parse_format("findings", format, &f)) != 0)
		return rc;
	if ((rc = today(day, "findings", as_of)) != 0)
		return rc;
	if ((rc = hk_ledger_cli_open("findings", ledger, NULL, NULL, &l, NULL)) != 0)
		goto done;
	if ((err = hk_index_open(&ix, l)) < 0) {
		rc = hk_cli_fail("findings", err);
		goto done;
	}
	if ((rc = open_names(&names, "findings", flt.db, ix)) != 0)
		goto done;
	hk_buf_puts(&sql, "SELECT id, status, rule, entity, village, unit, person, due,"
			  " CASE WHEN " HK_INDEX_SQL_OVERDUE " THEN " HK_INDEX_SQL_DAYS_OVERDUE " END AS days_overdue,"
			  " relapses, ");
	/* the message and the rule's title in the reader's language (the title
	 * after the columns scripts read by place); JSON keeps the message as
	 * recorded (Chinese) and its English rendering */
	hk_buf_printf(&sql, "%s, " HK_FILTER_SQL_READY " AS ready",
		      is_json(f) ? "message, nullif(message_en, '') AS message_en"
		      : hk_lang_is_zh() ? HK_INDEX_SQL_MESSAGE_ZH " AS message"
					: HK_INDEX_SQL_MESSAGE_EN " AS message");
	if (names)
		hk_buf_puts(&sql, ", place_name(village) AS village_name, place_name(town) AS town_name");
	hk_buf_printf(&sql, ", %s AS title", hk_lang_is_zh() ? HK_INDEX_SQL_TITLE_ZH : HK_INDEX_SQL_TITLE_EN);
	hk_buf_puts(&sql, " FROM findings WHERE 1");
	if ((rc = hk_filter_where(&sql, "findings", &flt, ix, l)) != 0)
		goto done;
	hk_buf_puts(&sql, flt.overdue ? " ORDER BY due, id" : " ORDER BY id");
	if ((err = hk_buf_error(&sql)) != 0) { /* the appends above */
		rc = hk_cli_fail("findings", hk_error_setc(HK_EINTERNAL, "out of memory"));
		goto done;
	}
	if (sqlite3_prepare_v2(hk_index_db(ix), sql.ptr, -1, &st, NULL) != SQLITE_OK) {
		rc = hk_cli_fail("findings", hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(hk_index_db(ix))));
		goto done;
	}
	hk_filter_bind(st, &flt, day);
	rc = print_query(st, f, HEADER | (no_bom ? 0 : BOM)) < 0 ? hk_cli_fail("findings", HK_EINTERNAL) : 0;
	if (rc == 0)
		json_end(f);
done:
	sqlite3_finalize(st);
	hk_filter_clear(&flt);
	hk_buf_free(&sql);
	hk_index_free(ix);
	hk_filter_names_free(names);
	hk_ledger_free(l);
	return rc;
}

static const char show_usage[] =
	N_("usage: huikan show ID [--format text|json] [--db FILE] [--ledger DIR]\n\n"
	"Shows a finding as recorded, its current state, its evidence files (name and\n"
	"size; 'huikan evidence ID' writes them out) and its whole history of events,\n"
	"read from git; events that break the rules are marked. ID: the whole id or a\n"
	"unique prefix of at least 6 hex digits. --db: the registry, for the names of\n"
	"the town and village.\n");

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

/* The labels of `show` (keys "show:<label>", base/i18n.h hk_tr_key). */
static const char *const show_keys[] = {
	N_("show:finding"), N_("show:rule"), N_("show:title"), N_("show:entity"), N_("show:category"),
	N_("show:severity"), N_("show:message"), N_("show:village"), N_("show:town"), N_("show:status"),
	N_("show:unit"), N_("show:relapses"),
	/* the categories of the poverty pack (another pack's show as they are) */
	N_("category:precision"), N_("category:assignment"), N_("category:funds"),
};

/* A code (severity, category) in words of the reader's language, into buf. */
static const char *code_word(char *buf, size_t bufsz, const char *kind, const char *code)
{
	if (!hk_lang_is_zh())
		return code;
	snprintf(buf, bufsz, "%s:%s", kind, code ? code : "");
	snprintf(buf, bufsz, "%s", hk_tr_key(buf));
	return buf;
}

/* Prints a label of `show`: "label     " in English (the names scripts
 * read), "标签：" in another language. */
static void show_label(const char *label)
{
	char key[64];
	(void)show_keys;
	if (!hk_lang_is_zh()) {
		printf("%-10s", label);
		return;
	}
	snprintf(key, sizeof(key), "show:%s", label);
	printf(_("%s: "), hk_tr_key(key));
}

/* Prints "LABEL     VALUE" with the value made visible on one line. */
static void show_line(const char *label, const char *value)
{
	show_label(label);
	hk_text_fputs(stdout, value ? value : "", 0);
	putchar('\n');
}

/* Prints "LABEL     CODE NAME" for a village or town when the code is known
 * (the name when --db has it). */
static void show_place(const char *label, const char *code, struct hk_place_names *names, hk_buf *tmp)
{
	const char *nm;
	if (!code || !*code)
		return;
	show_label(label);
	hk_text_fputs(stdout, code, 0);
	if ((nm = hk_filter_place_name(names, code)))
		printf(" %s", hk_text_vis(tmp, nm, 0));
	putchar('\n');
}

/* The text form of `show`: every value from the ledger made visible
 * (base/text.h), so that no data can drive the terminal. */
static void show_text(const struct hk_ledger_finding *lf, const struct hk_fstate *st, const struct show_ctx *sc,
		      struct hk_place_names *names, const char *title)
{
	size_t nev = 0;
	hk_buf a = HK_BUF_INIT, b = HK_BUF_INIT, c = HK_BUF_INIT;
	char tbuf[64];

	show_line("finding", lf->id);
	show_line("rule", lf->rule);
	if (title)
		show_line("title", title);
	show_line("entity", lf->entity);
	show_line("category", code_word(tbuf, sizeof(tbuf), "category", lf->category));
	show_line("severity", code_word(tbuf, sizeof(tbuf), "severity", lf->severity));
	show_line("message", hk_finding_pick(hk_lang(), lf->message, lf->message_en));
	show_place("village", lf->village, names, &a);
	show_place("town", lf->town, names, &a);
	show_label("status");
	printf("%s%s\n", hk_fstate_status_label(st->status),
	       st->present ? ""
	       : (st->status == HK_FS_SUBMITTED || st->status == HK_FS_ABSENT)
		       ? _(" (not reproduced by the last run: ready to close, 待销号)")
		       : _(" (not reproduced by the last run)"));
	if (st->unit[0]) {
		show_label("unit");
		printf(_("%s%s%s, due %s\n"), hk_text_vis(&a, st->unit, 0), st->person[0] ? " / " : "",
		       hk_text_vis(&b, st->person, 0), hk_text_vis(&c, st->due, 0));
	}
	if (st->relapses) {
		show_label("relapses");
		printf("%d\n", st->relapses);
	}
	for (size_t i = 0; i < lf->nevents; i++)
		nev += lf->events[i].nevidence;
	if (nev) {
		printf(_("\nevidence: (huikan evidence %s [NAME] -o DIR)\n"), lf->id);
		for (size_t i = 0; i < lf->nevents; i++)
			for (size_t k = 0; k < lf->events[i].nevidence; k++) {
				printf(_("  %s  %lld bytes"), hk_text_vis(&a, lf->events[i].evidence[k].name, 0),
				       lf->events[i].evidence[k].size);
				printf("  (%s %s)\n", hk_event_type_label(lf->events[i].type),
				       hk_text_vis(&b, hk_time_local(tbuf, lf->events[i].time), 0));
			}
	}
	printf("%s", _("\nhistory:\n"));
	for (size_t i = 0; i < lf->nevents; i++) {
		const struct hk_event *e = &lf->events[i];
		enum hk_replay_outcome kind;
		const char *flag = flag_of(sc, e, &kind);
		if (hk_lang_is_zh())
			printf("  %s  %s  %s", hk_text_vis(&a, hk_time_local(tbuf, e->time), 0), hk_event_type_label(e->type),
			       hk_text_vis(&b, e->actor, 0));
		else
			printf("  %s  %-10s %s", hk_text_vis(&a, hk_time_local(tbuf, e->time), 0), hk_event_type_name(e->type),
			       hk_text_vis(&b, e->actor, 0));
		printf(" [%s, #%llu]\n", hk_text_vis(&a, e->office, 0), e->lamport);
		if (e->run)
			printf(_("      run %s\n"), hk_text_vis(&a, e->run, 0));
		if (e->unit)
			printf(_("      unit %s%s%s, due %s\n"), hk_text_vis(&a, e->unit, 0), e->person ? " / " : "",
			       hk_text_vis(&b, e->person, 0), hk_text_vis(&c, e->due, 0));
		{ /* the rectification plan an assignment carries (整改台账) */
			const struct {
				const char *fmt, *v;
			} plan[] = {{N_("      measure: %s\n"), e->measure},
				    {N_("      goal: %s\n"), e->goal},
				    {N_("      lead unit: %s\n"), e->lead_unit},
				    {N_("      supporting units: %s\n"), e->support_unit},
				    {N_("      leader: %s\n"), e->leader},
				    {N_("      deadline: %s\n"),
				     e->deadline_kind ? hk_report_lists_deadline_words(e->deadline_kind) : NULL}};
			for (size_t k = 0; k < sizeof(plan) / sizeof(plan[0]); k++)
				if (plan[k].v)
					printf(_(plan[k].fmt), hk_text_vis(&a, plan[k].v, 0));
		}
		if (e->note)
			printf(_("      note: %s\n"), hk_text_vis(&a, e->note, 0));
		if (e->reason)
			printf(_("      reason: %s\n"), hk_text_vis(&a, e->reason, 0));
		for (size_t k = 0; k < e->nevidence; k++) {
			printf(_("      evidence %s (%lld bytes)"), hk_text_vis(&a, e->evidence[k].name, 0),
			       e->evidence[k].size);
			printf(" evidence/%.2s/%s\n", hk_text_vis(&a, e->evidence[k].sha256, 0),
			       hk_text_vis(&b, e->evidence[k].sha256, 0));
		}
		if (flag && kind == HK_REPLAY_SUPERSEDED)
			printf(_("      -- no effect, %s\n"), hk_text_vis(&a, flag, 0));
		else if (flag)
			printf(_("      !! illegal, ignored: %s\n"), hk_text_vis(&a, flag, 0));
	}
	for (size_t i = 0; i < lf->nproblems; i++)
		printf("  !! %s\n", hk_text_vis(&a, lf->problems[i], 0));
	hk_buf_free(&a);
	hk_buf_free(&b);
	hk_buf_free(&c);
}

int hk_cmd_show(int argc, char **argv)
{
	const char *ledger = NULL, *format = NULL, *db = NULL;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {{"--ledger", HK_OPT_VALUE, &ledger}, {"--format", HK_OPT_VALUE, &format},
				      {"--db", HK_OPT_VALUE, &db}, {NULL, 0, NULL}};
	char id[HK_FINDING_ID_LEN + 1];
	struct hk_place_names *names = NULL;
	hk_index *ix = NULL;
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
	if ((rc = hk_ledger_cli_open("show", ledger, NULL, NULL, &l, NULL)) != 0)
		return rc;
	if (strlen(pos.v[0]) < HK_FINDING_ID_LEN && (err = hk_index_open(&ix, l)) < 0) {
		rc = hk_cli_fail("show", err);
		goto done;
	}
	if ((rc = hk_filter_resolve_id(id, "show", ix, pos.v[0])) != 0)
		goto done;
	if (db && !(names = hk_filter_names_open("show", db, &rc)) && rc)
		goto done;
	if (!(sc = calloc(1, sizeof(*sc)))) {
		rc = hk_cli_fail("show", hk_error_setc(HK_EINTERNAL, "out of memory"));
		goto done;
	}
	if ((err = hk_ledger_head(&head, l)) < 0 || (head && git_commit_tree(&root, head) < 0) ||
	    (err = hk_ledger_read_roles(&roles, l, root)) < 0 ||
	    (err = hk_ledger_read_finding(&lf, l, root, id)) < 0) {
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
		char *title = NULL;
		if ((!ix && (err = hk_index_open(&ix, l)) < 0) ||
		    (err = hk_index_rule_title(&title, ix, lf.rule, hk_lang())) < 0) {
			rc = hk_cli_fail("show", err);
			goto done;
		}
		show_text(&lf, &st, sc, names, title);
		free(title);
	}
	rc = 0;
done:
	show_ctx_free(sc);
	hk_filter_names_free(names);
	hk_index_free(ix);
	hk_ledger_finding_clear(&lf);
	hk_roles_free(roles);
	git_tree_free(root);
	git_commit_free(head);
	hk_ledger_free(l);
	return rc;
}

static const char stats_usage[] =
	N_("usage: huikan stats [--as-of DATE] [--format tsv|csv|json|jsonl] [--no-bom] [--db FILE] [--ledger DIR]\n\n"
	"Closure, overdue and relapse figures of a ledger: totals, then by rule, by\n"
	"town, by unit and by county (open = not closed or waived; closure rate = closed / all;\n"
	"overdue = assigned past the due date; ready = ready to close, 待销号), then\n"
	"the aging of overdue findings. --db: the registry, for the names of towns\n"
	"(column place).\n"
	"csv is UTF-8 with a BOM for Excel (--no-bom: without, for pipelines); json is\n"
	"one JSON array, jsonl one JSON object a line.\n");

int hk_cmd_stats(int argc, char **argv)
{
	const char *ledger = NULL, *format = NULL, *as_of = NULL, *db = NULL;
	struct hk_strlist pos;
	int no_bom = 0;
	const struct hk_opt opts[] = {{"--ledger", HK_OPT_VALUE, &ledger}, {"--format", HK_OPT_VALUE, &format},
				      {"--as-of", HK_OPT_VALUE, &as_of}, {"--no-bom", HK_OPT_FLAG, &no_bom},
				      {"--db", HK_OPT_VALUE, &db}, {NULL, 0, NULL}};
	struct hk_place_names *names = NULL;
	static const char *const groups[][2] = {
		{"total", "'all'"}, {"rule", "rule"}, {"town", "coalesce(nullif(town, ''), '-')"},
		{"unit", "coalesce(unit, '-')"},
		{"county", HK_INDEX_SQL_COUNTY},
	};
	const size_t ngroups = sizeof(groups) / sizeof(groups[0]);
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
	if ((rc = hk_ledger_cli_open("stats", ledger, NULL, NULL, &l, NULL)) != 0)
		return rc;
	if ((err = hk_index_open(&ix, l)) < 0) {
		rc = hk_cli_fail("stats", err);
		goto done;
	}
	if ((rc = open_names(&names, "stats", db, ix)) != 0)
		goto done;
	for (size_t g = 0; g < ngroups + 1 && rc == 0; g++) {
		hk_buf sql = HK_BUF_INIT;
		sqlite3_stmt *st = NULL;
		const char *title = hk_lang_is_zh() ? HK_INDEX_SQL_TITLE_ZH : HK_INDEX_SQL_TITLE_EN;
		if (g == 1 && is_json(f)) /* a rule: its id, and its title beside it */
			hk_buf_printf(&sql, "SELECT 'rule' AS by, rule AS name, min(%s) AS title, " HK_INDEX_SQL_FIGURES
				      ", sum(" HK_FILTER_SQL_READY ") AS ready%s FROM findings GROUP BY 2 ORDER BY 2", title,
				      names ? ", NULL AS place" : "");
		else if (g == 1)
			hk_buf_printf(&sql, "SELECT 'rule' AS by, rule || coalesce(' ' || min(%s), '') AS name, "
				      HK_INDEX_SQL_FIGURES ", sum(" HK_FILTER_SQL_READY ") AS ready%s FROM findings"
				      " GROUP BY rule ORDER BY rule", title, names ? ", NULL AS place" : "");
		else if (g < ngroups)
			/* checked once below, with hk_buf_error */
			hk_buf_printf(&sql,
				      "SELECT '%s' AS by, %s AS name, " HK_INDEX_SQL_FIGURES ", sum(" HK_FILTER_SQL_READY
				      ") AS ready%s FROM findings GROUP BY 2 ORDER BY 2",
				      groups[g][0], groups[g][1],
				      !names ? "" : g == 2 ? ", place_name(min(town)) AS place" : ", NULL AS place");
		else
			hk_buf_puts(&sql, "SELECT 'overdue_aging' AS by, " HK_INDEX_SQL_AGING);
		if ((err = hk_buf_error(&sql)) != 0) {
			rc = hk_cli_fail("stats", err);
		} else if (sqlite3_prepare_v2(hk_index_db(ix), sql.ptr, -1, &st, NULL) != SQLITE_OK) {
			rc = hk_cli_fail("stats", hk_error_setc(HK_EINTERNAL, "index: %s", sqlite3_errmsg(hk_index_db(ix))));
		} else {
			if (sqlite3_bind_parameter_count(st) > 0)
				sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
			if (!is_json(f) && g == ngroups)
				putchar('\n');
			if (print_query(st, f, g == 0 ? HEADER | (no_bom ? 0 : BOM) : g == ngroups ? HEADER : 0) < 0)
				rc = hk_cli_fail("stats", HK_EINTERNAL);
		}
		sqlite3_finalize(st);
		hk_buf_free(&sql);
	}
	if (rc == 0)
		json_end(f);
done:
	hk_index_free(ix);
	hk_filter_names_free(names);
	hk_ledger_free(l);
	return rc;
}
