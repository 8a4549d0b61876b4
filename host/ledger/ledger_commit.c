/*
 * ledger_commit.c - building a change (paths added, message, trailers) and
 * committing it with a compare-and-swap move of refs/heads/main.
 */
#include "ledger/ledger_commit.h"
#include "ledger/ledger_sign.h"
#include "base/array.h"
#include "base/error.h"
#include "base/text.h"
#include "ledger/ledger_gc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RETRY_SECONDS 60     /* give up when other writers keep winning this long */
#define STALE_LOCK_SECONDS 2 /* a live writer holds the ref lock for microseconds */
#define RETRY (-100) /* the head moved or the ref was locked: build again */

int hk_ledger_commit_put_oid(struct hk_change *c, const char *path, const git_oid *oid)
{
	int err = HK_ARRAY_GROW(c->adds, c->capadds, c->nadds + 1);
	if (err)
		return err;
	if (!(c->adds[c->nadds].path = strdup(path)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	git_oid_cpy(&c->adds[c->nadds].oid, oid);
	c->nadds++;
	return 0;
}

int hk_ledger_commit_put(struct hk_change *c, const char *path, const void *data, size_t len)
{
	git_oid oid;
	int err = hk_ledger_tree_objw_write(c->w, &oid, data, len, GIT_OBJECT_BLOB);
	return err < 0 ? err : hk_ledger_commit_put_oid(c, path, &oid);
}

/* Checks that the text `what` gave is UTF-8: an event file is JSON, which is
 * UTF-8, and a step typed on a GBK terminal (or read from a GBK file) would
 * otherwise put bytes into the ledger that no JSON reader takes, for good.
 * Returns 0, or HK_EINPUT naming the option and showing the bytes. */
static int utf8_check(const char *what, const char *v)
{
	hk_buf vis = HK_BUF_INIT;
	int err;

	if (!v || hk_text_utf8_invalid(v, strlen(v)) == strlen(v))
		return 0;
	err = hk_error_setc(HK_EINPUT,
			    "%s '%s': not UTF-8 text; give it in UTF-8 (text from a GBK terminal or file: iconv -f "
			    "GB18030 -t UTF-8)",
			    what, hk_text_vis(&vis, v, 0));
	hk_buf_free(&vis);
	return err;
}

/* Every text of e (and the actor) is UTF-8 (utf8_check). */
static int event_utf8_check(const struct hk_event *e, const char *actor)
{
	const struct {
		const char *what, *v;
	} f[] = {{"--as", actor},
		 {"--unit", e->unit},
		 {"--person", e->person},
		 {"--measure", e->measure},
		 {"--goal", e->goal},
		 {"--lead-unit", e->lead_unit},
		 {"--support-unit", e->support_unit},
		 {"--leader", e->leader},
		 {"--note", e->note},
		 {"--reason", e->reason},
		 {"WHO", e->who},
		 {"--key", e->key}};
	int err = 0;

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]) && !err; i++)
		err = utf8_check(f[i].what, f[i].v);
	for (size_t i = 0; i < e->nevidence && !err; i++)
		err = utf8_check("--evidence", e->evidence[i].name);
	return err;
}

int hk_ledger_commit_put_event(struct hk_change *c, const char *dir, struct hk_event *e)
{
	struct hk_event t = *e;
	hk_buf json = HK_BUF_INIT, path = HK_BUF_INIT;
	int err;

	t.lamport = c->lamport;
	t.office = c->l->office;
	t.actor = (char *)c->actor;
	t.time = c->time;
	if ((err = event_utf8_check(&t, c->actor)) < 0 || (err = hk_event_to_json(&json, &t)) < 0)
		goto done;
	hk_event_hash(e->hash, json.ptr, json.len);
	e->lamport = c->lamport;
	if ((err = hk_buf_printf(&path, "%s/", dir)) < 0 || (err = hk_event_file_name(&path, t.lamport, t.office, e->hash)) < 0)
		goto done;
	err = hk_ledger_commit_put(c, path.ptr, json.ptr, json.len);
done:
	hk_buf_free(&json);
	hk_buf_free(&path);
	return err;
}

