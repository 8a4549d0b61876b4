/*
 * noseccomp.c - runs a command as on a kernel without seccomp, for the test of
 * the rules' fallback (tests/cli/hostile_noseccomp.sh, issue 11).
 *
 *   noseccomp COMMAND [ARG...]
 *
 * Installs a filter that lets every system call through except the two ways
 * of installing a filter: seccomp(2) fails with ENOSYS and
 * prctl(PR_SET_SECCOMP) with EINVAL, which is what a kernel built without
 * CONFIG_SECCOMP_FILTER answers. The filter is inherited across exec and
 * fork, so the command and its children see that kernel. It is a test tool,
 * not part of huikan.
 */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	scmp_filter_ctx ctx;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: noseccomp COMMAND [ARG...]\n");
		return 2;
	}
	if (!(ctx = seccomp_init(SCMP_ACT_ALLOW))) {
		fprintf(stderr, "noseccomp: seccomp_init failed\n");
		return 2;
	}
	rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(seccomp), 0);
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EINVAL), SCMP_SYS(prctl), 1,
			SCMP_A0(SCMP_CMP_EQ, PR_SET_SECCOMP));
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0) {
		fprintf(stderr, "noseccomp: cannot install the filter: %s\n", strerror(-rc));
		return 2;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "noseccomp: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
