/*
 * cmd_ledger.c - `huikan ledger`: init, role add|remove|list, record, verify,
 * sync, reindex.
 */
#include "cli/cli.h"
#include "base/i18n.h"
#include "base/date.h"
#include "base/array.h"
#include "base/error.h"
#include "base/i18n.h"
#include "ledger/index.h"
#include "base/json.h"
#include "base/text.h"
#include "cli/ledger_cli.h"
#include "cli/engine_cli.h"
#include "engine/pack.h"
#include "ledger/ledger_commit.h"
#include "ledger/ledger_init.h"
#include "ledger/ledger_run.h"
#include "ledger/ledger_sign.h"
#include "ledger/ledger_sync.h"
#include "ledger/ledger_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	N_("usage: huikan ledger init DIR --office NAME --admin \"Name <email>\" --key FILE|--unsigned\n"
	"       huikan ledger role add|remove ROLE WHO [--key WHO.pub] [--ledger DIR] [--as \"Name <email>\"]\n"
	"                                                [--signing-key FILE]\n"
	"       huikan ledger role add-key|revoke-key WHO FILE.pub [--ledger DIR] [--signing-key FILE]\n"
	"       huikan ledger role list [--ledger DIR]\n"
	"       huikan ledger allowed-signers [--ledger DIR]\n"
	"       huikan ledger record --findings FILE.jsonl --pack NAME [--rules R1,R2,...]\n"
	"                            [--version V] [--as-of DATE] [--fingerprint HEX] [--params JSON]\n"
	"                            [--history]\n"
	"       huikan ledger sync REMOTE [--ledger DIR] [--key FILE]\n"
	"       huikan ledger verify [--full] [--ledger DIR]\n"
	"       huikan ledger reindex [--ledger DIR]\n"
	"\n"
	"The ledger is a bare git repository that records every finding of every run\n"
	"and every rectification step; see docs/ledger.md. --ledger defaults to\n"
	"$HUIKAN_LEDGER; the acting person is --as, else $HUIKAN_USER, else git config.\n"
	"In a signed ledger every commit is signed with the actor's SSH key (--key\n"
	"FILE, or --signing-key FILE for role changes, else $HUIKAN_SIGNING_KEY, else\n"
	"git config user.signingkey) and the actor is the key's owner.\n"
	"\n"
	"  init     create a ledger for an office, with its first admin and the\n"
	"           admin's SSH key (--key FILE: the private key or its .pub, which\n"
	"           signs the founding commit); --unsigned makes a ledger without\n"
	"           signatures, for tests only\n"
	"  role     grant or revoke a role: admin, officer, inspector, or register a\n"
	"           rectification unit (ROLE 'unit', WHO = the unit's name); admins only;\n"
	"           --key WHO.pub binds WHO's SSH public key; add-key binds another key,\n"
	"           revoke-key revokes one from then on (what it signed before stays valid)\n"
	"  allowed-signers  print git's allowed-signers file of the ledger's keys, for\n"
	"           git -c gpg.ssh.allowedSignersFile=FILE verify-commit / log --show-signature\n"
	"  record   record findings made elsewhere (JSON lines: rule, entity, category,\n"
	"           severity, message, evidence) as a run, as of the as_of that huikan\n"
	"           run --format jsonl writes into each (--as-of may only repeat it), else\n"
	"           --as-of, else today; scope = --rules (default: the\n"
	"           rules of the findings given); a run older (--as-of) than one\n"
	"           recorded for the same rules is refused unless --history: then it\n"
	"           is recorded as history only and no finding changes state; when\n"
	"           --pack names a pack huikan can load (a directory, a rule file or\n"
	"           audits/NAME), the Chinese and English titles of its rules are\n"
	"           recorded too, for the ledger's views and reports\n"
	"  sync     fetch from REMOTE (a path or URL), merge (a union of events) and push\n"
	"  verify   check the history and list every violation (exit 1 if any): the\n"
	"           commits since the last clean verify and the findings they touched;\n"
	"           --full replays the whole history\n"
	"  reindex  rebuild the SQLite index (DIR/")  "\f" HK_INDEX_FILE  "\f" N_(") from git\n");