int hk_ledger_commit_trailer(struct hk_change *c, const char *key, const char *fmt, ...)
{
	va_list ap;
	size_t start;
	int err = hk_buf_printf(&c->trailers, "Huikan-%s: ", key);

	start = c->trailers.len;
	va_start(ap, fmt);
	err = err ? err : hk_buf_vprintf(&c->trailers, fmt, ap); /* whole, however long */
	va_end(ap);
	for (char *p = c->trailers.ptr + start; !err && *p; p++)
		if (*p == '\n')
			*p = ' ';
	return err ? err : hk_buf_putc(&c->trailers, '\n');
}

static void change_clear(struct hk_change *c)
{
	for (size_t i = 0; i < c->nadds; i++)
		free(c->adds[i].path);
	free(c->adds);
	hk_buf_free(&c->message);
	hk_buf_free(&c->trailers);
	hk_ledger_tree_objw_free(c->w);
	git_tree_free(c->head_tree);
	git_commit_free(c->head);
	memset(c, 0, sizeof(*c));
}

int hk_ledger_commit_signature(git_signature **out, const char *actor, const char *when)
{
	const char *lt = strchr(actor, '<'), *gt = strrchr(actor, '>');
	char *name = NULL, *email = NULL;
	struct tm tm = {0};
	size_t n;
	int err = 0;

	if (!lt || !gt || gt < lt)
		return hk_error_setc(HK_EINPUT, "identity '%s' is not \"Name <email>\"", actor);
	n = (size_t)(lt - actor);
	while (n && actor[n - 1] == ' ')
		n--;
	/* copied whole: a name or e-mail is never cut, however long */
	if (!(name = strndup(actor, n)) || !(email = strndup(lt + 1, (size_t)(gt - lt - 1))))
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
	else if (!strptime(when, "%Y-%m-%dT%H:%M:%SZ", &tm))
		err = hk_error_setc(HK_EINPUT, "bad time '%s'", when);
	else if (git_signature_new(out, name, email, timegm(&tm), 0) < 0)
		err = hk_ledger_git_error(0, "making a signature");
	free(name);
	free(email);
	return err;
}

/* Removes a ref lock file older than STALE_LOCK_SECONDS: a writer killed
 * between taking and releasing the lock (the rename takes microseconds). */
static void clear_stale_locks(hk_ledger *l)
{
	static const char *const locks[] = {HK_LEDGER_REF ".lock", "packed-refs.lock", "HEAD.lock"};
	for (size_t i = 0; i < sizeof(locks) / sizeof(locks[0]); i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s%s", git_repository_path(l->repo), locks[i]);
		if (stat(path, &st) == 0 && time(NULL) - st.st_mtime > STALE_LOCK_SECONDS)
			unlink(path);
	}
}

static void backoff(int attempt)
{
	struct timespec ts = {0, (long)(1000000L * (1 + rand() % (attempt < 20 ? 2 + attempt : 22)))};
	nanosleep(&ts, NULL);
}

/* One attempt. Returns 0 (committed or nothing to commit), RETRY when
 * the head moved or the ref is locked, or another error. */
