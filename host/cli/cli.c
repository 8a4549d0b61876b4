/*
 * cli.c - helpers shared by the subcommands: option parsing, usage errors, failure reporting,
 * terminal detection and locating the bundled plugins and data.
 */
#include "cli/cli.h"
#include "base/date.h"
#include "base/error.h"
#include "base/i18n.h"
#include "base/path.h"
#include "base/text.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef HK_DEFAULT_HOME
#define HK_DEFAULT_HOME "/usr/local/share/huikan"
#endif

int hk_cli_opts_parse(const char *cmd, int argc, char **argv, const struct hk_opt *opts, struct hk_strlist *pos,
		  const char *usage)
{
	int only_pos = 0;
	pos->n = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq, *val = NULL;
		size_t nlen;
		const struct hk_opt *o;
		if (only_pos || a[0] != '-' || a[1] == '\0') {
			if (pos->n == sizeof(pos->v) / sizeof(pos->v[0]))
				return hk_cli_usage_error(cmd, "too many arguments");
			pos->v[pos->n++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			hk_cli_usage_print(usage);
			return -1;
		}
		eq = strchr(a, '=');
		nlen = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o && o->name; o++)
			if (strlen(o->name) == nlen && strncmp(o->name, a, nlen) == 0)
				break;
		if (!o || !o->name)
			return hk_cli_usage_error(cmd, "unknown option '%.*s'", (int)nlen, a);
		if (o->kind == HK_OPT_FLAG) {
			if (eq)
				return hk_cli_usage_error(cmd, "option %s takes no value", o->name);
			*(int *)o->dst = 1;
			continue;
		}
		if (eq)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return hk_cli_usage_error(cmd, "option %s needs a value", o->name);
		if (!*val && strcmp(o->name, "--db") == 0)
			return hk_cli_usage_error(cmd, "option %s needs a file name, not an empty value", o->name);
		if (o->kind == HK_OPT_DIR && strcmp(val, "-") == 0)
			return hk_cli_usage_error(cmd,
						  "option %s names a directory for several files: '-' (standard output) "
						  "cannot hold them; give a directory",
						  o->name);
		if (o->kind == HK_OPT_VALUE || o->kind == HK_OPT_DIR) {
			*(const char **)o->dst = val;
		} else {
			struct hk_strlist *l = o->dst;
			if (l->n == sizeof(l->v) / sizeof(l->v[0]))
				return hk_cli_usage_error(cmd, "option %s given too often", o->name);
			l->v[l->n++] = val;
		}
	}
	return 0;
}

/* The format is looked up in the chosen language (base/i18n.h; `make po`
 * extracts the literal formats of its callers). The message quotes values from the command line or the data: control
 * characters are shown, never sent to the terminal (base/text.h). */
int hk_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&msg, hk_tr(fmt), ap);
	va_end(ap);
	fprintf(stderr, _("huikan %s: "), cmd);
	hk_text_fputs(stderr, n < 0 ? _("out of memory") : msg, 0);
	fprintf(stderr, _("\ntry 'huikan %s --help'\n"), cmd);
	free(n < 0 ? NULL : msg);
	return HK_EXIT_USAGE;
}

void hk_cli_usage_print(const char *usage)
{
	/* pieces separated by '\f' are translated one by one (a piece may come
	 * from a macro shared by commands) */
	char piece[8192];
	for (const char *p = usage; *p;) {
		size_t n = strcspn(p, "\f");
		if (n < sizeof(piece)) {
			memcpy(piece, p, n);
			piece[n] = '\0';
			fputs(_(piece), stdout);
		} else {
			fwrite(p, 1, n, stdout);
		}
		p += n + (p[n] == '\f');
	}
}

int hk_cli_fail(const char *cmd, int err)
{
	fprintf(stderr, _("huikan %s: "), cmd);
	/* lines kept (an SQL error shows the statement and a caret under the
	 * failing part); control characters from data still made visible */
	hk_text_fputs(stderr, hk_error_last(), HK_TEXT_LINES);
	fputc('\n', stderr);
	return hk_error_exit_code(err);
}

/* HK_DATE_FORMS as a literal, for the translator (`make po` extracts
 * literals, not macros); the assertion keeps the two the same text. */
static const char date_forms[] = N_("YYYY-MM-DD, YYYY/M/D or YYYYMMDD");
_Static_assert(sizeof(date_forms) == sizeof(HK_DATE_FORMS), "date_forms is HK_DATE_FORMS");

int hk_cli_date(char out[11], const char *cmd, const char *opt, const char *s)
{
	const char *why = "not a date";
	if (s && hk_date_parse(out, s, strlen(s), &why) == 0)
		return 0;
	return hk_cli_usage_error(cmd, "%s '%s': %s; write a date as %s", opt, s ? s : "", _(why), _(date_forms));
}

int hk_cli_cols(const char *s, int cols)
{
	int bytes = 0, shown = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++, bytes++)
		if ((*p & 0xC0) != 0x80)
			shown += *p >= 0xE0 ? 2 : 1;
	return cols + bytes - shown;
}

int hk_cli_width(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			n += *p >= 0xE3 && *p <= 0xEF ? 2 : 1;
	return n;
}

int hk_cli_stderr_is_tty(void)
{
	return isatty(STDERR_FILENO);
}

/* Finds <home>/<name> where home is, in this order: $HUIKAN_HOME; the
 * installed layout <bindir>/../share/huikan (make install); the source tree,
 * the executable's directory or one of its two parents (build/huikan,
 * build/asan/huikan); HK_DEFAULT_HOME. Returns 1 when found (out holds the
 * path), else 0 (out holds the last path tried). */
static int find_home_subdir(char *out, size_t outsz, const char *name)
{
	const char *env = getenv("HUIKAN_HOME");
	char exe[PATH_MAX];
	ssize_t n;

	/* a path too long for out is not found (hk_path_join never cuts one) */
	if (env && *env)
		return hk_path_join(out, outsz, env, name) == 0 && hk_path_is_dir(out);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/'))) {
			*slash = '\0'; /* exe is now the binary's directory */
			if (snprintf(out, outsz, "%s/../share/huikan/%s", exe, name) < (int)outsz &&
			    hk_path_is_dir(out))
				return 1;
			*slash = '/';
		}
		for (int up = 0; up < 3; up++) {
			if (!(slash = strrchr(exe, '/')))
				break;
			*slash = '\0';
			if (hk_path_join(out, outsz, exe, name) == 0 && hk_path_is_dir(out))
				return 1;
		}
	}
	return hk_path_join(out, outsz, HK_DEFAULT_HOME, name) == 0 && hk_path_is_dir(out);
}

const char *hk_cli_plugins_dir(void)
{
	static char dir[PATH_MAX];
	const char *env = getenv("HUIKAN_PLUGINS");
	if (env && *env)
		return env;
	if (!dir[0])
		find_home_subdir(dir, sizeof(dir), "plugins");
	return dir;
}

const char *hk_cli_home_subdir(const char *name)
{
	static _Thread_local char dir[PATH_MAX];
	return find_home_subdir(dir, sizeof(dir), name) ? dir : NULL;
}