static int do_init(int argc, char **argv)
{
	const char *office = NULL, *admin = NULL, *key = NULL, *from = NULL;
	int unsigned_ = 0;
	char *path = NULL;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {{"--office", HK_OPT_VALUE, &office},
				      {"--admin", HK_OPT_VALUE, &admin},
				      {"--key", HK_OPT_VALUE, &key},
				      {"--unsigned", HK_OPT_FLAG, &unsigned_},
				      {NULL, 0, NULL}};
	hk_ledger *l = NULL;
	int rc = hk_cli_opts_parse("ledger init", argc, argv, opts, &pos, usage), err;
	if (rc)
		return rc < 0 ? 0 : rc;
	if (pos.n != 1 || !office || !admin)
		return hk_cli_usage_error("ledger init", "give DIR, --office NAME and --admin \"Name <email>\"");
	if (unsigned_ && key)
		return hk_cli_usage_error("ledger init", "give --key FILE or --unsigned, not both");
	if (!unsigned_) {
		if ((err = hk_ledger_sign_key_path(&path, &from, NULL, key)) < 0)
			return hk_cli_fail("ledger init", err);
		if (!path)
			return hk_cli_usage_error("ledger init",
						  "give --key FILE, the admin's SSH key that signs the ledger (make one with "
						  "ssh-keygen -t ed25519), or --unsigned for a test ledger without signatures");
	}
	err = hk_ledger_init(&l, pos.v[0], office, admin, path);
	free(path);
	if (err < 0)
		return hk_cli_fail("ledger init", err);
	printf(unsigned_ ? _("created unsigned ledger %s for office %s (admin %s)\n")
			 : _("created signed ledger %s for office %s (admin %s)\n"),
	       pos.v[0], office, admin);
	hk_ledger_free(l);
	return 0;
}

struct role_op {
	enum hk_event_type type;
	const char *role, *who;
	const char *key; /* "ssh-ed25519 AAAA...": granted (optional), key-added, key-revoked */
};

static int role_change(void *ctx, struct hk_change *c)
{
	struct role_op *op = ctx;
	hk_roles *roles = NULL;
	struct hk_event e = {0};
	const char *owner = NULL;
	char ko[256], kw[256];
	int err = 0, has = 0, revoked = 0;
	if ((err = hk_ledger_read_roles(&roles, c->l, c->head_tree)) < 0)
		return err;
	if (op->role)
		has = hk_roles_has(roles, op->who, op->role, 0);
	if (op->key) {
		owner = hk_roles_key_owner(roles, op->key, 0, &revoked);
		hk_roles_person_key(kw, sizeof(kw), op->who);
		hk_roles_person_key(ko, sizeof(ko), owner ? owner : "");
	}
	if (op->type == HK_EV_KEY_REVOKED) {
		char ka[256];
		hk_roles_person_key(ka, sizeof(ka), c->actor);
		if (!owner || strcmp(kw, ko) != 0)
			err = hk_error_setc(HK_EINPUT, "%s holds no such key (%.40s...)%s", op->who, op->key,
					    revoked ? _(": it was revoked already") : "");
		else if (!hk_roles_has(roles, c->actor, "admin", 0) && strcmp(ka, kw) != 0)
			err = hk_error_setc(HK_EINPUT, "%s is not an admin of this ledger nor the key's holder", c->actor);
	} else if (!hk_roles_has(roles, c->actor, "admin", 0)) {
		err = hk_error_setc(HK_EINPUT, "%s is not an admin of this ledger; only admins change roles", c->actor);
	} else if (op->type == HK_EV_GRANTED && has && !op->key) {
		err = hk_error_setc(HK_EINPUT, "%s already holds role %s", op->who, op->role);
	} else if (op->type == HK_EV_REVOKED && !has) {
		err = hk_error_setc(HK_EINPUT, "%s does not hold role %s", op->who, op->role);
	} else if (op->key && owner && strcmp(ko, kw) != 0) {
		err = hk_error_setc(HK_EINPUT, "the key %.40s... belongs to %s; a key is one person's", op->key, owner);
	} else if (op->key && owner) {
		err = hk_error_setc(HK_EINPUT, "%s holds this key already", op->who);
	}
	hk_roles_free(roles);
	if (err)
		return err;
	e.type = op->type;
	e.role = (char *)op->role;
	e.who = (char *)op->who;
	e.key = (char *)op->key;
	if ((err = hk_ledger_commit_put_event(c, "roles", &e)) < 0)
		return err;
	if (op->role)
		err = hk_buf_printf(&c->message, "role: %s %s %s%s\n", op->type == HK_EV_GRANTED ? "grant" : "revoke",
				    op->role, op->who, op->key ? " (with a key)" : "");
	else
		err = hk_buf_printf(&c->message, "role: %s a key of %s\n", op->type == HK_EV_KEY_ADDED ? "add" : "revoke",
				    op->who);
	if (err < 0)
		return err;
	if (op->key && (err = hk_ledger_commit_trailer(c, "Key", "%s", op->key)) < 0)
		return err;
	return hk_ledger_commit_trailer(c, "Event", "%s", hk_event_type_name(op->type));
}

