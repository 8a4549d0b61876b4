/*
 * ledger_check_tree.c - the per-commit hook on what a commit adds: every new
 * tree entry has a place in the ledger's layout (docs/ledger.md), a safe name
 * and a plain mode, and every new file a content that fits its place.
 */
#include "ledger/ledger_check.h"
#include "base/error.h"
#include "base/finding.h"
#include "base/json.h"
#include "base/sha256.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Places in the layout. */
enum place {
	P_ROOT,     /* ledger.json, roles/, runs/, findings/, evidence/ */
	P_ROLES,    /* roles/<event>.json */
	P_RUNS,     /* runs/<run-id>.json */
	P_FIND1,    /* findings/<aa>/ */
	P_FIND2,    /* findings/<aa>/<bb>/ */
	P_FIND,     /* findings/<aa>/<bb>/<F-id>/ */
	P_FDIR,     /* finding.json, events/ */
	P_EVENTS,   /* events/<event>.json */
	P_EVID1,    /* evidence/<aa>/ */
	P_EVID2,    /* evidence/<aa>/<sha256> */
	P_FILE      /* a file: no entries */
};

struct walk {
	hk_check *v;
	const struct hk_check_commit *c;
	hk_buf path;
	char fid[32];    /* the finding directory being walked */
	int found_added; /* ... and the commit added a found event in it */
	int writer;      /* 0 not yet judged, 1 may add findings, -1 may not (reported once) */
	hk_buf why_writer;
};

static int is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[n] == '\0';
}

/* A name no ledger writes and that harms checkouts or tools: empty, ".",
 * "..", ".git" in any case, with '/', '\\' or a control character. */
static const char *dangerous(const char *name)
{
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return "is not a file name";
	if (strncasecmp(name, ".git", 4) == 0 && (name[4] == '\0' || name[4] == '.' || name[4] == ' '))
		return "is git's own directory name";
	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == '/' || ch == '\\')
			return "has a path separator in a name";
		if (ch < 0x20 || ch == 0x7f)
			return "has a control character (a line break, ...) in its name";
	}
	return NULL;
}

/* Where entry `name` of a directory at place `at` belongs (P_FILE for a file
 * place), or -1 when nowhere. `dir` is the directory's path. */
static int place_of(enum place at, const char *dir, const char *name, int is_tree)
{
	size_t n = strlen(name);
	switch (at) {
	case P_ROOT:
		if (!is_tree)
			return strcmp(name, "ledger.json") == 0 ? P_FILE : -1;
		return strcmp(name, "roles") == 0 ? P_ROLES
		       : strcmp(name, "runs") == 0 ? P_RUNS
		       : strcmp(name, "findings") == 0 ? P_FIND1
		       : strcmp(name, "evidence") == 0 ? P_EVID1
						       : -1;
	case P_ROLES:
	case P_EVENTS:
		return !is_tree ? P_FILE : -1; /* the name is checked with the content */
	case P_RUNS:
		return !is_tree && n > 5 && name[0] != '.' && strcmp(name + n - 5, ".json") == 0 ? P_FILE : -1;
	case P_FIND1:
	case P_FIND2:
		return is_tree && n == 2 && is_hex(name, 2) ? (int)at + 1 : -1;
	case P_FIND: /* dir is "findings/aa/bb" */
		return is_tree && n == HK_FINDING_ID_LEN && strncmp(name, "F-", 2) == 0 && is_hex(name + 2, n - 2) &&
				       strncmp(name + 2, dir + 9, 2) == 0 && strncmp(name + 4, dir + 12, 2) == 0
			       ? P_FDIR
			       : -1;
	case P_FDIR:
		if (is_tree)
			return strcmp(name, "events") == 0 ? P_EVENTS : -1;
		return strcmp(name, "finding.json") == 0 ? P_FILE : -1;
	case P_EVID1:
		return is_tree && n == 2 && is_hex(name, 2) ? P_EVID2 : -1;
	case P_EVID2: /* dir is "evidence/aa" */
		return !is_tree && n == 64 && is_hex(name, 64) && strncmp(name, dir + 9, 2) == 0 ? P_FILE : -1;
	default:
		return -1;
	}
}

