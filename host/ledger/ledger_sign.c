/*
 * ledger_sign.c - signing the commits huikan writes (see ledger_sign.h):
 * the signing key and its owner, and ssh-keygen run as git runs it, with
 * fork/exec and pipes, so that ssh-agent, passphrase-protected and hardware
 * keys work.
 */
#include "ledger/ledger_sign.h"
#include "base/error.h"
#include "base/fdio.h"
#include "base/i18n.h"
#include "base/json.h"
#include "base/sshsig.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIG_MAX (64 * 1024)   /* an SSHSIG block is a few hundred bytes */
#define KEYFILE_MAX (16 * 1024)

int hk_ledger_sign_required(hk_ledger *l)
{
	hk_json *doc = NULL;
	int err, on = 0;

	if (l->sign_required >= 0)
		return l->sign_required;
	if ((err = hk_ledger_config(&doc, l)) < 0 || !doc)
		goto done;
	on = hk_json_bool(hk_json_get(doc, "signed"));
	l->sign_required = on;
done:
	hk_json_free(doc);
	return err < 0 ? err : on;
}

int hk_ledger_sign_key_path(char **path, const char **from, hk_ledger *l, const char *opt)
{
	git_config *cfg = NULL;
	git_buf val = {0};
	const char *env = getenv("HUIKAN_SIGNING_KEY"), *home = getenv("HOME");
	int err = 0;

	*path = NULL;
	*from = NULL;
	if (opt && *opt) {
		*from = "--key";
		*path = strdup(opt);
	} else if (env && *env) {
		*from = "HUIKAN_SIGNING_KEY";
		*path = strdup(env);
	} else if (((l && git_repository_config(&cfg, l->repo) == 0) || git_config_open_default(&cfg) == 0) &&
		   git_config_get_string_buf(&val, cfg, "user.signingkey") == 0 && *val.ptr) {
		*from = "git config user.signingkey";
		if (strncmp(val.ptr, "key::", 5) == 0)
			err = hk_error_setc(HK_EINPUT, "git config user.signingkey is a literal key (key::...): huikan "
						       "signs with a key file; give --key FILE or set HUIKAN_SIGNING_KEY");
		else if (strncmp(val.ptr, "~/", 2) == 0 && home) {
			hk_buf b = HK_BUF_INIT;
			err = hk_buf_printf(&b, "%s/%s", home, val.ptr + 2);
			*path = b.ptr;
		} else
			*path = strdup(val.ptr);
	} else {
		goto done;
	}
	if (!err && !*path)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
done:
	git_buf_dispose(&val);
	git_config_free(cfg);
	return err;
}

/* Reads a small text file into out; 0, or -1 with errno. */
static int read_small(hk_buf *out, const char *path)
{
	FILE *f = fopen(path, "rb");
	char chunk[4096];
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && out->len < KEYFILE_MAX)
		hk_buf_put(out, chunk, n);
	fclose(f);
	return 0;
}

int hk_ledger_sign_pubkey(char **pub, const char *path)
{
	hk_buf text = HK_BUF_INIT, name = HK_BUF_INIT, canon = HK_BUF_INIT;
	unsigned char pk[HK_SSHSIG_PK_LEN];
	size_t n = strlen(path);
	int err;

	*pub = NULL;
	if (n > 4 && strcmp(path + n - 4, ".pub") == 0)
		err = hk_buf_puts(&name, path);
	else
		err = hk_buf_printf(&name, "%s.pub", path);
	if (err < 0)
		goto done;
	if (read_small(&text, name.ptr) < 0) {
		/* no KEY.pub: the file itself may be the public key */
		if (errno == ENOENT && read_small(&text, path) == 0 && text.ptr && strncmp(text.ptr, "ssh-", 4) == 0) {
			hk_buf_clear(&name);
			hk_buf_puts(&name, path);
		} else {
			err = hk_error_setc(HK_EINPUT, "signing key %s: cannot read its public key %s: %s", path, name.ptr,
					    hk_strerror(errno ? errno : ENOENT));
			goto done;
		}
	}
	if (!text.ptr || (err = hk_sshsig_pubkey_parse(pk, text.ptr)) < 0) {
		err = hk_error_setc(HK_EINPUT, "%s: %s", name.ptr,
				    text.ptr ? hk_error_last() : "empty; expected \"ssh-ed25519 AAAA...\"");
		goto done;
	}
	if ((err = hk_sshsig_pubkey_format(&canon, pk)) < 0)
		goto done;
	*pub = canon.ptr;
	canon.ptr = NULL;
done:
	hk_buf_free(&text);
	hk_buf_free(&name);
	hk_buf_free(&canon);
	return err;
}