/* Role names and identities come from the ledger (other offices sync them
 * in): made visible, one line each (base/text.h). */
static void print_role(void *ctx, const char *role, const char *who)
{
	(void)ctx;
	hk_text_fputs(stdout, role, 0);
	putchar('\t');
	hk_text_fputs(stdout, who, 0);
	putchar('\n');
}

static int do_role(int argc, char **argv)
{
	const char *ledger = NULL, *as = NULL, *key = NULL, *signing = NULL;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {{"--ledger", HK_OPT_VALUE, &ledger},
				      {"--as", HK_OPT_VALUE, &as},
				      {"--key", HK_OPT_VALUE, &key},
				      {"--signing-key", HK_OPT_VALUE, &signing},
				      {NULL, 0, NULL}};
	hk_ledger *l = NULL;
	char *actor = NULL, *pub = NULL;
	git_oid oid;
	int rc = hk_cli_opts_parse("ledger role", argc, argv, opts, &pos, usage), err, keyop;
	struct role_op op = {0};

	if (rc)
		return rc < 0 ? 0 : rc;
	if (pos.n == 1 && strcmp(pos.v[0], "list") == 0) {
		git_commit *head = NULL;
		git_tree *tree = NULL;
		hk_roles *roles = NULL;
		if ((rc = hk_ledger_cli_open("ledger role", ledger, NULL, NULL, &l, NULL)) != 0)
			return rc;
		if ((err = hk_ledger_head(&head, l)) < 0 || (head && git_commit_tree(&tree, head) < 0) ||
		    (err = hk_ledger_read_roles(&roles, l, tree)) < 0)
			rc = hk_cli_fail("ledger role", err < 0 ? err : HK_EINTERNAL);
		else
			hk_roles_each(roles, print_role, NULL);
		hk_roles_free(roles);
		git_tree_free(tree);
		git_commit_free(head);
		hk_ledger_free(l);
		return rc;
	}
	keyop = pos.n == 3 && (strcmp(pos.v[0], "add-key") == 0 || strcmp(pos.v[0], "revoke-key") == 0);
	if (keyop) {
		if (key)
			return hk_cli_usage_error("ledger role", "%s takes the key file as its argument, not --key", pos.v[0]);
		op.type = strcmp(pos.v[0], "add-key") == 0 ? HK_EV_KEY_ADDED : HK_EV_KEY_REVOKED;
		op.who = pos.v[1];
		key = pos.v[2];
	} else {
		if (pos.n != 3 || (strcmp(pos.v[0], "add") != 0 && strcmp(pos.v[0], "remove") != 0))
			return hk_cli_usage_error("ledger role", "use: ledger role add|remove ROLE WHO, ledger role "
								 "add-key|revoke-key WHO FILE.pub, or ledger role list");
		if (!hk_roles_valid_name(pos.v[1]))
			return hk_cli_usage_error("ledger role", "no role '%s' (roles: admin, officer, inspector, unit)",
						  pos.v[1]);
		if (key && (strcmp(pos.v[0], "add") != 0 || strcmp(pos.v[1], "unit") == 0))
			return hk_cli_usage_error("ledger role", "--key binds a person's key when a role is added (not "
								 "to a unit, not on remove)");
		op.type = strcmp(pos.v[0], "add") == 0 ? HK_EV_GRANTED : HK_EV_REVOKED;
		op.role = pos.v[1];
		op.who = pos.v[2];
	}
	if ((!op.role || strcmp(op.role, "unit") != 0) && (!strchr(op.who, '<') || !strchr(op.who, '@')))
		return hk_cli_usage_error("ledger role", "'%s' is not \"Name <email>\"", op.who);
	if (!*op.who || strlen(op.who) >= HK_FSTATE_TEXT)
		return hk_cli_usage_error("ledger role", "WHO must be 1 to %d bytes", HK_FSTATE_TEXT - 1);
	if (key && (err = hk_ledger_sign_pubkey(&pub, key)) < 0)
		return hk_cli_fail("ledger role", err);
	op.key = pub;
	if ((rc = hk_ledger_cli_open("ledger role", ledger, as, signing, &l, &actor)) != 0)
		goto done;
	if ((err = hk_ledger_commit(l, actor, 0, 0, role_change, &op, &oid)) < 0)
		rc = hk_cli_fail("ledger role", err);
	else if (op.role)
		printf(op.type == HK_EV_GRANTED ? _("granted %s %s%s\n") : _("revoked %s %s%s\n"), op.role, op.who,
		       pub ? _(" (key bound)") : "");
	else
		printf(op.type == HK_EV_KEY_ADDED ? _("added key of %s: %s\n") : _("revoked key of %s: %s\n"), op.who, pub);
done:
	free(pub);
	free(actor);
	hk_ledger_free(l);
	return rc;
}

