/*
 * ledger.c - opening a ledger, the acting identity, the head commit and its
 * Lamport clock (founding one is ledger_init.c).
 */
#include "ledger/ledger.h"
#include "base/i18n.h"
#include "base/error.h"
#include "base/json.h"
#include "base/path.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void hk_ledger_lib_init(void)
{
	static int done;
	if (!done) {
		git_libgit2_init();
		/* the ledger reads each object about once: libgit2's object cache
		 * only costs (a reindex runs 40% faster in half the memory without it) */
		git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
		done = 1;
	}
}

int hk_ledger_git_error(int gitcode, const char *what)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : "git error";
	int code = gitcode == GIT_ENOTFOUND ? HK_ENOTFOUND : HK_EINTERNAL;
	/* English: "<what>: <libgit2's message>"; another language: what was
	 * being done in its words, then libgit2's own message quoted */
	if (!hk_lang_is_zh())
		return hk_error_setc(code, "%s: %s", what, msg);
	return hk_error_setc(code, "%s (git reports: %s)", hk_tr(what), msg);
}

void hk_ledger_free(hk_ledger *l)
{
	if (!l)
		return;
	git_repository_free(l->repo);
	free(l->path);
	free(l->office);
	free(l->sign_key);
	free(l->sign_pub);
	free(l);
}

int hk_ledger_config(hk_json **out, hk_ledger *l)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	int err;

	*out = NULL;
	if ((err = hk_ledger_head(&head, l)) < 0 || !head)
		goto done;
	if (git_commit_tree(&tree, head) < 0 || git_tree_entry_bypath(&te, tree, "ledger.json") < 0 ||
	    git_blob_lookup(&blob, l->repo, git_tree_entry_id(te)) < 0) {
		err = hk_error_setc(HK_EINPUT, "%s: not a huikan ledger (no ledger.json at %s)", l->path, HK_LEDGER_REF);
		goto done;
	}
	if ((err = hk_json_parse(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob))) < 0)
		hk_error_prefix("%s: ledger.json", l->path);
done:
	git_blob_free(blob);
	git_tree_entry_free(te);
	git_tree_free(tree);
	git_commit_free(head);
	return err;
}

/* Reads ledger.json's "office" from the head tree; *out NULL when absent. */
static int founding_office(char **out, hk_ledger *l)
{
	hk_json *doc = NULL;
	int err;

	*out = NULL;
	if ((err = hk_ledger_config(&doc, l)) < 0 || !doc)
		goto done;
	if (hk_json_str(hk_json_get(doc, "office")) && !(*out = strdup(hk_json_str(hk_json_get(doc, "office")))))
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
done:
	hk_json_free(doc);
	return err;
}

static int resolve_office(hk_ledger *l)
{
	git_config *cfg = NULL;
	git_buf val = {0};
	const char *env = getenv("HUIKAN_OFFICE");
	int err = 0;

	if (git_repository_config(&cfg, l->repo) == 0 && git_config_get_string_buf(&val, cfg, "huikan.office") == 0)
		l->office = strdup(val.ptr);
	else if (env && *env)
		l->office = strdup(env);
	else if ((err = founding_office(&l->office, l)) < 0)
		goto done;
	if (!l->office) {
		err = hk_error_setc(HK_EINPUT, "%s: the ledger is empty and names no office; set HUIKAN_OFFICE",
				    l->path);
		goto done;
	}
	err = hk_event_office_check(l->office);
done:
	git_buf_dispose(&val);
	git_config_free(cfg);
	return err;
}