int hk_ledger_sign_use(hk_ledger *l, const char *path)
{
	char *pub = NULL, *copy;
	int err = hk_ledger_sign_pubkey(&pub, path);
	if (err < 0)
		return err;
	if (!(copy = strdup(path))) {
		free(pub);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	free(l->sign_key);
	free(l->sign_pub);
	l->sign_key = copy;
	l->sign_pub = pub;
	return 0;
}

int hk_ledger_sign_identity(char **actor, hk_ledger *l, const char *as, const char *key_opt)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	hk_roles *roles = NULL;
	char *path = NULL;
	const char *from, *owner, *env = getenv("HUIKAN_USER");
	char ka[256], ko[256];
	int err, revoked = 0;

	*actor = NULL;
	if ((err = hk_ledger_sign_required(l)) < 0)
		return err;
	if (!err)
		return hk_ledger_identity(actor, l, as);
	if ((err = hk_ledger_sign_key_path(&path, &from, l, key_opt)) < 0)
		goto done;
	if (!path) {
		err = hk_error_setc(HK_EINPUT, "%s: this ledger is signed: every step is signed with its actor's SSH key; "
					       "give --key FILE, set HUIKAN_SIGNING_KEY or git config user.signingkey",
				    l->path);
		goto done;
	}
	if ((err = hk_ledger_sign_use(l, path)) < 0)
		goto done;
	if ((err = hk_ledger_head(&head, l)) < 0 || (head && git_commit_tree(&tree, head) < 0) ||
	    (err = hk_ledger_read_roles(&roles, l, tree)) < 0) {
		err = err < 0 ? err : hk_ledger_git_error(0, "reading the head tree");
		goto done;
	}
	if (!(owner = hk_roles_key_owner(roles, l->sign_pub, 0, &revoked))) {
		err = hk_error_setc(HK_EINPUT,
				    "the signing key %s (from %s, %.60s...) %s in this ledger; an admin binds a key to its "
				    "owner with: huikan ledger role add-key \"Name <email>\" FILE.pub",
				    path, from, l->sign_pub, revoked ? _("was revoked") : _("belongs to no one"));
		goto done;
	}
	if (!as && env && *env)
		as = env;
	if (as) {
		hk_roles_person_key(ka, sizeof(ka), as);
		hk_roles_person_key(ko, sizeof(ko), owner);
		if (strcmp(ka, ko) != 0) {
			err = hk_error_setc(HK_EINPUT,
					    "you act as '%s', but the signing key %s belongs to %s: in a signed ledger the "
					    "actor is the owner of the key (drop --as / HUIKAN_USER, or sign with your own key)",
					    as, path, owner);
			goto done;
		}
	}
	err = hk_ledger_identity(actor, l, owner);
done:
	hk_roles_free(roles);
	git_tree_free(tree);
	git_commit_free(head);
	free(path);
	return err;
}

