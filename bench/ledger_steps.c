/*
 * ledger_steps.c - makes many real step commits quickly, for
 * bench/ledger_verify.sh (issue 12's benchmark: `ledger verify` of a ledger
 * with 10,000 signed step commits). A step done by `huikan assign` is a
 * process each; at 10,000 steps on a 1,000,000-finding ledger the process
 * start, the ledger and index open and the roles read add up to hours on a
 * shared machine. This tool runs huikan's own `assign` command
 * (hk_cmd_assign: the same checks, events, commit, signature through
 * `ssh-keygen -Y sign`, index update and object consolidation) once per
 * finding in one process, so every step is still one commit, signed by its
 * actor's key; only the process start is saved.
 *
 *   ledger_steps LEDGER IDS-FILE UNIT DUE KEY [KEY...]
 *
 * IDS-FILE holds one finding id a line; step i is `huikan assign ID --unit
 * UNIT --due DUE --ledger LEDGER --key KEY[i % nkeys]` (for an unsigned
 * ledger give `-` as the one KEY and set $HUIKAN_USER). Each step's output
 * goes to /dev/null; a progress line every 1,000 steps goes to standard
 * error. Exits 1 at the first step that fails (its message on stderr).
 */
#include "cli/cli.h"
#include "base/i18n.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	char line[256];
	FILE *ids;
	long n = 0;
	int out, null, nkeys = argc - 5;
	double t0 = now();

	if (argc < 6) {
		fprintf(stderr, "usage: ledger_steps LEDGER IDS-FILE UNIT DUE KEY [KEY...]\n");
		return 2;
	}
	if (!getenv("TZ"))
		setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	if (hk_lang_init("en") < 0 || !(ids = fopen(argv[2], "r"))) {
		fprintf(stderr, "ledger_steps: cannot read %s\n", argv[2]);
		return 2;
	}
	out = dup(STDOUT_FILENO);
	null = open("/dev/null", O_WRONLY);
	while (fgets(line, sizeof(line), ids)) {
		char *a[12];
		int k = 0, rc;
		const char *key = argv[5 + n % nkeys];

		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		a[k++] = "assign";
		a[k++] = line;
		a[k++] = "--unit";
		a[k++] = argv[3];
		a[k++] = "--due";
		a[k++] = argv[4];
		a[k++] = "--ledger";
		a[k++] = argv[1];
		if (strcmp(key, "-") != 0) {
			a[k++] = "--key";
			a[k++] = (char *)key;
		}
		a[k] = NULL;
		fflush(stdout);
		dup2(null, STDOUT_FILENO);
		rc = hk_cmd_assign(k, a);
		fflush(stdout);
		dup2(out, STDOUT_FILENO);
		if (rc != 0) {
			fprintf(stderr, "ledger_steps: step %ld (assign %s) failed with exit %d\n", n + 1, line, rc);
			return 1;
		}
		if (++n % 1000 == 0)
			fprintf(stderr, "ledger_steps: %ld steps, %.1f s\n", n, now() - t0);
	}
	fclose(ids);
	printf("%ld steps in %.2f s: %.1f ms a step\n", n, now() - t0, n ? 1000 * (now() - t0) / n : 0.0);
	return 0;
}
