/*
 * cmd_report.c - `huikan report`: the HTML dashboard, the Excel workbook of the
 * four lists (问题清单, 任务清单, 责任清单, 时限清单) and their CSV files, from a
 * ledger's latest state or the state right after one run.
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "base/error.h"
#include "cli/ledger_cli.h"
#include "cli/engine_cli.h"
#include "engine/pack.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	N_("usage: huikan report [--html FILE] [--xlsx FILE] [--csv DIR] [--run ID] [--as-of DATE]\n"
	"                     [--db REGISTRY] [--ledger DIR | --findings FILE.jsonl [--pack PACK]]\n"
	"                     [--quiet]\n\n"
	"Writes reports of a findings ledger (docs/reports.md); at least one of:\n"
	"  --html FILE   one self-contained HTML dashboard (no network needed, printable):\n"
	"                headline figures, charts, a searchable table of every finding\n"
	"                with its history\n"
	"  --xlsx FILE   an Excel workbook: the summary and the four lists (findings,\n"
	"                tasks, responsibilities, deadlines), in the language chosen\n"
	"  --csv DIR     the same tables as DIR/<name>.csv, named 汇总, 问题清单,\n"
	"                任务清单, 责任清单, 时限清单 ... in every language (UTF-8 with\n"
	"                a BOM for Excel; cells that would run as formulas start with ')\n"
	"A FILE that is a regular file is replaced whole, never half; a device or FIFO\n"
	"such as /dev/null is written in place; - is standard output.\n"
	"options:\n"
	"  --run ID      the state right after run ID (see runs/ in the ledger);\n"
	"                default: the latest state\n"
	"  --as-of DATE  count overdue against DATE (YYYY-MM-DD, YYYY/M/D or YYYYMMDD);\n"
	"                default today (local time), or the day the run was recorded\n"
	"                with --run\n"
	"  --db FILE     the registry (huikan import): names of towns and villages\n"
	"  --ledger DIR  the ledger (default $HUIKAN_LEDGER)\n"
	"  --findings FILE  instead of a ledger: the findings of one run as JSON lines\n"
	"                (huikan run --format jsonl); every finding open, its 发现日期\n"
	"                --as-of (default today); with --db, villages found from the\n"
	"                registry for findings whose evidence does not name one\n"
	"  --pack PACK   with --findings: the pack that made them, for the titles of\n"
	"                its rules beside their ids (a ledger keeps the titles its runs\n"
	"                recorded)\n"
	"  --no-bom      CSV files without the BOM (for pipelines)\n"
	"  --quiet       no summary line on stderr\n"
	"The figures are those of `huikan stats` and the rows those of `huikan findings`.\n");

int hk_cmd_report(int argc, char **argv)
{
	const char *findings = NULL, *pack = NULL, *ledger = NULL, *html = NULL, *xlsx = NULL, *csv = NULL, *run = NULL, *as_of = NULL, *db = NULL;
	int quiet = 0, no_bom = 0, err = 0, rc;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {
		{"--ledger", HK_OPT_VALUE, &ledger}, {"--html", HK_OPT_VALUE, &html},   {"--xlsx", HK_OPT_VALUE, &xlsx},
		{"--csv", HK_OPT_DIR, &csv},       {"--run", HK_OPT_VALUE, &run},     {"--as-of", HK_OPT_VALUE, &as_of},
		{"--quiet", HK_OPT_FLAG, &quiet},    {"-q", HK_OPT_FLAG, &quiet},       {"--db", HK_OPT_VALUE, &db},
		{"--no-bom", HK_OPT_FLAG, &no_bom},  {"--findings", HK_OPT_VALUE, &findings}, {"--pack", HK_OPT_VALUE, &pack},
		{NULL, 0, NULL},
	};
	struct hk_report_model *m = NULL;
	struct hk_pack *p = NULL;
	struct hk_report_title *titles = NULL;
	char assets[4096], day[11];

	if ((rc = hk_cli_opts_parse("report", argc, argv, opts, &pos, usage)) != 0)
		return rc < 0 ? 0 : rc;
	if (pos.n)
		return hk_cli_usage_error("report", "unexpected argument '%s'", pos.v[0]);
	if (!html && !xlsx && !csv)
		return hk_cli_usage_error("report", "name what to write: --html FILE, --xlsx FILE or --csv DIR");
	if (as_of && (rc = hk_cli_date(day, "report", "--as-of", as_of)) != 0)
		return rc;
	if (findings && (ledger || run))
		return hk_cli_usage_error("report", "--findings reports one run without a ledger: not with --ledger or --run");
	if (pack && !findings)
		return hk_cli_usage_error("report", "--pack gives the rule titles of a --findings file: give --findings too");
	snprintf(assets, sizeof(assets), "%s/report", hk_cli_plugins_dir());
	if (findings) {
		size_t nt = 0;
		if (pack) {
			struct hk_limits lim;
			hk_engine_cli_budget_defaults(&lim);
			if ((err = hk_engine_cli_pack_open(&p, "report", pack, &lim)) < 0)
				goto done;
			if (!(titles = calloc(p->nrules + 1, sizeof(*titles)))) {
				err = hk_error_setc(HK_EINTERNAL, "out of memory");
				goto done;
			}
			for (; nt < p->nrules; nt++)
				titles[nt] = (struct hk_report_title){p->rules[nt].id, p->rules[nt].title, p->rules[nt].title_en};
		}
		if ((err = hk_report_model_load_findings(&m, findings, as_of ? day : NULL, db, titles, nt)) < 0)
			goto done;
	} else {
		if ((err = hk_report_model_load(&m, ledger, run, as_of ? day : NULL, !quiet && hk_cli_stderr_is_tty())) < 0)
			goto done;
		if (db && (err = hk_report_model_places(m, db)) < 0)
			goto done;
	}
	if (html && (err = hk_report_html_write(m, html, assets)) < 0)
		goto done;
	if (xlsx && (err = hk_report_xlsx_write(m, xlsx)) < 0)
		goto done;
	if (csv && (err = hk_report_csv_write(m, csv, no_bom)) < 0)
		goto done;
	if (!quiet)
		fprintf(stderr, _("huikan report: %ld findings (%ld open, %ld closed, %ld overdue) as of %s%s%s\n"),
			m->total.findings, m->total.open, m->total.closed, m->total.overdue, m->as_of,
			m->run ? _(", run ") : "", m->run ? m->run : "");
	/* the names of the files written (not of a report written to stdout) */
	if (html && strcmp(html, "-") != 0)
		printf("%s\n", html);
	if (xlsx && strcmp(xlsx, "-") != 0)
		printf("%s\n", xlsx);
	if (csv)
		printf("%s\n", csv);
done:
	hk_report_model_free(m);
	hk_pack_free(p);
	free(titles);
	return err < 0 ? hk_cli_fail("report", err) : 0;
}
