/*
 * ledger_read.c - reading findings, their events and the roles from a ledger
 * tree; replaying a finding; where a finding is (village, town).
 */
#include "ledger/ledger.h"
#include "ledger/replay.h"
#include "base/error.h"
#include "base/array.h"
#include "base/json.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int event_cmp(const void *a, const void *b)
{
	const struct hk_event *x = a, *y = b;
	int c;
	if (x->lamport != y->lamport)
		return x->lamport < y->lamport ? -1 : 1;
	if ((c = strcmp(x->office ? x->office : "", y->office ? y->office : "")) != 0)
		return c;
	return strcmp(x->hash, y->hash);
}

void hk_ledger_events_sort(struct hk_event *ev, size_t n)
{
	if (n)
		qsort(ev, n, sizeof(*ev), event_cmp);
}

static int add_problem(struct hk_ledger_finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int add_problem(struct hk_ledger_finding *f, const char *fmt, ...)
{
	char msg[1024], **v;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!(v = realloc(f->problems, (f->nproblems + 1) * sizeof(*v))) || !(v[f->nproblems] = strdup(msg))) {
		if (v)
			f->problems = v;
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	f->problems = v;
	f->nproblems++;
	return 0;
}

static char *dup_member(const hk_json *doc, const char *key)
{
	const char *s = hk_json_str(hk_json_get(doc, key));
	return strdup(s ? s : "");
}

static int read_finding_json(struct hk_ledger_finding *f, const char *dirpath, const git_blob *blob)
{
	hk_json *doc = NULL;
	size_t len = (size_t)git_blob_rawsize(blob);
	int err = 0;
	if (!(f->json = strndup(git_blob_rawcontent(blob), len)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if (hk_json_parse(&doc, f->json, len) < 0 || hk_json_type_of(doc) != HK_JSON_OBJECT) {
		err = add_problem(f, "%s/finding.json: %s", dirpath, doc ? "not a JSON object" : hk_error_last());
		goto done;
	}
	f->rule = dup_member(doc, "rule");
	f->entity = dup_member(doc, "entity");
	f->category = dup_member(doc, "category");
	f->severity = dup_member(doc, "severity");
	f->message = dup_member(doc, "message");
	f->village = dup_member(doc, "village");
	f->town = dup_member(doc, "town");
	if (!f->rule || !f->entity || !f->category || !f->severity || !f->message || !f->village || !f->town)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	else if (strcmp(hk_json_str(hk_json_get(doc, "id")) ? hk_json_str(hk_json_get(doc, "id")) : "", f->id) != 0)
		err = add_problem(f, "%s/finding.json: names another finding id", dirpath);
done:
	hk_json_free(doc);
	return err;
}

int hk_ledger_read_finding_tree(struct hk_ledger_finding *f, hk_ledger *l, const git_tree *dir, const char *id)
{
	const git_tree_entry *te;
	git_blob *blob = NULL;
	git_tree *evt = NULL;
	hk_buf dirpath = HK_BUF_INIT;
	int err;

	memset(f, 0, sizeof(*f));
	if (!(f->id = strdup(id)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if ((err = hk_ledger_finding_dir(&dirpath, id)) < 0)
		goto done;
	te = git_tree_entry_byname(dir, "finding.json");
	if (!te || git_blob_lookup(&blob, l->repo, git_tree_entry_id(te)) < 0)
		err = add_problem(f, "%s: no finding.json", dirpath.ptr);
	else
		err = read_finding_json(f, dirpath.ptr, blob);
	if (err < 0)
		goto done;
	te = git_tree_entry_byname(dir, "events");
	if (te && git_tree_lookup(&evt, l->repo, git_tree_entry_id(te)) == 0) {
		size_t n = git_tree_entrycount(evt);
		if (!(f->events = calloc(n ? n : 1, sizeof(*f->events)))) {
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
			goto done;
		}
		for (size_t i = 0; i < n; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(evt, i);
			const char *name = git_tree_entry_name(e);
			git_blob *eb = NULL;
			struct hk_event *ev = &f->events[f->nevents];
			if (git_blob_lookup(&eb, l->repo, git_tree_entry_id(e)) < 0) {
				err = add_problem(f, "%s/events/%s: not a file", dirpath.ptr, name);
			} else if (hk_event_parse(ev, name, git_blob_rawcontent(eb), (size_t)git_blob_rawsize(eb)) < 0) {
				hk_event_clear(ev);
				err = add_problem(f, "%s/events/%s", dirpath.ptr, hk_error_last());
			} else if (!ev->finding || strcmp(ev->finding, id) != 0) {
				hk_event_clear(ev);
				err = add_problem(f, "%s/events/%s: names another finding", dirpath.ptr, name);
			} else {
				f->nevents++;
			}
			git_blob_free(eb);
			if (err < 0)
				goto done;
		}
		hk_ledger_events_sort(f->events, f->nevents);
		for (size_t i = 0; i < f->nevents; i++)
			if (f->events[i].type == HK_EV_FOUND) {
				f->run = strdup(f->events[i].run ? f->events[i].run : "");
				f->found_at = strdup(f->events[i].time);
				break;
			}
	}
done:
	git_tree_free(evt);
	git_blob_free(blob);
	hk_buf_free(&dirpath);
	return err;
}

int hk_ledger_subtree(git_tree **out, hk_ledger *l, const git_tree *root, const char *path)
{
	git_tree_entry *te = NULL;
	int err = 0;

	*out = NULL;
	if (!root || git_tree_entry_bypath(&te, root, path) < 0)
		return 0;
	if (git_tree_lookup(out, l->repo, git_tree_entry_id(te)) < 0) {
		hk_buf what = HK_BUF_INIT;
		hk_buf_printf(&what, "reading %s/", path);
		err = hk_ledger_git_error(0, what.ptr ? what.ptr : path);
		hk_buf_free(&what);
		*out = NULL;
	}
	git_tree_entry_free(te);
	return err;
}

int hk_ledger_read_finding(struct hk_ledger_finding *f, hk_ledger *l, const git_tree *root, const char *id)
{
	hk_buf path = HK_BUF_INIT;
	git_tree *dir = NULL;
	int err;

	memset(f, 0, sizeof(*f));
	if ((err = hk_ledger_finding_dir(&path, id)) < 0)
		goto done;
	if (hk_ledger_subtree(&dir, l, root, path.ptr) < 0 || !dir) {
		err = hk_error_setc(HK_ENOTFOUND, "no finding %s in ledger %s", id, l->path);
		goto done;
	}
	err = hk_ledger_read_finding_tree(f, l, dir, id);
done:
	git_tree_free(dir);
	hk_buf_free(&path);
	return err;
}

void hk_ledger_finding_clear(struct hk_ledger_finding *f)
{
	if (!f)
		return;
	free(f->id);
	free(f->rule);
	free(f->entity);
	free(f->category);
	free(f->severity);
	free(f->message);
	free(f->village);
	free(f->town);
	free(f->run);
	free(f->found_at);
	free(f->json);
	for (size_t i = 0; i < f->nevents; i++)
		hk_event_clear(&f->events[i]);
	free(f->events);
	for (size_t i = 0; i < f->nproblems; i++)
		free(f->problems[i]);
	free(f->problems);
	memset(f, 0, sizeof(*f));
}

void hk_ledger_finding_replay(const struct hk_ledger_finding *f, const hk_roles *roles, struct hk_fstate *s,
			      void (*bad)(void *ctx, const struct hk_event *e, const char *why), void *ctx)
{
	char why[768];
	hk_fstate_init(s);
	for (size_t i = 0; i < f->nevents; i++)
		if (hk_replay_step(s, f->events, i, roles, why, sizeof(why)) != HK_REPLAY_APPLIED && bad)
			bad(ctx, &f->events[i], why);
}

int hk_ledger_read_roles(hk_roles **out, hk_ledger *l, const git_tree *root)
{
	hk_roles *r = hk_roles_new();
	git_tree *dir = NULL;
	int err = 0;

	*out = NULL;
	if (!r)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	/* an unreadable roles/ counts as no roles here, and a file of it that is
	 * no role event (not a file, or it does not parse or hash to its name)
	 * is no grant or revocation: skipped, so that one bad file never makes
	 * the whole ledger unusable; `ledger verify` reports them */
	if (hk_ledger_subtree(&dir, l, root, "roles") == 0 && dir) {
		for (size_t i = 0; i < git_tree_entrycount(dir) && !err; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(dir, i);
			git_blob *b = NULL;
			struct hk_event ev;
			memset(&ev, 0, sizeof(ev));
			if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && git_blob_lookup(&b, l->repo, git_tree_entry_id(e)) == 0 &&
			    hk_event_parse(&ev, git_tree_entry_name(e), git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) == 0)
				err = hk_roles_add(r, &ev);
			hk_event_clear(&ev);
			git_blob_free(b);
		}
	}
	git_tree_free(dir);
	if (err < 0) {
		hk_roles_free(r);
		return err;
	}
	hk_roles_sort(r);
	*out = r;
	return 0;
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return s[n] == '\0' || !isdigit((unsigned char)s[n]);
}

void hk_ledger_place(char village[16], char town[16], const char *entity, const hk_json *doc)
{
	village[0] = town[0] = '\0';
	if (entity && strncmp(entity, "village:", 8) == 0 && digits(entity + 8, 12))
		snprintf(village, 16, "%.12s", entity + 8);
	else if (entity && strncmp(entity, "town:", 5) == 0 && digits(entity + 5, 9))
		snprintf(town, 16, "%.9s", entity + 5);
	else if (doc) {
		const char *v = hk_json_str(hk_json_get(doc, "village_code"));
		if (!v)
			v = hk_json_str(hk_json_get(doc, "village"));
		if (v && digits(v, 12))
			snprintf(village, 16, "%.12s", v);
		else if ((v = hk_json_str(hk_json_get(doc, "town_code"))) && digits(v, 9))
			snprintf(town, 16, "%.9s", v);
	}
	if (village[0])
		snprintf(town, 16, "%.9s", village);
}

int hk_ledger_each_finding(hk_ledger *l, const git_tree *root,
			   int (*fn)(void *ctx, const git_tree *dir, const char *id), void *ctx)
{
	git_tree *top = NULL;
	int err = hk_ledger_subtree(&top, l, root, "findings");
	if (err < 0 || !top)
		return err;
	for (size_t a = 0; a < git_tree_entrycount(top) && !err; a++) {
		git_tree *ta = NULL;
		if (git_tree_lookup(&ta, l->repo, git_tree_entry_id(git_tree_entry_byindex(top, a))) < 0)
			continue;
		for (size_t b = 0; b < git_tree_entrycount(ta) && !err; b++) {
			git_tree *tb = NULL;
			if (git_tree_lookup(&tb, l->repo, git_tree_entry_id(git_tree_entry_byindex(ta, b))) < 0)
				continue;
			for (size_t c = 0; c < git_tree_entrycount(tb) && !err; c++) {
				const git_tree_entry *e = git_tree_entry_byindex(tb, c);
				git_tree *dir = NULL;
				if (git_tree_lookup(&dir, l->repo, git_tree_entry_id(e)) < 0)
					continue;
				err = fn(ctx, dir, git_tree_entry_name(e));
				git_tree_free(dir);
			}
			git_tree_free(tb);
		}
		git_tree_free(ta);
	}
	git_tree_free(top);
	return err;
}

/* ---- runs ---- */

static int run_cmp(const void *a, const void *b)
{
	const struct hk_ledger_run *x = a, *y = b;
	if (x->lamport != y->lamport)
		return x->lamport < y->lamport ? -1 : 1;
	return strcmp(x->time, y->time);
}

static char *run_str(const hk_json *o, const char *key)
{
	const char *s = hk_json_str(hk_json_get(o, key));
	return strdup(s ? s : "");
}

void hk_ledger_runs_free(struct hk_ledger_run *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].id);
		free(v[i].time);
		free(v[i].as_of);
		free(v[i].pack);
		free(v[i].version);
	}
	free(v);
}

int hk_ledger_runs(struct hk_ledger_run **out, size_t *n, hk_ledger *l, const git_tree *root)
{
	git_tree *dir = NULL;
	struct hk_ledger_run *v = NULL;
	size_t cap = 0, nv = 0;
	int err = hk_ledger_subtree(&dir, l, root, "runs");
	*out = NULL;
	*n = 0;
	if (err < 0 || !dir)
		return err;
	for (size_t i = 0; i < git_tree_entrycount(dir) && err == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(dir, i);
		git_blob *b = NULL;
		hk_json *j = NULL;
		long long x;
		struct hk_ledger_run *r;
		if (git_blob_lookup(&b, l->repo, git_tree_entry_id(e)) < 0 ||
		    hk_json_parse(&j, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b)) < 0) {
			git_blob_free(b); /* `ledger verify` reports unparsable run records */
			continue;
		}
		if ((err = HK_ARRAY_GROW(v, cap, nv + 1)) == 0) {
			r = &v[nv++];
			memset(r, 0, sizeof(*r));
			r->id = run_str(j, "id");
			r->time = run_str(j, "time");
			r->as_of = run_str(j, "as_of");
			r->pack = run_str(j, "pack");
			r->version = run_str(j, "version");
			if (!r->id || !r->time || !r->as_of || !r->pack || !r->version)
				err = hk_error_setc(HK_EINTERNAL, "out of memory");
			if (hk_json_int(hk_json_get(j, "lamport"), &x) == 0)
				r->lamport = (unsigned long long)x;
			if (hk_json_int(hk_json_get(hk_json_get(j, "counts"), "produced"), &x) == 0)
				r->produced = (long)x;
		}
		hk_json_free(j);
		git_blob_free(b);
	}
	git_tree_free(dir);
	if (err < 0) {
		hk_ledger_runs_free(v, nv);
		return err;
	}
	if (nv)
		qsort(v, nv, sizeof(*v), run_cmp);
	*out = v;
	*n = nv;
	return 0;
}

int hk_ledger_find_run(git_commit **out, hk_ledger *l, const char *id)
{
	git_revwalk *rw = NULL;
	git_oid oid;
	hk_buf v = HK_BUF_INIT;
	int err;
	*out = NULL;
	if (git_revwalk_new(&rw, l->repo) < 0 || git_revwalk_push_ref(rw, HK_LEDGER_REF) < 0) {
		err = hk_ledger_git_error(0, "walking the history");
		goto done;
	}
	while (git_revwalk_next(&oid, rw) == 0) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, l->repo, &oid) < 0) {
			err = hk_ledger_git_error(0, "reading a commit");
			goto done;
		}
		if ((err = hk_ledger_trailer(&v, c, "Run")) < 0) {
			git_commit_free(c);
			goto done;
		}
		if (err == 1 && strcmp(v.ptr, id) == 0) {
			*out = c;
			err = 0;
			goto done;
		}
		git_commit_free(c);
	}
	err = hk_error_setc(HK_ENOTFOUND, "no run '%s' in the ledger (see runs/ in its tree)", id);
done:
	git_revwalk_free(rw);
	hk_buf_free(&v);
	return err;
}
