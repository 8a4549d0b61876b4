/*
 * ledger_init.c - founding a ledger: a new bare repository, its office in git
 * config, and a first commit with ledger.json and the first admin's role. All
 * or nothing: built whole in a temporary directory beside the target, then
 * moved into place; a failure leaves nothing behind.
 */
#include "ledger/ledger_init.h"
#include "base/error.h"
#include "base/json.h"
#include "ledger/ledger_commit.h"
#include "ledger/ledger_sign.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int dir_is_empty_or_missing(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;
	if (!d)
		return errno == ENOENT;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

struct founding {
	const char *admin;
	const char *pub; /* the admin's public key, NULL for an unsigned ledger */
};

static int init_change(void *ctx, struct hk_change *c)
{
	const struct founding *fd = ctx;
	const char *admin = fd->admin;
	struct hk_event e = {0};
	hk_buf json = HK_BUF_INIT;
	int err;

	if ((err = hk_buf_printf(&json, "{\"format\":%d,\"office\":", HK_LEDGER_FORMAT)) < 0 ||
	    (err = hk_json_put_str(&json, c->l->office, strlen(c->l->office))) < 0 ||
	    (err = hk_buf_printf(&json, ",\"created\":\"%s\"%s}\n", c->time, fd->pub ? ",\"signed\":true" : "")) < 0 ||
	    (err = hk_ledger_commit_put(c, "ledger.json", json.ptr, json.len)) < 0)
		goto done;
	e.type = HK_EV_GRANTED;
	e.role = "admin";
	e.who = (char *)admin;
	e.key = (char *)fd->pub;
	if ((err = hk_ledger_commit_put_event(c, "roles", &e)) < 0)
		goto done;
	err = hk_buf_printf(&c->message, "ledger: founded by office %s, admin %s\n", c->l->office, admin);
	if (!err)
		err = hk_ledger_commit_trailer(c, "Event", "init");
done:
	hk_buf_free(&json);
	return err;
}

/* Directories made by make_parents, deepest last, to remove on failure. */
struct made {
	char *path[32];
	int n;
};

/* Makes the missing ancestors of `path` (like mkdir -p of its dirname),
 * recording each one made. Returns 0 or HK_EINPUT naming the directory. */
static int make_parents(struct made *m, const char *path)
{
	char *p = strdup(path);
	int err = 0;
	if (!p)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (char *s = strchr(p + 1, '/'); s && !err; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0777) == 0) {
			if (m->n < (int)(sizeof(m->path) / sizeof(m->path[0])) && !(m->path[m->n++] = strdup(p)))
				err = hk_error_setc(HK_EINTERNAL, "out of memory");
		} else if (errno != EEXIST) {
			err = hk_error_setc(HK_EINPUT, "%s: cannot make directory: %s", p, hk_strerror(errno));
		}
		*s = '/';
	}
	free(p);
	return err;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes the directory tree at path: only ever the temporary directory this
 * process made, which holds nothing but what it wrote. */
