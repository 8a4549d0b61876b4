/*
 * ledger_init.c - founding a ledger: a new bare repository, its office in git
 * config, and a first commit with ledger.json and the first admin's role.
 */
#include "ledger/ledger_init.h"
#include "base/error.h"
#include "base/json.h"
#include "ledger/ledger_commit.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

static int init_change(void *ctx, struct hk_change *c)
{
	const char *admin = ctx;
	struct hk_event e = {0};
	hk_buf json = HK_BUF_INIT;
	int err;

	if ((err = hk_buf_printf(&json, "{\"format\":%d,\"office\":", HK_LEDGER_FORMAT)) < 0 ||
	    (err = hk_json_put_str(&json, c->l->office, strlen(c->l->office))) < 0 ||
	    (err = hk_buf_printf(&json, ",\"created\":\"%s\"}\n", c->time)) < 0 ||
	    (err = hk_change_put(c, "ledger.json", json.ptr, json.len)) < 0)
		goto done;
	e.type = HK_EV_GRANTED;
	e.role = "admin";
	e.who = (char *)admin;
	if ((err = hk_change_put_event(c, "roles", &e)) < 0)
		goto done;
	err = hk_buf_printf(&c->message, "ledger: founded by office %s, admin %s\n", c->l->office, admin);
	if (!err)
		err = hk_change_trailer(c, "Event", "init");
done:
	hk_buf_free(&json);
	return err;
}

int hk_ledger_init(hk_ledger **out, const char *dir, const char *office, const char *admin)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	hk_ledger *l = NULL;
	git_oid oid;
	char *who = NULL;
	int err;

	hk_ledger_lib_init();
	*out = NULL;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	if ((err = hk_event_office_check(office)) < 0)
		return err;
	if (!dir_is_empty_or_missing(dir))
		return hk_error_setc(HK_EINPUT, "%s: exists and is not empty; a new ledger needs a new directory", dir);
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "main";
	opts.description = "huikan findings ledger";
	if (git_repository_init_ext(&repo, dir, &opts) < 0 || git_repository_config(&cfg, repo) < 0 ||
	    git_config_set_string(cfg, "huikan.office", office) < 0) {
		err = hk_ledger_git_error(0, dir);
		goto done;
	}
	git_config_free(cfg);
	cfg = NULL;
	git_repository_free(repo);
	repo = NULL;
	if ((err = hk_ledger_open(&l, dir)) < 0 || (err = hk_ledger_identity(&who, l, admin)) < 0)
		goto done;
	if ((err = hk_ledger_commit(l, who, 0, 1, init_change, who, &oid)) < 0)
		goto done;
	*out = l;
	l = NULL;
done:
	free(who);
	git_config_free(cfg);
	git_repository_free(repo);
	hk_ledger_free(l);
	return err;
}