/* One line of git's allowed-signers file (ssh-keygen(1), ALLOWED SIGNERS). */
static void print_signer(void *ctx, const char *who, const char *key, int in_force)
{
	char email[256];
	(void)ctx;
	hk_roles_person_key(email, sizeof(email), who);
	if (!*email || strpbrk(email, " \t\r\n,\"*?!#")) {
		printf("# skipped: a key of a person whose e-mail cannot be a principal\n");
		return;
	}
	if (!in_force)
		printf("# revoked later; it stays here for the commits it signed before\n");
	printf("%s namespaces=\"git\" %s\n", email, key);
}

static int do_allowed_signers(int argc, char **argv)
{
	const char *ledger = NULL;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {{"--ledger", HK_OPT_VALUE, &ledger}, {NULL, 0, NULL}};
	hk_ledger *l = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	hk_roles *roles = NULL;
	int rc = hk_cli_opts_parse("ledger allowed-signers", argc, argv, opts, &pos, usage), err = 0;
	if (rc)
		return rc < 0 ? 0 : rc;
	if (pos.n)
		return hk_cli_usage_error("ledger allowed-signers", "takes no arguments");
	if ((rc = hk_ledger_cli_open("ledger allowed-signers", ledger, NULL, NULL, &l, NULL)) != 0)
		return rc;
	if ((err = hk_ledger_head(&head, l)) < 0 || (head && git_commit_tree(&tree, head) < 0) ||
	    (err = hk_ledger_read_roles(&roles, l, tree)) < 0)
		rc = hk_cli_fail("ledger allowed-signers", err < 0 ? err : HK_EINTERNAL);
	else
		hk_roles_each_key(roles, print_signer, NULL);
	hk_roles_free(roles);
	git_tree_free(tree);
	git_commit_free(head);
	hk_ledger_free(l);
	return rc;
}

