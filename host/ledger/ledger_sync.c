/*
 * ledger_sync.c - `ledger sync`: fetch another office's ledger, merge it as a
 * union of files, push the result; compare-and-swap on both sides.
 */
#include "ledger/ledger_sync.h"
#include "ledger/ledger_check.h"
#include "ledger/ledger_commit.h"
#include "ledger/ledger_sign.h"
#include "base/error.h"
#include "base/i18n.h"
#include "ledger/ledger_gc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SYNC_ATTEMPTS 12   /* fetch-merge-push rounds before giving up */
#define SYNC_BACKOFF_MS 40 /* first pause between rounds; doubles, with jitter */
#define SYNC_BACKOFF_MAX_MS 1500
#define SYNC_REFUSAL_LINES 12 /* violations quoted in a refusal */

static int is_local(const char *url)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');
	if (strncmp(url, "file://", 7) == 0)
		return 1;
	if (strstr(url, "://"))
		return 0;
	return !colon || (slash && slash < colon);
}

static const char *local_path(const char *url)
{
	return strncmp(url, "file://", 7) == 0 ? url + 7 : url;
}

/* Fetches the remote's main into `tmpref`; *found 0 when it has none. */
static int fetch(hk_ledger *l, git_remote *remote, const char *tmpref, git_oid *remote_head, int *found)
{
	char spec[256];
	char *specs[] = {spec};
	git_strarray refspecs = {specs, 1};
	git_fetch_options opts;
	git_reference *ref = NULL;

	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	opts.update_fetchhead = 0;
	snprintf(spec, sizeof(spec), "+%s:%s", HK_LEDGER_REF, tmpref);
	if (git_reference_lookup(&ref, l->repo, tmpref) == 0) {
		git_reference_delete(ref);
		git_reference_free(ref);
		ref = NULL;
	}
	if (git_remote_fetch(remote, &refspecs, &opts, "huikan sync") < 0)
		return hk_ledger_git_error(0, "fetching");
	*found = git_reference_name_to_id(remote_head, l->repo, tmpref) == 0;
	return 0;
}

static int make_merge(hk_ledger *l, const char *actor, git_commit *ours, git_commit *theirs, const char *url,
		      git_oid *out)
{
	git_tree *ta = NULL, *tb = NULL, *t = NULL;
	git_signature *sig = NULL;
	hk_objw *w = NULL;
	hk_buf msg = HK_BUF_INIT;
	git_oid tree_oid;
	char now[21];
	unsigned long long la = hk_ledger_commit_lamport(ours), lb = hk_ledger_commit_lamport(theirs);
	const git_commit *parents[2] = {ours, theirs};
	int err;

	hk_event_now(now);
	if (git_commit_tree(&ta, ours) < 0 || git_commit_tree(&tb, theirs) < 0) {
		err = hk_ledger_git_error(0, "reading trees");
		goto done;
	}
	if ((err = hk_ledger_tree_objw_new(&w, l, 0)) < 0 || (err = hk_ledger_tree_union(&tree_oid, l, w, ta, tb)) < 0)
		goto done;
	if (git_tree_lookup(&t, l->repo, &tree_oid) < 0) {
		err = hk_ledger_git_error(0, "reading the merged tree");
		goto done;
	}
	if ((err = hk_buf_printf(&msg,
				 "sync: merge the ledger of %s\n\nUnion of the events of both offices.\n\n"
				 "Huikan-Event: merge\nHuikan-Lamport: %llu\nHuikan-Office: %s\nHuikan-Actor: %s\n",
				 url, (la > lb ? la : lb) + 1, l->office, actor)) < 0 ||
	    (err = hk_ledger_commit_signature(&sig, actor, now)) < 0)
		goto done;
	{
		git_buf raw = {0};
		if (git_commit_create_buffer(&raw, l->repo, sig, sig, "UTF-8", msg.ptr, t, 2, parents) < 0)
			err = hk_ledger_git_error(0, "making the merge commit");
		else /* signed like every commit of a signed ledger (ledger_sign.h) */
			err = hk_ledger_sign_write_commit(out, l, raw.ptr, raw.size);
		git_buf_dispose(&raw);
	}
done:
	hk_buf_free(&msg);
	git_signature_free(sig);
	hk_ledger_tree_objw_free(w);
	git_tree_free(t);
	git_tree_free(ta);
	git_tree_free(tb);
	return err;
}

/* The quarantine: checks what the remote's head `rh` (fetched under a
 * private ref) would bring into this ledger, whose head is `lh` (NULL: none
 * yet), with the checks of `ledger verify` (ledger_check.h): every commit not
 * already ours, and the findings and roles they touch in the remote's tree.
 * Returns 0 when all pass; else HK_EINPUT quoting the violations: the remote
 * is refused as a whole and nothing of it is merged. */
