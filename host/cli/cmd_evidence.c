/*
 * cmd_evidence.c - `huikan evidence ID [NAME] [-o FILE|DIR]`: writes a
 * finding's evidence files out of the ledger, byte for byte, under the names
 * they were submitted with.
 */
#include "base/i18n.h"
#include "cli/cli.h"
#include "cli/filter_cli.h"
#include "cli/ledger_cli.h"
#include "base/error.h"
#include "base/file.h"
#include "base/text.h"
#include "ledger/ledger_evidence.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char evidence_usage[] =
	N_("usage: huikan evidence ID [NAME] [-o FILE|DIR] [--ledger DIR]\n\n"
	"Writes the evidence files of a finding (submitted with 'huikan submit\n"
	"--evidence') out of the ledger, byte for byte, under their original names.\n"
	"  ID      the finding: its whole id or a unique prefix of at least 6 hex digits\n"
	"  NAME    one file (as 'huikan show' lists them); without it, every file\n"
	"  -o      a directory to write into (default: the current one); with NAME, a\n"
	"          file name, or - for standard output. A file that exists in the\n"
	"          directory is not replaced: the command stops naming it.\n"
	"When a name was submitted twice with different contents, the latest is NAME\n"
	"and the earlier ones are written as NAME.<first 8 hex digits of their SHA-256>.\n");

struct pick {
	const struct hk_evidence_ref *ref;
	int older; /* a later file has the same name */
};

static int is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Writes data into dir/name, never over an existing file. */
static int write_new(const char *dir, const char *name, const char *data, size_t len)
{
	hk_buf path = HK_BUF_INIT;
	int err = 0;
	struct stat sb;
	size_t n = strlen(dir);
	if (hk_buf_printf(&path, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name) < 0)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if (lstat(path.ptr, &sb) == 0)
		err = hk_error_setc(HK_EINPUT, "%s exists: not replaced (remove it, or give another -o DIR)", path.ptr);
	else if (errno != ENOENT)
		err = hk_error_setc(HK_EINPUT, "%s: %s", path.ptr, hk_strerror(errno));
	else
		err = hk_file_write(path.ptr, data, len);
	if (!err)
		printf("%s\n", path.ptr);
	hk_buf_free(&path);
	return err;
}