/* When `pack` is a pack huikan finds (hk_engine_cli_pack_path), loads it
 * into *p and fills *titles and *titles_en (parallel to rules[0..n)) with the
 * titles of those rules; a rule the pack lacks is named on stderr and gets
 * none. Otherwise (a name only) leaves them NULL. Returns 0 or a negative
 * code (a pack that does not load, out of memory). */
static int record_titles(struct hk_pack **p, const char ***titles, const char ***titles_en, const char *pack,
			 const char *const *rules, size_t n)
{
	struct hk_limits lim;
	char *path = hk_engine_cli_pack_path(pack);
	int err;
	if (!path)
		return 0;
	free(path);
	hk_engine_cli_budget_defaults(&lim);
	if ((err = hk_engine_cli_pack_open(p, "ledger record", pack, &lim)) < 0)
		return err;
	if (!(*titles = calloc(n + 1, sizeof(**titles))) || !(*titles_en = calloc(n + 1, sizeof(**titles_en))))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const struct hk_rule *r = hk_pack_rule(*p, rules[i]);
		if (!r) {
			hk_text_printf(stderr, _("huikan ledger record: rule %s is not in pack %s: recorded without its title\n"),
				       rules[i], pack);
			continue;
		}
		(*titles)[i] = r->title;
		(*titles_en)[i] = r->title_en;
	}
	return 0;
}