static int attempt(hk_ledger *l, const char *actor, int pack, int allow_empty, hk_change_fn fn, void *ctx,
		   git_oid *out)
{
	struct hk_change c = {0};
	git_signature *sig = NULL;
	git_reference *ref = NULL;
	git_tree *tree = NULL;
	git_oid tree_oid, commit_oid;
	hk_buf msg = HK_BUF_INIT;
	const git_commit *parents[1];
	int err, rc;

	c.l = l;
	c.actor = actor;
	hk_event_now(c.time);
	if ((err = hk_ledger_head(&c.head, l)) < 0)
		goto done;
	if (c.head && git_commit_tree(&c.head_tree, c.head) < 0) {
		err = hk_ledger_git_error(0, "reading the head tree");
		goto done;
	}
	c.lamport = hk_ledger_commit_lamport(c.head) + 1;
	if ((err = hk_ledger_tree_objw_new(&c.w, l, pack)) < 0 || (err = fn(ctx, &c)) < 0)
		goto done;
	if (c.nadds == 0 && !allow_empty) {
		if (c.head)
			git_oid_cpy(out, git_commit_id(c.head));
		goto done;
	}
	if ((err = hk_ledger_tree_add(&tree_oid, l, c.w, c.head_tree, c.adds, c.nadds)) < 0)
		goto done;
	if (c.message.len == 0 || c.message.ptr[c.message.len - 1] != '\n')
		hk_buf_putc(&c.message, '\n');
	if ((err = hk_buf_error(&c.message)) < 0 || /* every append to the message so far */
	    (err = hk_ledger_commit_trailer(&c, "Lamport", "%llu", c.lamport)) < 0 ||
	    (err = hk_ledger_commit_trailer(&c, "Office", "%s", l->office)) < 0 ||
	    (err = hk_ledger_commit_trailer(&c, "Actor", "%s", actor)) < 0 ||
	    (err = hk_buf_printf(&msg, "%s\n%s", c.message.ptr, c.trailers.ptr)) < 0)
		goto done;
	if ((err = hk_ledger_commit_signature(&sig, actor, c.time)) < 0)
		goto done;
	{
		/* the commit object goes through the same writer (into the pack for runs) */
		git_buf raw = {0};
		git_tree *t = NULL;
		if ((err = hk_ledger_tree_objw_finish(c.w)) < 0)
			goto done;
		if (git_tree_lookup(&t, l->repo, &tree_oid) < 0) {
			err = hk_ledger_git_error(0, "reading the new tree");
			goto done;
		}
		parents[0] = c.head;
		rc = git_commit_create_buffer(&raw, l->repo, sig, sig, "UTF-8", msg.ptr, t, c.head ? 1 : 0, parents);
		git_tree_free(t);
		if (rc < 0) {
			err = hk_ledger_git_error(0, "making the commit");
			goto done;
		}
		/* signed with the actor's key when the ledger is signed (ledger_sign.h) */
		err = hk_ledger_sign_write_commit(&commit_oid, l, raw.ptr, raw.size);
		git_buf_dispose(&raw);
		if (err < 0)
			goto done;
	}
	if (c.head)
		rc = git_reference_create_matching(&ref, l->repo, HK_LEDGER_REF, &commit_oid, 1, git_commit_id(c.head),
						   "huikan");
	else
		rc = git_reference_create(&ref, l->repo, HK_LEDGER_REF, &commit_oid, 0, "huikan");
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ELOCKED) {
		err = RETRY;
		goto done;
	}
	if (rc < 0 && c.head) {
		/* libgit2 reports a failed compare as a plain error in some versions */
		git_oid now;
		if (git_reference_name_to_id(&now, l->repo, HK_LEDGER_REF) == 0 && !git_oid_equal(&now, git_commit_id(c.head))) {
			err = RETRY;
			goto done;
		}
	}
	if (rc < 0) {
		err = hk_ledger_git_error(0, "moving the ledger's branch");
		goto done;
	}
	git_oid_cpy(out, &commit_oid);
done:
	git_reference_free(ref);
	git_tree_free(tree);
	git_signature_free(sig);
	hk_buf_free(&msg);
	change_clear(&c);
	return err;
}

int hk_ledger_commit(hk_ledger *l, const char *actor, int pack, int allow_empty, hk_change_fn fn, void *ctx,
		     git_oid *out)
{
	static int seeded;
	if (!seeded) {
		srand((unsigned)(getpid() ^ time(NULL)));
		seeded = 1;
	}
	time_t start = time(NULL);
	int i;
	for (i = 0; time(NULL) - start < RETRY_SECONDS; i++) {
		int err = attempt(l, actor, pack, allow_empty, fn, ctx, out);
		if (err == 0)
			hk_ledger_gc_auto(l); /* a few hundred loose objects, a dozen packs at most */
		if (err != RETRY)
			return err;
		clear_stale_locks(l);
		backoff(i);
	}
	return hk_error_setc(HK_ECONFLICT, "%s: gave up after %d attempts in %d s: other writers keep moving %s", l->path,
			     i, RETRY_SECONDS, HK_LEDGER_REF);
}
