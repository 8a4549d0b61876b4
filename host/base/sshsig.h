/*
 * sshsig.h - SSH signatures as `ssh-keygen -Y sign` makes them (OpenSSH's
 * PROTOCOL.sshsig) and git stores in a commit's gpgsig header: parsing the
 * armored block, and verifying an Ed25519 one in-process with libsodium.
 *
 * The blob inside "-----BEGIN SSH SIGNATURE-----" is: the 6 bytes "SSHSIG",
 * a uint32 version (1), then length-prefixed strings: public key, namespace,
 * reserved, hash algorithm ("sha512" or "sha256"), signature. What the key
 * signs is "SSHSIG" followed by the strings namespace, reserved, hash
 * algorithm and the hash of the message.
 */
#ifndef HK_SSHSIG_H
#define HK_SSHSIG_H

#include "base/buf.h"

#include <stddef.h>

#define HK_SSHSIG_PK_LEN 32
#define HK_SSHSIG_SIG_LEN 64

/* A parsed signature. Only Ed25519 keys ("ssh-ed25519") are taken. */
struct hk_sshsig {
	unsigned char pk[HK_SSHSIG_PK_LEN];  /* the signer's public key */
	char ns[64];                         /* namespace, e.g. "git" */
	char hash[8];                        /* "sha512" or "sha256" */
	unsigned char reserved[64];          /* the reserved string (empty in practice) */
	size_t nreserved;
	unsigned char sig[HK_SSHSIG_SIG_LEN];
};

/* Parses the armored signature text[0..len) (surrounding white space and
 * line breaks of any kind allowed). Returns 0, or HK_EINPUT with a message
 * saying what is wrong (not armored, bad base64, wrong magic or version,
 * a key or signature type other than ssh-ed25519, truncated, trailing
 * bytes). */
int hk_sshsig_parse(struct hk_sshsig *out, const char *text, size_t len);

/* Verifies s over msg[0..len) in namespace `ns`. Returns 0 when the
 * signature is valid, HK_EINPUT with a message when it is not (other
 * namespace, unknown hash, signature does not match). */
int hk_sshsig_verify(const struct hk_sshsig *s, const char *ns, const void *msg, size_t len);

/* Parses an OpenSSH public key line "ssh-ed25519 AAAA... [comment]" into pk.
 * Returns 0 or HK_EINPUT naming what is wrong. */
int hk_sshsig_pubkey_parse(unsigned char pk[HK_SSHSIG_PK_LEN], const char *line);

/* Appends the canonical public key text "ssh-ed25519 AAAA..." (no comment)
 * of pk to out. Returns 0 or HK_EINTERNAL. */
int hk_sshsig_pubkey_format(hk_buf *out, const unsigned char pk[HK_SSHSIG_PK_LEN]);

#endif