static int do_record(int argc, char **argv)
{
	const char *ledger = NULL, *as = NULL, *key = NULL, *file = NULL, *pack = NULL, *version = "", *as_of = NULL,
		   *fingerprint = NULL, *params = NULL, *rules_arg = NULL;
	int history = 0;
	struct hk_strlist pos;
	const struct hk_opt opts[] = {
		{"--ledger", HK_OPT_VALUE, &ledger},   {"--as", HK_OPT_VALUE, &as},
		{"--findings", HK_OPT_VALUE, &file},   {"--pack", HK_OPT_VALUE, &pack},
		{"--version", HK_OPT_VALUE, &version}, {"--as-of", HK_OPT_VALUE, &as_of},
		{"--fingerprint", HK_OPT_VALUE, &fingerprint}, {"--params", HK_OPT_VALUE, &params},
		{"--rules", HK_OPT_VALUE, &rules_arg}, {"--history", HK_OPT_FLAG, &history},
		{"--key", HK_OPT_VALUE, &key},         {NULL, 0, NULL},
	};
	struct hk_finding *f = NULL;
	size_t n = 0, nrules = 0;
	const char **rules = NULL;
	char *rules_copy = NULL, *actor = NULL, day[11];
	hk_ledger *l = NULL;
	struct hk_pack *pk = NULL;
	const char **titles = NULL, **titles_en = NULL;
	struct hk_run_counts counts;
	int rc = hk_cli_opts_parse("ledger record", argc, argv, opts, &pos, usage), err;

	if (rc)
		return rc < 0 ? 0 : rc;
	if (!file || !pack || pos.n)
		return hk_cli_usage_error("ledger record", "give --findings FILE.jsonl and --pack NAME");
	if (!as_of)
		hk_date_today(day);
	else if ((rc = hk_cli_date(day, "ledger record", "--as-of", as_of)) != 0)
		return rc;
	if (params) {
		hk_json *p = NULL;
		if (hk_json_parse(&p, params, strlen(params)) < 0 || hk_json_type_of(p) != HK_JSON_OBJECT) {
			hk_json_free(p);
			return hk_cli_usage_error("ledger record", "--params is not a JSON object");
		}
		hk_json_free(p);
	}
	if ((rc = hk_ledger_cli_open("ledger record", ledger, as, key, &l, &actor)) != 0)
		return rc;
	if ((err = hk_finding_read_jsonl(&f, &n, file)) < 0) {
		rc = hk_cli_fail("ledger record", err);
		goto done;
	}
	/* The run's date: a findings file of huikan run carries it (as_of in
	 * every record), which --as-of may only repeat; a file of findings made
	 * elsewhere, without it, is recorded as of --as-of, else today. A run
	 * recorded under a later day than its own would make later runs
	 * "older" and refused, for good. */
	for (size_t i = 0; i < n; i++) {
		if (strcmp(f[i].as_of, f[0].as_of) != 0) {
			rc = hk_cli_fail("ledger record",
					 hk_error_setc(HK_EINPUT,
						       "%s: findings of more than one audit date (as_of '%s' and '%s'): "
						       "record the findings of each run on their own",
						       file, f[0].as_of, f[i].as_of));
			goto done;
		}
	}
	if (n && f[0].as_of[0]) {
		if (as_of && strcmp(day, f[0].as_of) != 0) {
			rc = hk_cli_fail("ledger record",
					 hk_error_setc(HK_EINPUT,
						       "--as-of %s, but the findings of %s were made as of %s (their "
						       "as_of): leave --as-of out, or give that date",
						       day, file, f[0].as_of));
			goto done;
		}
		memcpy(day, f[0].as_of, sizeof(day));
	}
	if (!(rules = calloc(n + 256, sizeof(*rules)))) {
		rc = hk_cli_fail("ledger record", hk_error_setc(HK_EINTERNAL, "out of memory"));
		goto done;
	}
	if (rules_arg) {
		rules_copy = strdup(rules_arg);
		for (char *save = NULL, *t = strtok_r(rules_copy, ",", &save); t && nrules < 256; t = strtok_r(NULL, ",", &save))
			rules[nrules++] = t;
	} else {
		for (size_t i = 0; i < n; i++) {
			size_t k;
			for (k = 0; k < nrules && strcmp(rules[k], f[i].rule) != 0; k++)
				;
			if (k == nrules)
				rules[nrules++] = f[i].rule;
		}
	}
	/* the titles of the rules, when --pack is a pack huikan can load */
	if ((err = record_titles(&pk, &titles, &titles_en, pack, rules, nrules)) < 0) {
		rc = hk_cli_fail("ledger record", err);
		goto done;
	}
	{
		struct hk_run_record run = {pack, version, params, day, fingerprint ? fingerprint : "",
					    actor, history, titles, titles_en, NULL};
		if ((err = hk_ledger_run_record(l, &run, f, n, rules, nrules, &counts)) < 0) {
			rc = hk_cli_fail("ledger record", err);
			goto done;
		}
	}
	if (history)
		printf(_("run %s: history only, %zu findings, no state changed (commit %.12s)\n"), counts.run_id,
		       counts.produced, counts.commit);
	else
		printf(_("run %s: %zu found, %zu absent, %zu reappeared, %zu unchanged (commit %.12s)\n"), counts.run_id,
		       counts.found, counts.absent, counts.reappeared, counts.unchanged, counts.commit);
	rc = 0;
done:
	for (size_t i = 0; i < n; i++)
		hk_finding_clear(&f[i]);
	free(f);
	free(rules);
	free(rules_copy);
	free(actor);
	free(titles);
	free(titles_en);
	hk_pack_free(pk);
	hk_ledger_free(l);
	return rc;
}