/* Runs ssh-keygen with data on stdin; its stdout into out, stderr into errs. */
static int run_keygen(hk_buf *out, hk_buf *errs, int *status, const char *key, const void *data, size_t len)
{
	int in[2] = {-1, -1}, o[2] = {-1, -1}, e[2] = {-1, -1};
	struct sigaction ign, old;
	pid_t pid;
	int err = 0;

	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(o, O_CLOEXEC) < 0 || pipe2(e, O_CLOEXEC) < 0) {
		err = hk_error_setc(HK_EINTERNAL, "pipe: %s", hk_strerror(errno));
		goto done;
	}
	if ((pid = fork()) < 0) {
		err = hk_error_setc(HK_EINTERNAL, "fork: %s", hk_strerror(errno));
		goto done;
	}
	if (pid == 0) {
		if (dup2(in[0], 0) < 0 || dup2(o[1], 1) < 0 || dup2(e[1], 2) < 0)
			_exit(127);
		execlp("ssh-keygen", "ssh-keygen", "-Y", "sign", "-n", "git", "-f", key, (char *)NULL);
		dprintf(2, "cannot run ssh-keygen: %s (install openssh-client)", hk_strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	close(e[1]);
	in[0] = o[1] = e[1] = -1;
	/* a signer that dies early must not kill us with SIGPIPE */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	/* ssh-keygen reads all of stdin before it writes: feed it, then read;
	 * a failed write means it died, and its status and stderr say why */
	(void)hk_fdio_write_all(in[1], data, len);
	close(in[1]);
	in[1] = -1;
	sigaction(SIGPIPE, &old, NULL);
	{
		struct pollfd fds[2] = {{o[0], POLLIN, 0}, {e[0], POLLIN, 0}};
		hk_buf *dst[2] = {out, errs};
		int open_fds = 2;
		while (open_fds) {
			if (poll(fds, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			for (int i = 0; i < 2; i++) {
				char chunk[4096];
				ssize_t r;
				if (fds[i].fd < 0 || !fds[i].revents)
					continue;
				r = read(fds[i].fd, chunk, sizeof(chunk));
				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0) {
					fds[i].fd = -1;
					open_fds--;
				} else if (dst[i]->len < SIG_MAX) {
					hk_buf_put(dst[i], chunk, (size_t)r);
				}
			}
		}
	}
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
done:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (o[i] >= 0)
			close(o[i]);
		if (e[i] >= 0)
			close(e[i]);
	}
	return err;
}

int hk_ledger_sign_data(hk_buf *out, const char *key, const void *data, size_t len)
{
	hk_buf errs = HK_BUF_INIT;
	int status = 0, err;
	size_t start = out->len;

	if ((err = run_keygen(out, &errs, &status, key, data, len)) < 0)
		goto done;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || out->len == start ||
	    !strstr(out->ptr + start, "-----END SSH SIGNATURE-----")) {
		/* drop ssh-keygen's chatter line, keep its reason */
		const char *why = errs.ptr ? errs.ptr : "";
		if (strncmp(why, "Signing data on standard input", 30) == 0)
			why += 30 + strspn(why + 30, "\r\n");
		err = hk_error_setc(HK_EINPUT, "signing with %s failed (ssh-keygen -Y sign %s %d): %.*s", key,
				    WIFEXITED(status) ? "exit" : "signal",
				    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
				    (int)strcspn(why, "\r\n") ? (int)strcspn(why, "\r\n") : 20,
				    *why ? why : "no signature written");
	}
done:
	hk_buf_free(&errs);
	return err;
}

int hk_ledger_sign_write_commit(git_oid *out, hk_ledger *l, const char *buf, size_t len)
{
	hk_buf sig = HK_BUF_INIT, content = HK_BUF_INIT;
	git_odb *odb = NULL;
	int err = 0;

	if (!l->sign_key) {
		if (git_repository_odb(&odb, l->repo) < 0 || git_odb_write(out, odb, buf, len, GIT_OBJECT_COMMIT) < 0)
			err = hk_ledger_git_error(0, "writing the commit");
		git_odb_free(odb);
		return err;
	}
	if ((err = hk_ledger_sign_data(&sig, l->sign_key, buf, len)) < 0 || (err = hk_buf_put(&content, buf, len)) < 0)
		goto done;
	/* git_commit_create_with_signature wants the signature without its
	 * final newline (it writes the header lines itself) */
	while (sig.len && (sig.ptr[sig.len - 1] == '\n' || sig.ptr[sig.len - 1] == '\r'))
		sig.ptr[--sig.len] = '\0';
	if (git_commit_create_with_signature(out, l->repo, content.ptr, sig.ptr, "gpgsig") < 0)
		err = hk_ledger_git_error(0, "writing the signed commit");
done:
	hk_buf_free(&sig);
	hk_buf_free(&content);
	return err;
}
