/*
 * cmd_export.c - `huikan export`: write a registry db out as CSV files.
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "base/error.h"
#include "base/path.h"
#include "registry/export.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	N_("usage: huikan export --db FILE --out DIR [--chinese] [--encoding utf-8|gb18030]\n"
	"                     [--no-bom]\n"
	"\n"
	"Writes every registry table of the db FILE as DIR/<table>.csv in the import\n"
	"format of docs/registry.md (DIR is created when missing): money as yuan,\n"
	"dates YYYY-MM-DD, empty fields for NULL, rows in insertion order. Importing\n"
	"the files into an empty db gives the same db. UTF-8 files start with a BOM so\n"
	"that Excel reads the Chinese text; a text that a spreadsheet would run as a\n"
	"formula (=, +, -, @ ...) is written after an apostrophe, which import removes.\n"
	"\n"
	"  --db FILE        the registry db (read only)\n"
	"  --out DIR        where the CSV files go\n"
	"  --chinese        Chinese headers, Chinese code terms and 是/否\n"
	"  --encoding ENC   utf-8 (default) or gb18030 (for Chinese Excel)\n"
	"  --no-bom         UTF-8 without the BOM (for pipelines)\n"
	"\n"
	"Prints 'table<TAB>rows' for every table on stdout.\n"
	"Exit status: 0 written, 2 usage or input error, 3 internal error.\n");

int hk_cmd_export(int argc, char **argv)
{
	const char *db_path = NULL, *out = NULL, *enc = NULL, *cmd = "export";
	struct hk_export_opts opts = {0, HK_ENC_UTF8, 0};
	long long rows[HK_SCHEMA_NTABLES] = {0};
	sqlite3 *db = NULL;
	int rc = HK_EXIT_OK, err;

	struct hk_strlist pos;
	const struct hk_opt optv[] = {{"--db", HK_OPT_VALUE, &db_path}, {"--out", HK_OPT_DIR, &out},
				      {"--chinese", HK_OPT_FLAG, &opts.chinese}, {"--encoding", HK_OPT_VALUE, &enc},
				      {"--no-bom", HK_OPT_FLAG, &opts.no_bom}, {NULL, 0, NULL}};

	if ((rc = hk_cli_opts_parse(cmd, argc, argv, optv, &pos, usage)) != 0)
		return rc < 0 ? HK_EXIT_OK : rc;
	if (pos.n)
		return hk_cli_usage_error(cmd, "unexpected argument '%s'", pos.v[0]);
	if (!db_path || !out)
		return hk_cli_usage_error(cmd, "--db FILE and --out DIR are required");
	if (enc && (hk_encoding_parse(&opts.encoding, enc) < 0 || opts.encoding == HK_ENC_AUTO))
		return hk_cli_usage_error(cmd, "--encoding is utf-8 or gb18030, not '%s'", enc);
	if (!hk_path_is_file(db_path)) {
		hk_error_setc(HK_EINPUT, "no db file '%s'", db_path);
		return hk_cli_fail(cmd, HK_EINPUT);
	}
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		hk_error_setc(HK_EINPUT, "'%s' is not a huikan registry db: %s", db_path,
			      db ? sqlite3_errmsg(db) : "out of memory");
		rc = hk_cli_fail(cmd, HK_EINPUT);
		goto done;
	}
	if ((err = hk_schema_check(db, db_path)) < 0) {
		rc = hk_cli_fail(cmd, err);
		goto done;
	}
	if ((err = hk_export_dir(db, out, &opts, rows)) < 0) {
		rc = hk_cli_fail(cmd, err);
		goto done;
	}
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
		printf("%s\t%lld\n", hk_schema_tables[i].name, rows[i]);
done:
	sqlite3_close(db);
	return rc;
}