static int do_simple(const char *what, int argc, char **argv)
{
	const char *ledger = NULL, *as = NULL, *key = NULL;
	struct hk_strlist pos;
	int full = 0;
	const struct hk_opt opts[] = {{"--ledger", HK_OPT_VALUE, &ledger},
				      {"--as", HK_OPT_VALUE, &as},
				      {"--key", HK_OPT_VALUE, &key},
				      {"--full", HK_OPT_FLAG, &full},
				      {NULL, 0, NULL}};
	char cmd[64];
	hk_ledger *l = NULL;
	hk_index *ix = NULL;
	char *actor = NULL;
	int rc, err = 0;

	snprintf(cmd, sizeof(cmd), "ledger %s", what);
	rc = hk_cli_opts_parse(cmd, argc, argv, opts, &pos, usage);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (full && strcmp(what, "verify") != 0)
		return hk_cli_usage_error(cmd, "--full belongs to 'huikan ledger verify'");
	if (strcmp(what, "sync") == 0 ? pos.n != 1 : pos.n != 0)
		return hk_cli_usage_error(cmd, strcmp(what, "sync") == 0 ? "give one REMOTE" : "takes no arguments");
	if ((rc = hk_ledger_cli_open(cmd, ledger, as, key, &l, strcmp(what, "sync") == 0 ? &actor : NULL)) != 0)
		return rc;
	if (strcmp(what, "reindex") == 0) {
		if ((err = hk_index_open_raw(&ix, l)) == 0 && (err = hk_index_rebuild(ix)) == 0) {
			sqlite3_stmt *st = NULL;
			sqlite3_prepare_v2(hk_index_db(ix), "SELECT count(*) FROM findings", -1, &st, NULL);
			if (st && sqlite3_step(st) == SQLITE_ROW)
				printf(_("indexed %lld findings at commit %.12s\n"), (long long)sqlite3_column_int64(st, 0),
				       hk_index_commit(ix));
			sqlite3_finalize(st);
		}
	} else if (strcmp(what, "verify") == 0) {
		size_t nviol = 0;
		struct hk_verify_stats vs;
		if (hk_ledger_sign_required(l) == 0)
			fprintf(stderr, _("huikan ledger verify: notice: %s is an unsigned ledger: who did each step is a claim "
					"of its events, not proven by a signature (a ledger made with 'ledger init --key' "
					"is signed)\n"),
				l->path);
		if ((err = hk_ledger_verify(l, stdout, full, &nviol, &vs)) == 0) {
			if (nviol)
				fprintf(stderr, hk_ntr("huikan ledger verify: %zu violation\n", "huikan ledger verify: %zu violations\n", nviol),
					nviol);
			else
				printf("%s", _("ledger verified: no violation\n"));
			if (vs.incremental)
				fprintf(stderr, _("huikan ledger verify: %zu new commits since %.12s, verified before "
						  "(--full replays the whole history)\n"),
					vs.commits, vs.from);
			else
				fprintf(stderr, _("huikan ledger verify: the whole history, %zu commits\n"), vs.commits);
			rc = nviol ? HK_EXIT_FINDINGS : 0;
		}
	} else {
		struct hk_sync_result res;
		if ((err = hk_ledger_sync(l, pos.v[0], actor, &res)) == 0) {
			printf(_("synced with %s: fetched %s, %s, %s\n"), pos.v[0],
			       res.fetched ? _("new commits") : _("nothing new"),
			       res.merged ? _("merged") : (res.fast_forward ? _("fast-forwarded") : _("no merge needed")),
			       res.pushed ? _("pushed") : _("nothing to push"));
			if (hk_index_open(&ix, l) < 0)
				fprintf(stderr, _("huikan %s: warning: index not updated: %s\n"), cmd, hk_error_last());
		}
	}
	if (err < 0)
		rc = hk_cli_fail(cmd, err);
	hk_index_free(ix);
	free(actor);
	hk_ledger_free(l);
	return rc;
}

int hk_cmd_ledger(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	if (!sub)
		return hk_cli_usage_error("ledger", "name a subcommand: init, role, record, sync, verify, reindex, allowed-signers");
	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
		hk_cli_usage_print(usage);
		return 0;
	}
	if (strcmp(sub, "init") == 0)
		return do_init(argc - 1, argv + 1);
	if (strcmp(sub, "role") == 0)
		return do_role(argc - 1, argv + 1);
	if (strcmp(sub, "record") == 0)
		return do_record(argc - 1, argv + 1);
	if (strcmp(sub, "allowed-signers") == 0)
		return do_allowed_signers(argc - 1, argv + 1);
	if (strcmp(sub, "verify") == 0 || strcmp(sub, "sync") == 0 || strcmp(sub, "reindex") == 0)
		return do_simple(sub, argc - 1, argv + 1);
	return hk_cli_usage_error("ledger", "no subcommand '%s' (init, role, record, sync, verify, reindex, allowed-signers)", sub);
}
