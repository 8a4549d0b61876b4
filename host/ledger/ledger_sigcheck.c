/*
 * ledger_sigcheck.c - the signature of each commit of a signed ledger (see
 * hk_ledger_commit_check_signature in ledger_check.h): parsed and verified
 * in-process (base/sshsig.h, libsodium), the key's owner looked up in the
 * roles replayed up to the commit.
 */
#include "ledger/ledger_check.h"
#include "base/error.h"
#include "base/json.h"
#include "base/sshsig.h"

#include <stdlib.h>
#include <string.h>

/* 1 when the ledger.json of c's tree says "signed": true, 0 when not (or
 * there is none: the tree hook reports that), cached by blob id. */
static int ledger_signed(hk_check *v, const struct hk_check_commit *c)
{
	git_tree_entry *te = NULL;
	git_blob *b = NULL;
	hk_json *doc = NULL;
	int on = 0;
	if (git_tree_entry_bypath(&te, c->tree, "ledger.json") < 0)
		return 0;
	if (v->signed_state && git_oid_equal(&v->signed_json, git_tree_entry_id(te))) {
		git_tree_entry_free(te);
		return v->signed_state > 0;
	}
	git_oid_cpy(&v->signed_json, git_tree_entry_id(te));
	if (git_blob_lookup(&b, v->l->repo, git_tree_entry_id(te)) == 0 &&
	    hk_json_parse(&doc, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) == 0)
		on = hk_json_bool(hk_json_get(doc, "signed"));
	v->signed_state = on ? 1 : -1;
	hk_json_free(doc);
	git_blob_free(b);
	git_tree_entry_free(te);
	return on;
}

int hk_ledger_commit_check_signature(hk_check *v, const struct hk_check_commit *c)
{
	git_buf sig = {0}, data = {0};
	struct hk_sshsig s;
	hk_buf key = HK_BUF_INIT, actor = HK_BUF_INIT;
	const hk_roles *roles;
	const char *owner;
	char ka[256], ko[256];
	int rc, err = 0, revoked = 0;

	v->signer[0] = '\0';
	if (!ledger_signed(v, c))
		return 0;
	rc = git_commit_extract_signature(&sig, &data, v->l->repo, (git_oid *)git_commit_id(c->commit), "gpgsig");
	if (rc == GIT_ENOTFOUND) {
		hk_check_report(v, "commit %s: not signed (in a signed ledger every commit carries its actor's SSH "
				   "signature)", c->id);
		goto done;
	}
	if (rc < 0) {
		hk_check_report(v, "commit %s: its signature cannot be read (%s)", c->id,
				git_error_last() ? git_error_last()->message : "?");
		goto done;
	}
	if (hk_sshsig_parse(&s, sig.ptr, sig.size) < 0) {
		hk_check_report(v, "commit %s: bad signature: %s", c->id, hk_error_last());
		goto done;
	}
	if (hk_sshsig_verify(&s, "git", data.ptr, data.size) < 0) {
		hk_check_report(v, "commit %s: bad signature: %s (the commit was changed after it was signed, or "
				   "signed for something else)",
				c->id, hk_error_last());
		goto done;
	}
	if ((err = hk_sshsig_pubkey_format(&key, s.pk)) < 0 || (err = hk_check_commit_actor(&actor, c->commit)) < 0)
		goto done;
	if (!(roles = hk_check_commit_roles(v, c))) {
		hk_check_report(v, "commit %s: its signer cannot be known: the roles of the ledger cannot be read", c->id);
		goto done;
	}
	/* the founding commit is signed by the key its own grant binds */
	owner = hk_roles_key_owner(roles, key.ptr, c->nparents ? c->lamport : c->lamport + 1, &revoked);
	if (!owner) {
		hk_check_report(v, "commit %s: signed with a key %s (%s)", c->id,
				revoked ? "revoked before it" : "that belongs to no one in the ledger at that point",
				key.ptr);
		goto done;
	}
	hk_roles_person_key(ka, sizeof(ka), actor.ptr ? actor.ptr : "");
	hk_roles_person_key(ko, sizeof(ko), owner);
	if (strcmp(ka, ko) != 0) {
		hk_check_report(v, "commit %s: its actor is %s, but it is signed with the key of %s", c->id,
				actor.ptr ? actor.ptr : "?", owner);
		goto done;
	}
	snprintf(v->signer, sizeof(v->signer), "%s", owner);
done:
	hk_buf_free(&key);
	hk_buf_free(&actor);
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	return err;
}
