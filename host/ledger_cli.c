/*
 * ledger_cli.c - setup shared by the ledger commands: opening the ledger and
 * the acting identity, reading files.
 */
#include "ledger_cli.h"
#include "cli.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