static int quarantine(hk_ledger *l, const char *url, const git_oid *rh, const git_oid *lh)
{
	hk_check v;
	git_commit *c = NULL;
	git_tree *root = NULL;
	git_oid base;
	char *text = NULL;
	size_t textlen = 0;
	FILE *mem;
	int err;

	if (lh && git_merge_base(&base, l->repo, lh, rh) < 0)
		return hk_error_setc(HK_ECONFLICT, "refused %s: the two ledgers were founded apart (no commit in common): a "
						   "ledger is shared by cloning it, not by creating another",
				     url);
	if (!(mem = open_memstream(&text, &textlen)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	hk_check_init(&v, l, mem, "  ");
	if ((err = hk_ledger_check_commits(&v, rh, lh, NULL)) == 0) {
		if (git_commit_lookup(&c, l->repo, rh) < 0 || git_commit_tree(&root, c) < 0)
			err = hk_ledger_git_error(0, "reading the fetched head");
		else
			err = hk_ledger_check_state(&v, root, lh == NULL);
	}
	fclose(mem);
	if (err == 0 && v.n) {
		/* quote the first lines: each names the commit (or finding) and the reason */
		char *cut = text;
		for (int i = 0; cut && i < SYNC_REFUSAL_LINES; i++)
			cut = strchr(cut + 1, '\n');
		if (cut && cut[1])
			cut[1] = '\0';
		err = hk_error_setc(HK_EINPUT,
				    "refused %s as a whole: %zu violation%s in the commits it would bring; nothing of it was "
				    "merged and this ledger is as it was:\n%s%s",
				    url, v.n, v.n == 1 ? "" : "s", text ? text : "",
				    v.n > SYNC_REFUSAL_LINES ? _("  ... (the rest: `huikan ledger verify` on a clone of it)") : "");
	}
	free(text);
	hk_check_clear(&v);
	git_tree_free(root);
	git_commit_free(c);
	return err;
}

/* Moves our main from `expected` (NULL: must not exist) to `to`. Returns 0,
 * 1 when someone moved it meanwhile, or an error. */
static int cas(git_repository *repo, const git_oid *to, const git_oid *expected, const char *why)
{
	git_reference *ref = NULL;
	int rc = expected ? git_reference_create_matching(&ref, repo, HK_LEDGER_REF, to, 1, expected, why)
			  : git_reference_create(&ref, repo, HK_LEDGER_REF, to, 0, why);
	git_reference_free(ref);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED)
		return 1;
	if (rc < 0 && expected) {
		git_oid now;
		if (git_reference_name_to_id(&now, repo, HK_LEDGER_REF) == 0 && !git_oid_equal(&now, expected))
			return 1;
	}
	return rc < 0 ? hk_ledger_git_error(0, "moving the ledger's branch") : 0;
}

struct push_status {
	int rejected;
	char msg[256];
};

static int on_push_update(const char *refname, const char *status, void *payload)
{
	struct push_status *ps = payload;
	if (status) {
		ps->rejected = 1;
		snprintf(ps->msg, sizeof(ps->msg), "%s: %s", refname, status);
	}
	return 0;
}

/* Pushes `head` to the remote's main, expecting it at `expected` (NULL: none).
 * Returns 0, 1 when the remote moved meanwhile (sync again), or an error. */
static int push(hk_ledger *l, git_remote *remote, const char *url, const git_oid *head, const git_oid *expected)
{
	char spec[256], incoming[128];
	char *specs[] = {spec};
	git_strarray refspecs = {specs, 1};
	git_push_options opts;
	struct push_status ps = {0};
	git_repository *rrepo = NULL;
	git_reference *tmp = NULL;
	int err = 0, rc;

	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	opts.callbacks.push_update_reference = on_push_update;
	opts.callbacks.payload = &ps;
	if (!is_local(url)) {
		/* a non-fast-forward push is refused (that is our compare-and-swap):
		 * by libgit2 itself when the remote's main moved after our fetch
		 * (GIT_ENONFASTFORWARD), or by the server per ref (ps.rejected) */
		snprintf(spec, sizeof(spec), "%s:%s", HK_LEDGER_REF, HK_LEDGER_REF);
		rc = git_remote_push(remote, &refspecs, &opts);
		if (rc == GIT_ENONFASTFORWARD)
			return 1;
		if (rc < 0)
			return hk_ledger_git_error(0, "pushing");
		return ps.rejected ? 1 : 0;
	}
	/* local: send the objects under a private ref, then move main with
	 * compare-and-swap in the remote repository itself */
	snprintf(incoming, sizeof(incoming), "refs/huikan/incoming/%ld-%ld", (long)getpid(), (long)time(NULL));
	snprintf(spec, sizeof(spec), "+%s:%s", HK_LEDGER_REF, incoming);
	if (git_remote_push(remote, &refspecs, &opts) < 0)
		return hk_ledger_git_error(0, "pushing");
	if (ps.rejected)
		return hk_error_setc(HK_EINTERNAL, "push refused: %s", ps.msg);
	if (git_repository_open_ext(&rrepo, local_path(url), GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		return hk_ledger_git_error(0, url);
	err = cas(rrepo, head, expected, "huikan sync");
	if (git_reference_lookup(&tmp, rrepo, incoming) == 0)
		git_reference_delete(tmp);
	git_reference_free(tmp);
	git_repository_free(rrepo);
	return err;
}

/* Pauses before sync round `attempt` + 1: SYNC_BACKOFF_MS doubled per round
 * up to SYNC_BACKOFF_MAX_MS, times a random factor in [0.5, 1.5) so that two
 * offices that collided do not collide again in step. */
static void backoff(int attempt)
{
	static int seeded;
	long ms = SYNC_BACKOFF_MS;
	struct timespec ts;
	if (!seeded) {
		srand((unsigned)getpid() ^ (unsigned)time(NULL));
		seeded = 1;
	}
	for (int i = 0; i < attempt && ms < SYNC_BACKOFF_MAX_MS; i++)
		ms *= 2;
	if (ms > SYNC_BACKOFF_MAX_MS)
		ms = SYNC_BACKOFF_MAX_MS;
	ms = ms / 2 + rand() % ms;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

int hk_ledger_sync(hk_ledger *l, const char *url, const char *actor, struct hk_sync_result *out)
{
	git_remote *remote = NULL;
	char tmpref[128];
	int err = 0;

	memset(out, 0, sizeof(*out));
	snprintf(tmpref, sizeof(tmpref), "refs/huikan/sync/%ld", (long)getpid());
	if (is_local(url) && access(local_path(url), F_OK) != 0)
		return hk_error_setc(HK_EINPUT, "remote %s: no such directory", url);
	if (git_remote_create_anonymous(&remote, l->repo, url) < 0)
		return hk_ledger_git_error(0, url);
	for (int attempt = 0; attempt < SYNC_ATTEMPTS; attempt++) {
		git_oid rh, lh, merged;
		git_commit *ours = NULL, *theirs = NULL;
		int have_remote = 0, have_local, rc = 0;
		const git_oid *result = NULL;

		if ((err = fetch(l, remote, tmpref, &rh, &have_remote)) < 0)
			break;
		have_local = git_reference_name_to_id(&lh, l->repo, HK_LEDGER_REF) == 0;
		/* nothing new of the remote reaches main before it passes the checks */
		if (have_remote && !(have_local && (git_oid_equal(&rh, &lh) || git_graph_descendant_of(l->repo, &lh, &rh) == 1)) &&
		    (err = quarantine(l, url, &rh, have_local ? &lh : NULL)) < 0)
			break;
		if (have_remote && have_local && !git_oid_equal(&rh, &lh)) {
			if (git_graph_descendant_of(l->repo, &lh, &rh) == 1) {
				result = &lh;
			} else if (git_graph_descendant_of(l->repo, &rh, &lh) == 1) {
				out->fetched = out->fast_forward = 1;
				rc = cas(l->repo, &rh, &lh, "huikan sync: fast-forward");
				result = &rh;
			} else {
				out->fetched = 1;
				if (git_commit_lookup(&ours, l->repo, &lh) < 0 || git_commit_lookup(&theirs, l->repo, &rh) < 0)
					err = hk_ledger_git_error(0, "reading heads");
				else if ((err = make_merge(l, actor, ours, theirs, url, &merged)) == 0) {
					rc = cas(l->repo, &merged, &lh, "huikan sync: merge");
					out->merged = rc == 0;
					result = &merged;
				}
				git_commit_free(ours);
				git_commit_free(theirs);
			}
		} else if (have_remote && !have_local) {
			out->fetched = out->fast_forward = 1;
			rc = cas(l->repo, &rh, NULL, "huikan sync: first fetch");
			result = &rh;
		} else if (have_local) {
			result = &lh;
		}
		if (err < 0 || rc < 0) {
			err = err < 0 ? err : rc;
			break;
		}
		if (rc == 1) {
			backoff(attempt); /* a local writer moved our head: merge again */
			continue;
		}
		if (result && !(have_remote && git_oid_equal(result, &rh))) {
			rc = push(l, remote, url, result, have_remote ? &rh : NULL);
			if (rc < 0) {
				err = rc;
				break;
			}
			if (rc == 1) {
				backoff(attempt); /* the remote moved: fetch and merge again */
				continue;
			}
			out->pushed = 1;
		}
		err = 0;
		goto done;
	}
	if (err == 0)
		err = hk_error_setc(HK_ECONFLICT,
				    "gave up after %d attempts: %s changed each time before our push landed (other offices "
				    "are syncing at the same moment); nothing is lost: run 'huikan ledger sync' again in a "
				    "little while",
				    SYNC_ATTEMPTS, url);
done:
	{
		git_reference *ref = NULL;
		if (git_reference_lookup(&ref, l->repo, tmpref) == 0)
			git_reference_delete(ref);
		git_reference_free(ref);
	}
	git_remote_free(remote);
	if (err == 0)
		hk_ledger_gc_auto(l); /* every fetch leaves a pack */
	return err;
}