static void bad(struct walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(struct walk *w, const char *fmt, ...)
{
	hk_buf msg = HK_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	hk_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	hk_check_report(w->v, "commit %s: %s: %s", w->c->id, w->path.ptr, msg.ptr ? msg.ptr : "?");
	hk_check_reported(w->v, w->path.ptr, 1);
	hk_buf_free(&msg);
}

/* An event added by a validly signed commit (hk_ledger_commit_check_signature):
 * it names the key's owner as actor, and a role change is an admin's (or the
 * founding grant, or a person revoking their own key). */
static void check_signed_event(struct walk *w, const struct hk_event *e, int role_dir)
{
	char ka[256], ks[256], kw[256];
	const hk_roles *roles;
	hk_roles_person_key(ka, sizeof(ka), e->actor);
	hk_roles_person_key(ks, sizeof(ks), w->v->signer);
	if (strcmp(ka, ks) != 0) {
		bad(w, "names %s as its actor, but the commit is signed with the key of %s", e->actor, w->v->signer);
		return;
	}
	if (!role_dir || w->c->nparents == 0)
		return;
	hk_roles_person_key(kw, sizeof(kw), e->who ? e->who : "");
	if (e->type == HK_EV_KEY_REVOKED && strcmp(kw, ks) == 0)
		return;
	if ((roles = hk_check_commit_roles(w->v, w->c)) && !hk_roles_has(roles, w->v->signer, "admin", w->c->lamport))
		bad(w, "a role change signed by %s, who is not an admin at that point", w->v->signer);
}

/* An event file added under roles/ (role_dir) or a finding's events/. */
static void check_event(struct walk *w, const git_blob *b, const char *name, int role_dir)
{
	struct hk_event e;
	unsigned long long lam;
	char *office = NULL, hash[HK_EVENT_HASH_LEN + 1];

	memset(&e, 0, sizeof(e));
	if (hk_event_name_parse(name, &lam, &office, hash) == 0 && hk_event_office_check(office) < 0)
		bad(w, "the office in the name: %s", hk_error_last());
	else if (hk_event_parse(&e, name, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) < 0)
		bad(w, "%s", hk_error_last());
	else if (role_dir && e.type != HK_EV_GRANTED && e.type != HK_EV_REVOKED && e.type != HK_EV_KEY_ADDED &&
		 e.type != HK_EV_KEY_REVOKED)
		bad(w, "a %s event is not a role event", hk_event_type_name(e.type));
	else if (!role_dir && (e.type == HK_EV_GRANTED || e.type == HK_EV_REVOKED || e.type == HK_EV_KEY_ADDED ||
			       e.type == HK_EV_KEY_REVOKED))
		bad(w, "a %s event is not an event of a finding", hk_event_type_name(e.type));
	else if (!role_dir && (!e.finding || strcmp(e.finding, w->fid) != 0))
		bad(w, "names another finding (%s)", e.finding ? e.finding : "none");
	else if (!role_dir && e.type == HK_EV_FOUND)
		w->found_added = 1;
	if (e.actor && w->v->signer[0])
		check_signed_event(w, &e, role_dir);
	if (role_dir && w->v->n && hk_check_reported(w->v, w->path.ptr, 0))
		hk_check_reported(w->v, "roles", 1); /* the state pass would name it again */
	hk_event_clear(&e);
	free(office);
}

/* Judges once per commit whether it may add findings: a run (Huikan-Event:
 * run) of someone who is an admin, officer or inspector at that point. */
static int judge_writer(struct walk *w)
{
	hk_buf actor = HK_BUF_INIT, ev = HK_BUF_INIT;
	const hk_roles *roles;
	int rc;

	if (w->writer)
		return 0;
	w->writer = -1;
	if ((rc = hk_ledger_trailer(&ev, w->c->commit, "Event")) < 0 || (rc = hk_check_commit_actor(&actor, w->c->commit)) < 0)
		goto done;
	rc = 0;
	if (!ev.ptr || strcmp(ev.ptr, "run") != 0) {
		hk_buf_printf(&w->why_writer, "added by a commit that is not a run (Huikan-Event: %s); only a run "
					      "records findings",
			      ev.ptr && *ev.ptr ? ev.ptr : "none");
		goto done;
	}
	if (!(roles = hk_check_commit_roles(w->v, w->c))) {
		hk_buf_printf(&w->why_writer, "added by a run while the roles of the ledger cannot be read");
		goto done;
	}
	if (hk_roles_has(roles, actor.ptr, "admin", w->c->lamport) || hk_roles_has(roles, actor.ptr, "officer", w->c->lamport) ||
	    hk_roles_has(roles, actor.ptr, "inspector", w->c->lamport))
		w->writer = 1;
	else
		hk_buf_printf(&w->why_writer, "added by a run of %s, who is not an admin, officer or inspector of the "
					      "ledger (only they may record runs)",
			      actor.ptr ? actor.ptr : "?");
done:
	hk_buf_free(&actor);
	hk_buf_free(&ev);
	return rc;
}

/* A finding.json added (not by a merge): written by a run of someone allowed
 * to run, with the finding's found event, naming its own id, which is the id
 * of its rule and entity. */
static int check_finding_json(struct walk *w, const git_blob *b)
{
	hk_json *doc = NULL;
	const char *rule, *entity, *id;
	char want[HK_FINDING_ID_LEN + 1];
	int err;

	if ((err = judge_writer(w)) < 0)
		return err;
	if (w->writer < 0) {
		bad(w, "%s", w->why_writer.ptr ? w->why_writer.ptr : "not written by a run");
		return 0;
	}
	if (hk_json_parse(&doc, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) < 0 ||
	    hk_json_type_of(doc) != HK_JSON_OBJECT) {
		bad(w, "not a JSON object (%s)", doc ? "" : hk_error_last());
		goto done;
	}
	rule = hk_json_str(hk_json_get(doc, "rule"));
	entity = hk_json_str(hk_json_get(doc, "entity"));
	id = hk_json_str(hk_json_get(doc, "id"));
	if (rule && entity)
		hk_finding_id(want, rule, entity);
	if (!id || strcmp(id, w->fid) != 0)
		bad(w, "names another finding id (%s)", id ? id : "none");
	else if (!rule || !entity || strcmp(want, id) != 0)
		bad(w, "its id is not the id of its rule and entity (%s)", rule && entity ? want : "they are missing");
	else if (!w->found_added)
		bad(w, "added without the finding's found event");
done:
	hk_json_free(doc);
	return 0;
}

/* Content of an evidence file added: it hashes to its name. */
static void check_evidence_file(struct walk *w, const git_blob *b, const char *name)
{
	char hex[65];
	hk_sha256_hex(hex, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	if (strcmp(hex, name) != 0)
		bad(w, "its content hashes to %s, not to its name (the evidence was changed)", hex);
}

static void check_run_record(struct walk *w, const git_blob *b)
{
	hk_json *doc = NULL;
	if (hk_json_parse(&doc, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) < 0 || hk_json_type_of(doc) != HK_JSON_OBJECT)
		bad(w, "not a run record (%s)", doc ? "not a JSON object" : hk_error_last());
	hk_json_free(doc);
}

static int walk_dir(struct walk *w, enum place at, const git_tree *tree, git_tree **ptrees);

/* An entry that none of the parents has as it is. */
static int new_entry(struct walk *w, enum place at, const git_tree_entry *e, git_tree **ptrees)
{
	const char *name = git_tree_entry_name(e), *why;
	git_filemode_t mode = git_tree_entry_filemode(e);
	int is_tree = mode == GIT_FILEMODE_TREE, to, err = 0;
	size_t base = w->path.len;
	char dir[64];

	snprintf(dir, sizeof(dir), "%s", w->path.ptr ? w->path.ptr : "");
	if (hk_buf_printf(&w->path, "%s%s", base ? "/" : "", name) < 0)
		return HK_EINTERNAL;
	if ((why = dangerous(name)) != NULL) {
		bad(w, "%s", why);
		goto done;
	}
	if (mode == GIT_FILEMODE_LINK) {
		bad(w, "is a symbolic link (a ledger holds plain files only)");
		goto done;
	}
	if (mode == GIT_FILEMODE_COMMIT) {
		bad(w, "is a submodule link (a ledger holds plain files only)");
		goto done;
	}
	if (mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
		bad(w, "is an executable file (a ledger holds plain files only)");
		goto done;
	}
	if (!is_tree && mode != GIT_FILEMODE_BLOB) {
		bad(w, "has the unknown file mode %o", (unsigned)mode);
		goto done;
	}
	if ((to = place_of(at, dir, name, is_tree)) < 0) {
		bad(w, "a %s that belongs nowhere in a ledger (see its layout in docs/ledger.md)",
		    is_tree ? "directory" : "file");
		goto done;
	}
	if (at == P_ROOT && strcmp(name, "roles") == 0)
		w->v->roles_changed = 1;
	if (is_tree) {
		git_tree *t = NULL, **sub = calloc(w->c->nparents + 1, sizeof(*sub));
		if (!sub) {
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
			goto done;
		}
		for (unsigned p = 0; p < w->c->nparents && ptrees; p++) {
			const git_tree_entry *pe = ptrees[p] ? git_tree_entry_byname(ptrees[p], name) : NULL;
			if (pe && git_tree_entry_type(pe) == GIT_OBJECT_TREE)
				git_tree_lookup(&sub[p], w->v->l->repo, git_tree_entry_id(pe));
		}
		if (to == P_FDIR) {
			snprintf(w->fid, sizeof(w->fid), "%s", name);
			w->found_added = 0;
			err = hk_check_touch(w->v, name);
		}
		if (!err && git_tree_lookup(&t, w->v->l->repo, git_tree_entry_id(e)) < 0)
			bad(w, "an unreadable directory");
		else if (!err)
			err = walk_dir(w, (enum place)to, t, sub);
		git_tree_free(t);
		for (unsigned p = 0; p < w->c->nparents; p++)
			git_tree_free(sub[p]);
		free(sub);
		goto done;
	}
	if (w->c->nparents > 1) {
		bad(w, "the merge adds a file that none of its parents has (a merge only joins its parents' files)");
		goto done;
	}
	{
		git_blob *b = NULL;
		if (git_blob_lookup(&b, w->v->l->repo, git_tree_entry_id(e)) < 0) {
			bad(w, "an unreadable file");
			goto done;
		}
		size_t size = (size_t)git_blob_rawsize(b), at_byte;
		if (at != P_EVID2 && (at_byte = hk_text_utf8_invalid(git_blob_rawcontent(b), size)) < size)
			bad(w, "bytes that are not UTF-8 at byte %zu (a ledger's JSON files are UTF-8; no JSON reader "
			       "takes them)",
			    at_byte + 1);
		else if (at == P_ROLES || at == P_EVENTS)
			check_event(w, b, name, at == P_ROLES);
		else if (at == P_FDIR)
			err = check_finding_json(w, b);
		else if (at == P_EVID2)
			check_evidence_file(w, b, name);
		else if (at == P_RUNS)
			check_run_record(w, b);
		else if (at == P_ROOT && w->c->nparents > 0)
			bad(w, "only the first commit of a ledger writes ledger.json");
		git_blob_free(b);
	}
done:
	w->path.len = base;
	if (w->path.ptr)
		w->path.ptr[base] = '\0';
	return err;
}

static int walk_dir(struct walk *w, enum place at, const git_tree *tree, git_tree **ptrees)
{
	int err = 0;
	for (size_t i = 0; i < git_tree_entrycount(tree) && !err; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		int same = 0;
		for (unsigned p = 0; p < w->c->nparents && ptrees && !same; p++) {
			const git_tree_entry *pe = ptrees[p] ? git_tree_entry_byname(ptrees[p], git_tree_entry_name(e)) : NULL;
			same = pe && git_oid_equal(git_tree_entry_id(pe), git_tree_entry_id(e)) &&
			       git_tree_entry_filemode(pe) == git_tree_entry_filemode(e);
		}
		if (!same)
			err = new_entry(w, at, e, ptrees);
	}
	return err;
}

int hk_check_hook_tree(hk_check *v, const struct hk_check_commit *c)
{
	struct walk w;
	int err;
	memset(&w, 0, sizeof(w));
	w.v = v;
	w.c = c;
	if (hk_buf_puts(&w.path, "") < 0)
		return HK_EINTERNAL;
	err = walk_dir(&w, P_ROOT, c->tree, c->ptrees);
	hk_buf_free(&w.path);
	hk_buf_free(&w.why_writer);
	return err;
}