static void remove_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* rename(2) that never replaces an existing target (EEXIST instead). */
static int rename_noreplace(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* a file system without RENAME_NOREPLACE: check, then rename */
	if (access(to, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

/* Moves the complete ledger built in tmp to dir: the directory itself when
 * dir does not exist, else (dir is an empty directory) each entry into it.
 * Nothing that exists at dir is replaced; on failure what was moved goes back
 * to tmp. Returns 0 or HK_EINPUT. */
static int publish(const char *tmp, const char *dir)
{
	DIR *d;
	struct dirent *de;
	char **moved = NULL;
	size_t n = 0, cap = 0;
	int err = 0;

	if (rename_noreplace(tmp, dir) == 0)
		return 0;
	if (errno != EEXIST && errno != ENOTEMPTY)
		return hk_error_setc(HK_EINPUT, "%s: cannot create: %s", dir, hk_strerror(errno));
	if (!dir_is_empty_or_missing(dir))
		return hk_error_setc(HK_EINPUT, "%s: exists and is not empty (made meanwhile?); a new ledger needs a new directory", dir);
	if (!(d = opendir(tmp)))
		return hk_error_setc(HK_EINPUT, "%s: %s", tmp, hk_strerror(errno));
	while (!err && (de = readdir(d))) {
		hk_buf from = HK_BUF_INIT, to = HK_BUF_INIT;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			char **v = realloc(moved, (cap = cap ? cap * 2 : 16) * sizeof(*v));
			if (!v) {
				err = hk_error_setc(HK_EINTERNAL, "out of memory");
				break;
			}
			moved = v;
		}
		if (hk_buf_printf(&from, "%s/%s", tmp, de->d_name) < 0 || hk_buf_printf(&to, "%s/%s", dir, de->d_name) < 0)
			err = HK_EINTERNAL;
		else if (rename_noreplace(from.ptr, to.ptr) < 0)
			err = hk_error_setc(HK_EINPUT, "%s: cannot create: %s", to.ptr, hk_strerror(errno));
		else if (!(moved[n++] = strdup(de->d_name)))
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
		hk_buf_free(&from);
		hk_buf_free(&to);
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		if (err && moved[i]) {
			hk_buf from = HK_BUF_INIT, to = HK_BUF_INIT;
			if (hk_buf_printf(&from, "%s/%s", dir, moved[i]) == 0 && hk_buf_printf(&to, "%s/%s", tmp, moved[i]) == 0)
				rename(from.ptr, to.ptr);
			hk_buf_free(&from);
			hk_buf_free(&to);
		}
		free(moved[i]);
	}
	free(moved);
	if (!err)
		rmdir(tmp);
	return err;
}

/* Makes the repository in tmp, sets its office, and commits the founding
 * change as `who`. */
static int build(const char *tmp, const char *office, const char *who, const char *key)
{
	struct founding fd = {who, NULL};
	git_repository_init_options opts;
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	hk_ledger *l = NULL;
	git_oid oid;
	int err = 0;

	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_BARE;
	opts.initial_head = "main";
	opts.description = "huikan findings ledger";
	if (git_repository_init_ext(&repo, tmp, &opts) < 0 || git_repository_config(&cfg, repo) < 0 ||
	    git_config_set_string(cfg, "huikan.office", office) < 0)
		err = hk_ledger_git_error(0, tmp);
	git_config_free(cfg);
	git_repository_free(repo);
	if (err == 0 && (err = hk_ledger_open(&l, tmp)) == 0 && key && (err = hk_ledger_sign_use(l, key)) == 0) {
		fd.pub = l->sign_pub;
		l->sign_required = 1;
	}
	if (err == 0)
		err = hk_ledger_commit(l, who, 0, 1, init_change, &fd, &oid);
	hk_ledger_free(l);
	return err;
}

int hk_ledger_init(hk_ledger **out, const char *dir, const char *office, const char *admin, const char *key)
{
	struct made made = {0};
	hk_buf tmp = HK_BUF_INIT;
	char *who = NULL, *copy = NULL;
	const char *base, *slash;
	int err, made_tmp = 0;

	hk_ledger_lib_init();
	*out = NULL;
	if (admin && !hk_ledger_identity_ok(admin))
		return hk_error_setc(HK_EINPUT,
				     "--admin '%s' is not of the form \"Name <email>\", e.g. --admin \"Li Wei <li@county.gov.cn>\"",
				     admin);
	if ((err = hk_event_office_check(office)) < 0 || (err = hk_ledger_identity(&who, NULL, admin)) < 0)
		return err;
	if (key) {
		/* the key must be readable before anything is made */
		char *pub = NULL;
		if ((err = hk_ledger_sign_pubkey(&pub, key)) < 0) {
			free(who);
			return err;
		}
		free(pub);
	}
	if (!*dir || !dir_is_empty_or_missing(dir)) {
		err = hk_error_setc(HK_EINPUT, "%s: exists and is not empty; a new ledger needs a new directory", dir);
		goto done;
	}
	/* build it whole in a directory beside dir, then move it into place */
	if (!(copy = strdup(dir))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	while (strlen(copy) > 1 && copy[strlen(copy) - 1] == '/')
		copy[strlen(copy) - 1] = '\0';
	slash = strrchr(copy, '/');
	base = slash ? slash + 1 : copy;
	if ((err = make_parents(&made, copy)) < 0 ||
	    (err = hk_buf_printf(&tmp, "%.*s.%s.init-XXXXXX", slash ? (int)(slash - copy + 1) : 0, copy, base)) < 0)
		goto done;
	if (!mkdtemp(tmp.ptr)) {
		err = hk_error_setc(HK_EINPUT, "%s: cannot make a temporary directory beside it: %s", dir, hk_strerror(errno));
		goto done;
	}
	made_tmp = 1;
	{
		/* mkdtemp makes it 0700: give it the mode mkdir would have */
		mode_t mask = umask(0);
		umask(mask);
		chmod(tmp.ptr, 0777 & ~mask);
	}
	if ((err = build(tmp.ptr, office, who, key)) < 0 || (err = publish(tmp.ptr, copy)) < 0)
		goto done;
	made_tmp = 0;
	err = hk_ledger_open(out, copy);
done:
	if (made_tmp)
		remove_tree(tmp.ptr);
	for (int i = made.n; i-- > 0;) {
		if (err < 0)
			rmdir(made.path[i]); /* only if still empty */
		free(made.path[i]);
	}
	hk_buf_free(&tmp);
	free(copy);
	free(who);
	return err;
}