int hk_ledger_open(hk_ledger **out, const char *dir)
{
	hk_ledger *l = NULL;
	struct stat st;
	int err;

	hk_ledger_lib_init();
	*out = NULL;
	if (!dir)
		dir = getenv("HUIKAN_LEDGER");
	if (!dir || !*dir)
		return hk_error_setc(HK_EINPUT, "no ledger named: give --ledger DIR or set HUIKAN_LEDGER");
	if ((l = calloc(1, sizeof(*l))))
		l->sign_required = -1;
	if (!l || !(l->path = strdup(dir))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto fail;
	}
	if (!hk_path_is_dir(dir)) {
		err = hk_error_setc(HK_EINPUT, "%s: no such ledger directory ('huikan ledger init DIR' makes a ledger)",
				    dir);
		goto fail;
	}
	if (git_repository_open_ext(&l->repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 && stat(dir, &st) == 0 &&
	    S_ISDIR(st.st_mode) && st.st_uid != geteuid()) {
		/* git's safe.directory check, which libgit2 makes too (libgit2 1.5
		 * reports it as a missing config value, or a missing ~/.gitconfig) */
		err = hk_error_setc(HK_EINPUT,
				    "cannot open ledger %s: it belongs to another account (uid %ld), and git reads such a "
				    "repository only when trusted: if you trust it, run git config --global --add "
				    "safe.directory '%s'",
				    dir, (long)st.st_uid, dir);
		goto fail;
	}
	if (!l->repo) {
		err = hk_ledger_git_error(GIT_ENOTFOUND, dir);
		hk_error_prefix("cannot open ledger");
		err = HK_EINPUT;
		goto fail;
	}
	if (!git_repository_is_bare(l->repo)) {
		err = hk_error_setc(HK_EINPUT, "%s: not a ledger (a ledger is a bare git repository)", dir);
		goto fail;
	}
	if ((err = resolve_office(l)) < 0)
		goto fail;
	*out = l;
	return 0;
fail:
	hk_ledger_free(l);
	return err;
}

int hk_ledger_identity_ok(const char *s)
{
	const char *lt = strchr(s, '<'), *gt = strrchr(s, '>');
	return lt && gt && gt > lt && lt > s && strchr(lt, '@') && gt[1] == '\0' && !strchr(s, '\n');
}

int hk_ledger_identity(char **out, hk_ledger *l, const char *as)
{
	git_config *cfg = NULL;
	git_buf name = {0}, email = {0};
	const char *env = getenv("HUIKAN_USER");
	const char *from = "--as";
	hk_buf b = HK_BUF_INIT;
	int err = 0;

	*out = NULL;
	if (!as && env && *env) {
		as = env;
		from = "HUIKAN_USER";
	}
	if (!as) {
		from = "git config user.name/user.email";
		if (((l && git_repository_config(&cfg, l->repo) == 0) || git_config_open_default(&cfg) == 0) &&
		    git_config_get_string_buf(&name, cfg, "user.name") == 0 &&
		    git_config_get_string_buf(&email, cfg, "user.email") == 0)
			err = hk_buf_printf(&b, "%s <%s>", name.ptr, email.ptr);
		as = b.ptr;
		if (!as) {
			err = hk_error_setc(HK_EINPUT,
					    "who are you? give --as \"Name <email>\", set HUIKAN_USER, or git config user.name and user.email");
			goto done;
		}
	}
	if (err < 0)
		goto done;
	if (!hk_ledger_identity_ok(as)) {
		err = hk_error_setc(HK_EINPUT, "identity '%s' (from %s) is not of the form \"Name <email>\"", as, from);
		goto done;
	}
	/* the state of a finding keeps who submitted (fstate.h), as roles keep
	 * who holds one: an identity that does not fit is refused, never cut */
	if (strlen(as) >= HK_FSTATE_TEXT) {
		err = hk_error_setc(HK_EINPUT, "identity '%.40s...' (from %s) is %zu bytes, longer than %d: give a shorter "
				    "\"Name <email>\"", as, from, strlen(as), HK_FSTATE_TEXT - 1);
		goto done;
	}
	if (!(*out = strdup(as)))
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
done:
	hk_buf_free(&b);
	git_buf_dispose(&name);
	git_buf_dispose(&email);
	git_config_free(cfg);
	return err;
}

int hk_ledger_head(git_commit **out, hk_ledger *l)
{
	git_oid oid;
	int rc;
	*out = NULL;
	rc = git_reference_name_to_id(&oid, l->repo, HK_LEDGER_REF);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0 || git_commit_lookup(out, l->repo, &oid) < 0)
		return hk_ledger_git_error(0, "reading the ledger's branch");
	return 0;
}

int hk_ledger_trailer(hk_buf *out, const git_commit *c, const char *key)
{
	git_message_trailer_array arr = {0};
	const char *msg = c ? git_commit_message(c) : NULL;
	const char *hit = NULL;
	int err;
	hk_buf_clear(out);
	if (!msg)
		return 0;
	if (git_message_trailers(&arr, msg) < 0)
		return hk_ledger_git_error(0, "reading the trailers of a commit");
	for (size_t i = 0; i < arr.count; i++)
		if (strncmp(arr.trailers[i].key, "Huikan-", 7) == 0 && strcmp(arr.trailers[i].key + 7, key) == 0)
			hit = arr.trailers[i].value;
	err = hit ? hk_buf_puts(out, hit) : 0;
	git_message_trailer_array_free(&arr);
	return err < 0 ? err : hit != NULL;
}

unsigned long long hk_ledger_commit_lamport(const git_commit *c)
{
	hk_buf v = HK_BUF_INIT;
	unsigned long long n = hk_ledger_trailer(&v, c, "Lamport") == 1 ? strtoull(v.ptr, NULL, 10) : 0;
	hk_buf_free(&v);
	return n;
}

int hk_ledger_finding_dir(hk_buf *out, const char *id)
{
	if (strlen(id) != HK_FINDING_ID_LEN || strncmp(id, "F-", 2) != 0)
		return hk_error_setc(HK_EINPUT, "'%s' is not a finding id (F- and 12 hex digits)", id);
	for (int i = 2; i < HK_FINDING_ID_LEN; i++)
		if (!strchr("0123456789abcdef", id[i]))
			return hk_error_setc(HK_EINPUT, "'%s' is not a finding id (F- and 12 hex digits)", id);
	/* appends, not printf: a run of a million findings names two million paths */
	if (hk_buf_puts(out, "findings/") < 0 || hk_buf_put(out, id + 2, 2) < 0 || hk_buf_putc(out, '/') < 0 ||
	    hk_buf_put(out, id + 4, 2) < 0 || hk_buf_putc(out, '/') < 0 || hk_buf_puts(out, id) < 0)
		return HK_EINTERNAL;
	return 0;
}
