/*
 * ledger_evidence.c - reading evidence files back out of a ledger.
 */
#include "ledger/ledger_evidence.h"
#include "base/error.h"
#include "base/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hk_ledger_evidence_read(char **data, size_t *len, hk_ledger *l, const git_tree *root, const char *sha256)
{
	char path[80], hex[65];
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	int err = 0;
	*data = NULL;
	*len = 0;
	if (strlen(sha256) != 64 || strspn(sha256, "0123456789abcdef") != 64)
		return hk_error_setc(HK_EINPUT, "evidence hash '%.80s' is not 64 hex digits", sha256);
	snprintf(path, sizeof(path), "evidence/%.2s/%s", sha256, sha256);
	if (!root || git_tree_entry_bypath(&te, root, path) < 0)
		return hk_error_setc(HK_ENOTFOUND, "the ledger has no file %s (the evidence was not synced here?)", path);
	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB || git_blob_lookup(&blob, l->repo, git_tree_entry_id(te)) < 0) {
		err = hk_ledger_git_error(0, path);
		goto done;
	}
	*len = (size_t)git_blob_rawsize(blob);
	if (!(*data = malloc(*len + 1))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	memcpy(*data, git_blob_rawcontent(blob), *len);
	hk_sha256_hex(hex, *data, *len);
	if (strcmp(hex, sha256) != 0) {
		err = hk_error_setc(HK_EINPUT, "%s: its content hashes to %s, not to its name: the ledger is damaged "
					       "('huikan ledger verify')", path, hex);
		free(*data);
		*data = NULL;
		*len = 0;
	}
done:
	git_blob_free(blob);
	git_tree_entry_free(te);
	return err;
}

int hk_ledger_evidence_name_safe(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > 255 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
			return 0;
	return 1;
}