int hk_cmd_evidence(int argc, char **argv)
{
	const char *ledger = NULL, *out = NULL;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {{"--ledger", HK_OPT_VALUE, &ledger}, {"-o", HK_OPT_VALUE, &out},
				      {"--output", HK_OPT_VALUE, &out}, {NULL, 0, NULL}};
	char id[HK_FINDING_ID_LEN + 1];
	hk_ledger *l = NULL;
	hk_index *ix = NULL;
	git_commit *head = NULL;
	git_tree *root = NULL;
	struct hk_ledger_finding lf = {0};
	struct pick *picks = NULL;
	size_t n = 0, written = 0;
	char *data = NULL;
	size_t len;
	int rc = hk_cli_opts_parse("evidence", argc, argv, opts, &pos, evidence_usage), err = 0;

	if (rc)
		return rc < 0 ? 0 : rc;
	if (pos.n < 1 || pos.n > 2)
		return hk_cli_usage_error("evidence", "name one finding id, and at most one file name");
	if (pos.n == 1 && out && strcmp(out, "-") == 0)
		return hk_cli_usage_error("evidence", "-o - writes one file: name it (huikan evidence ID NAME -o -)");
	if ((rc = hk_ledger_cli_open("evidence", ledger, NULL, NULL, &l, NULL)) != 0)
		return rc;
	if (strlen(pos.v[0]) < HK_FINDING_ID_LEN && (err = hk_index_open(&ix, l)) < 0)
		goto fail;
	if ((rc = hk_filter_resolve_id(id, "evidence", ix, pos.v[0])) != 0)
		goto done;
	if ((err = hk_ledger_head(&head, l)) < 0 || (head && git_commit_tree(&root, head) < 0) ||
	    (err = hk_ledger_read_finding(&lf, l, root, id)) < 0) {
		err = err < 0 ? err : hk_ledger_git_error(0, "reading the head");
		goto fail;
	}
	/* every file of every event, newest last; duplicates (same name and content) once */
	for (size_t i = 0; i < lf.nevents; i++)
		n += lf.events[i].nevidence;
	if (!(picks = calloc(n + 1, sizeof(*picks)))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto fail;
	}
	n = 0;
	for (size_t i = 0; i < lf.nevents; i++)
		for (size_t k = 0; k < lf.events[i].nevidence; k++) {
			const struct hk_evidence_ref *r = &lf.events[i].evidence[k];
			int dup = 0;
			for (size_t j = 0; j < n; j++) {
				if (strcmp(picks[j].ref->name, r->name) != 0)
					continue;
				if (strcmp(picks[j].ref->sha256, r->sha256) == 0)
					dup = 1;
				else
					picks[j].older = 1;
			}
			if (!dup)
				picks[n++].ref = r;
		}
	if (n == 0) {
		err = hk_error_setc(HK_ENOTFOUND, "%s has no evidence files (they come with 'huikan submit --evidence')", id);
		goto fail;
	}
	if (pos.n == 2) {
		const struct pick *p = NULL;
		hk_buf names = HK_BUF_INIT;
		for (size_t j = 0; j < n; j++) {
			if (strcmp(picks[j].ref->name, pos.v[1]) == 0 && !picks[j].older)
				p = &picks[j];
			hk_buf_printf(&names, "%s%s", j ? ", " : "", picks[j].ref->name);
		}
		if (!p) {
			err = hk_error_setc(HK_ENOTFOUND, "%s has no evidence file named '%s'; its files: %s", id, pos.v[1],
					    names.ptr ? names.ptr : "");
			hk_buf_free(&names);
			goto fail;
		}
		hk_buf_free(&names);
		if ((err = hk_ledger_evidence_read(&data, &len, l, root, p->ref->sha256)) < 0)
			goto fail;
		if (out && !is_dir(out)) {
			/* a file the user named: written whole, as every output file (base/file.h) */
			if ((err = hk_file_write(out, data, len)) < 0)
				goto fail;
			if (strcmp(out, "-") != 0)
				printf("%s\n", out);
			written++;
		} else {
			if (!hk_ledger_evidence_name_safe(p->ref->name)) {
				err = hk_error_setc(HK_EINPUT, "the evidence name '%s' is not a safe file name: write it "
							       "with -o FILE", p->ref->name);
				goto fail;
			}
			if ((err = write_new(out ? out : ".", p->ref->name, data, len)) < 0)
				goto fail;
			written++;
		}
	} else {
		const char *dir = out ? out : ".";
		if (!is_dir(dir)) {
			err = hk_error_setc(HK_EINPUT, "-o %s: not a directory (create it first; -o FILE needs a NAME)", dir);
			goto fail;
		}
		for (size_t j = 0; j < n; j++) {
			hk_buf name = HK_BUF_INIT;
			if (!hk_ledger_evidence_name_safe(picks[j].ref->name)) {
				err = hk_error_setc(HK_EINPUT, "the evidence name '%s' is not a safe file name: nothing "
							       "written for it (write it with NAME -o FILE)",
						    picks[j].ref->name);
				goto fail;
			}
			if (picks[j].older)
				hk_buf_printf(&name, "%s.%.8s", picks[j].ref->name, picks[j].ref->sha256);
			else
				hk_buf_puts(&name, picks[j].ref->name);
			free(data);
			data = NULL;
			if ((err = hk_buf_error(&name)) < 0 ||
			    (err = hk_ledger_evidence_read(&data, &len, l, root, picks[j].ref->sha256)) < 0 ||
			    (err = write_new(dir, name.ptr, data, len)) < 0) {
				hk_buf_free(&name);
				goto fail;
			}
			hk_buf_free(&name);
			written++;
		}
	}
	rc = 0;
	goto done;
fail:
	rc = hk_cli_fail("evidence", err);
	if (written)
		fprintf(stderr, hk_ntr("huikan evidence: %zu file written before the error (listed above)\n",
				       "huikan evidence: %zu files written before the error (listed above)\n", written),
			written);
done:
	free(data);
	free(picks);
	hk_ledger_finding_clear(&lf);
	git_tree_free(root);
	git_commit_free(head);
	hk_index_free(ix);
	hk_ledger_free(l);
	return rc;
}
