/*
 * ledger_sign.h - the signatures of a ledger's commits: which key signs, who
 * its owner is, and writing a commit signed as `git commit -S` with
 * gpg.format=ssh does (ssh-keygen -Y sign -n git over the commit buffer, the
 * armored SSHSIG in the commit's gpgsig header).
 *
 * A ledger is signed when its ledger.json says "signed": true (`ledger init
 * --key`); then every commit huikan writes is signed with the actor's key and
 * the actor is the person the key is bound to in roles/ (roles.h). A ledger
 * made without (before signatures, or `ledger init --unsigned` for tests)
 * writes unsigned commits, as before.
 */
#ifndef HK_LEDGER_SIGN_H
#define HK_LEDGER_SIGN_H

#include "base/buf.h"
#include "ledger/ledger.h"

#include <git2.h>

/* 1 when the ledger is signed (its ledger.json says so), 0 when not or
 * empty, negative when ledger.json cannot be read. Cached in l. */
int hk_ledger_sign_required(hk_ledger *l);

/* Names the signing key: `opt` (--key), else $HUIKAN_SIGNING_KEY, else git
 * config user.signingkey (the ledger's, else the user's). *path is malloc'd,
 * NULL when none is set; *from says where it came from. Returns 0 or
 * HK_EINPUT for a form not taken (git's "key::" literal). */
int hk_ledger_sign_key_path(char **path, const char **from, hk_ledger *l, const char *opt);

/* Reads the public key of the signing key at `path` (path itself when it is a
 * public key, else path.pub) as "ssh-ed25519 AAAA..." (malloc'd). Returns 0
 * or HK_EINPUT saying where it looked. */
int hk_ledger_sign_pubkey(char **pub, const char *path);

/* Sets the key l's commits are signed with (path of the private key, or of
 * its .pub when the private key is in ssh-agent). Returns 0 or a negative
 * code when its public key cannot be read. */
int hk_ledger_sign_use(hk_ledger *l, const char *path);

/* The acting person of a command on l, and its signing key: in a signed
 * ledger the owner of the key (key_opt, $HUIKAN_SIGNING_KEY or git config
 * user.signingkey) in the current roles, and `as` (or $HUIKAN_USER) naming
 * anyone else is refused; in an unsigned ledger hk_ledger_identity. *actor is
 * malloc'd. Returns 0, or HK_EINPUT saying what to do. */
int hk_ledger_sign_identity(char **actor, hk_ledger *l, const char *as, const char *key_opt);

/* Runs `ssh-keygen -Y sign -n git -f KEY` with data on its standard input
 * and appends the armored signature it writes to out. Returns 0, or HK_EINPUT
 * quoting ssh-keygen's message. */
int hk_ledger_sign_data(hk_buf *out, const char *key, const void *data, size_t len);

/* Writes the commit object whose text is buf[0..len) (git_commit_create_buffer)
 * into l's object database: signed in a gpgsig header when l has a signing
 * key, else as it is. *out is its id. Returns 0 or a negative code. */
int hk_ledger_sign_write_commit(git_oid *out, hk_ledger *l, const char *buf, size_t len);

#endif
