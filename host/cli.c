/*
 * cli.c - helpers shared by the subcommands: usage errors, failure reporting,
 * terminal detection and locating the bundled plugins and data.
 */
#include "cli.h"
#include "error.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef HK_DEFAULT_HOME
#define HK_DEFAULT_HOME "/usr/local/share/huikan"
#endif

int hk_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "huikan %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry 'huikan %s --help'\n", cmd);
	return HK_EXIT_USAGE;
}

int hk_cli_fail(const char *cmd, int err)
{
	fprintf(stderr, "huikan %s: %s\n", cmd, hk_error_last());
	return hk_error_exit_code(err);
}

int hk_cli_stderr_is_tty(void)
{
	return isatty(STDERR_FILENO);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Finds <home>/<name> where home is $HUIKAN_HOME, or an ancestor (up to two
 * levels) of the executable's directory, or HK_DEFAULT_HOME. */
static int find_home_subdir(char *out, size_t outsz, const char *name)
{
	const char *env = getenv("HUIKAN_HOME");
	char exe[PATH_MAX];
	ssize_t n;

	if (env && *env) {
		snprintf(out, outsz, "%s/%s", env, name);
		return is_dir(out);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash)
				break;
			*slash = '\0';
			snprintf(out, outsz, "%s/%s", exe, name);
			if (is_dir(out))
				return 1;
		}
	}
	snprintf(out, outsz, "%s/%s", HK_DEFAULT_HOME, name);
	return is_dir(out);
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
