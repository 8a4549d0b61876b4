/*
 * ledger_cli.c - option parsing and setup shared by the ledger commands.
 */
#include "ledger_cli.h"
#include "cli.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hk_opts_parse(const char *cmd, int argc, char **argv, const struct hk_opt *opts, struct hk_strlist *pos,
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
			fputs(usage, stdout);
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
		if (o->kind == HK_OPT_VALUE) {
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

int hk_lcli_open(const char *cmd, const char *dir, const char *as, hk_ledger **l, char **actor)
{
	int err = hk_ledger_open(l, dir);
	if (err == 0 && actor && (err = hk_ledger_identity(actor, *l, as)) < 0) {
		hk_ledger_free(*l);
		*l = NULL;
	}
	return err < 0 ? hk_cli_fail(cmd, err) : 0;
}

int hk_read_file(char **out, size_t *len, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	*out = NULL;
	*len = 0;
	if (!f)
		return hk_error_setc(HK_EINPUT, "%s: %s", path, strerror(errno));
	for (;;) {
		size_t r;
		if (cap - n < 65536) {
			char *p = realloc(buf, cap ? cap * 2 : 65536 + 1);
			if (!p) {
				free(buf);
				fclose(f);
				return hk_error_setc(HK_EINTERNAL, "out of memory reading %s", path);
			}
			buf = p;
			cap = cap ? cap * 2 : 65536 + 1;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return hk_error_setc(HK_EINPUT, "%s: read error", path);
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}
