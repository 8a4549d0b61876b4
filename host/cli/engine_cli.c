/*
 * engine_cli.c - the options and lookups shared by run, rules and test (see
 * engine_cli.h).
 */
#include "base/i18n.h"
#include "cli/engine_cli.h"
#include "cli/cli.h"
#include "base/error.h"
#include "base/text.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void hk_engine_cli_budget_defaults(struct hk_limits *lim)
{
	lim->max_instructions = HK_LIMITS_DEFAULT_INSTRUCTIONS;
	lim->max_memory = HK_LIMITS_DEFAULT_MEMORY;
	lim->timeout = HK_LIMITS_DEFAULT_TIMEOUT;
}

/* Checks one budget value and sets it in lim; 0 or HK_EXIT_USAGE (printed). */
static int budget_set(struct hk_limits *lim, const char *cmd, const char *opt, const char *val)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(val, &end);
	if (!*val || *end || errno || !isfinite(v) || v <= 0)
		return hk_cli_usage_error(cmd, "%s %s: not a positive number", opt, val);
	if (strcmp(opt, "--max-instructions") == 0) {
		if (v < 1000 || v > 9e18)
			return hk_cli_usage_error(cmd, "%s %s: between 1000 and 9e18", opt, val);
		lim->max_instructions = (long long)v;
	} else if (strcmp(opt, "--max-memory") == 0) {
		if (v < 1 || v > 1024 * 1024)
			return hk_cli_usage_error(cmd, "%s %s: megabytes between 1 and 1048576", opt, val);
		lim->max_memory = (size_t)(v * 1024 * 1024);
	} else {
		if (v > 86400)
			return hk_cli_usage_error(cmd, "%s %s: at most 86400 seconds", opt, val);
		lim->timeout = v;
	}
	return 0;
}

int hk_engine_cli_budget_apply(struct hk_limits *lim, const char *cmd, const struct hk_budget_args *b)
{
	int rc = 0;
	if (b->max_instructions)
		rc = budget_set(lim, cmd, "--max-instructions", b->max_instructions);
	if (!rc && b->max_memory)
		rc = budget_set(lim, cmd, "--max-memory", b->max_memory);
	if (!rc && b->timeout)
		rc = budget_set(lim, cmd, "--timeout", b->timeout);
	return rc;
}

char *hk_engine_cli_pack_path(const char *pack)
{
	struct stat st;
	const char *audits;
	char *p;

	if (stat(pack, &st) == 0)
		return strdup(pack);
	if (strchr(pack, '/') || !(audits = hk_cli_home_subdir("audits")))
		return NULL;
	if (asprintf(&p, "%s/%s", audits, pack) < 0)
		return NULL;
	if (stat(p, &st) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

/* Says that pack was not found, and where it was looked for, so that a
 * wrong HUIKAN_HOME or a command run from elsewhere shows: a name alone in
 * the current directory and audits/, a path as given. Returns HK_ENOTFOUND. */
static int pack_not_found(const char *pack)
{
	const char *audits, *home = getenv("HUIKAN_HOME");
	char cwd[PATH_MAX];

	if (strchr(pack, '/'))
		return pack[0] == '/'
			       ? hk_error_setc(HK_ENOTFOUND, "%s: no such pack directory or rule file", pack)
			       : hk_error_setc(HK_ENOTFOUND,
					       "%s: no such pack directory or rule file under %s (the current "
					       "directory); a pack that comes with huikan is named alone, e.g. poverty",
					       pack, getcwd(cwd, sizeof(cwd)) ? cwd : ".");
	if ((audits = hk_cli_home_subdir("audits")))
		return hk_error_setc(HK_ENOTFOUND, "%s: no such pack directory or rule file, here or in %s", pack,
				     audits);
	if (home && *home)
		return hk_error_setc(HK_ENOTFOUND,
				     "%s: no such pack directory or rule file, and HUIKAN_HOME=%s has no audits/ "
				     "directory (HUIKAN_HOME is the directory that holds audits/ and plugins/)",
				     pack, home);
	return hk_error_setc(HK_ENOTFOUND,
			     "%s: no such pack directory or rule file, and no audits/ directory was found beside "
			     "this huikan; set HUIKAN_HOME to the directory that holds audits/",
			     pack);
}

int hk_engine_cli_pack_open(struct hk_pack **out, const char *cmd, const char *pack, const struct hk_limits *lim)
{
	char *path = hk_engine_cli_pack_path(pack);
	int err;

	*out = NULL;
	if (!path)
		return pack_not_found(pack);
	err = hk_pack_load(out, path, hk_cli_plugins_dir(), lim);
	free(path);
	if (err)
		return err;
	for (size_t i = 0; i < (*out)->nbroken; i++) {
		fprintf(stderr, _("huikan %s: rule file did not load: "), cmd);
		hk_text_fputs(stderr, (*out)->broken[i], 0);
		fputc('\n', stderr);
	}
	return 0;
}
