/*
 * sshsig.c - parsing SSHSIG signatures and verifying Ed25519 ones with
 * libsodium (see sshsig.h). No cryptography is written here: hashing and
 * the signature check are libsodium's.
 */
#include "base/sshsig.h"
#include "base/error.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BEGIN "-----BEGIN SSH SIGNATURE-----"
#define END "-----END SSH SIGNATURE-----"
#define KEYTYPE "ssh-ed25519"

static int lib_init(void)
{
	static int done;
	if (!done && sodium_init() < 0)
		return hk_error_setc(HK_EINTERNAL, "libsodium cannot start");
	done = 1;
	return 0;
}

/* A reader over a blob of SSH wire format. */
struct rd {
	const unsigned char *p;
	size_t n;
};

static int get_u32(struct rd *r, uint32_t *v)
{
	if (r->n < 4)
		return -1;
	*v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
	r->p += 4;
	r->n -= 4;
	return 0;
}

/* A length-prefixed string: *s points into the blob. */
static int get_str(struct rd *r, const unsigned char **s, size_t *len)
{
	uint32_t n;
	if (get_u32(r, &n) < 0 || n > r->n)
		return -1;
	*s = r->p;
	*len = n;
	r->p += n;
	r->n -= n;
	return 0;
}

static int str_is(const unsigned char *s, size_t len, const char *want)
{
	return len == strlen(want) && memcmp(s, want, len) == 0;
}

/* Reads a public key blob (string type, string key) into pk. */
static int get_pubkey(const unsigned char *blob, size_t blen, unsigned char pk[HK_SSHSIG_PK_LEN], const char *what)
{
	struct rd r = {blob, blen};
	const unsigned char *t, *k;
	size_t tl, kl;
	if (get_str(&r, &t, &tl) < 0 || get_str(&r, &k, &kl) < 0 || r.n)
		return hk_error_setc(HK_EINPUT, "%s: malformed public key", what);
	if (!str_is(t, tl, KEYTYPE))
		return hk_error_setc(HK_EINPUT, "%s: key type '%.*s' is not " KEYTYPE " (the only type taken)", what,
				     (int)(tl > 40 ? 40 : tl), (const char *)t);
	if (kl != HK_SSHSIG_PK_LEN)
		return hk_error_setc(HK_EINPUT, "%s: " KEYTYPE " key of %zu bytes, not %d", what, kl, HK_SSHSIG_PK_LEN);
	memcpy(pk, k, HK_SSHSIG_PK_LEN);
	return 0;
}

int hk_sshsig_parse(struct hk_sshsig *out, const char *text, size_t len)
{
	const char *b, *e;
	unsigned char *blob = NULL;
	size_t blen = 0;
	struct rd r;
	uint32_t version;
	const unsigned char *pk, *ns, *res, *hash, *sig, *st, *sv;
	size_t pkl, nsl, resl, hashl, sigl, stl, svl;
	int err = 0;

	memset(out, 0, sizeof(*out));
	if ((err = lib_init()) < 0)
		return err;
	b = memmem(text, len, BEGIN, strlen(BEGIN));
	e = b ? memmem(b, len - (size_t)(b - text), END, strlen(END)) : NULL;
	if (!b || !e)
		return hk_error_setc(HK_EINPUT, "not an SSH signature (no \"" BEGIN "\" ... \"" END "\" block)");
	b += strlen(BEGIN);
	if (!(blob = malloc((size_t)(e - b) + 1)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if (sodium_base642bin(blob, (size_t)(e - b) + 1, b, (size_t)(e - b), " \t\r\n", &blen, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: bad base64");
		goto done;
	}
	r.p = blob;
	r.n = blen;
	if (r.n < 6 || memcmp(r.p, "SSHSIG", 6) != 0) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: no SSHSIG magic");
		goto done;
	}
	r.p += 6;
	r.n -= 6;
	if (get_u32(&r, &version) < 0 || get_str(&r, &pk, &pkl) < 0 || get_str(&r, &ns, &nsl) < 0 ||
	    get_str(&r, &res, &resl) < 0 || get_str(&r, &hash, &hashl) < 0 || get_str(&r, &sig, &sigl) < 0) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: truncated");
		goto done;
	}
	if (r.n) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: %zu bytes after the signature", r.n);
		goto done;
	}
	if (version != 1) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: version %u, not 1", (unsigned)version);
		goto done;
	}
	if ((err = get_pubkey(pk, pkl, out->pk, "SSH signature")) < 0)
		goto done;
	if (nsl == 0 || nsl >= sizeof(out->ns) || memchr(ns, '\0', nsl)) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: bad namespace (%zu bytes)", nsl);
		goto done;
	}
	memcpy(out->ns, ns, nsl);
	if (resl > sizeof(out->reserved)) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: reserved field of %zu bytes", resl);
		goto done;
	}
	memcpy(out->reserved, res, resl);
	out->nreserved = resl;
	if (!str_is(hash, hashl, "sha512") && !str_is(hash, hashl, "sha256")) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: hash algorithm '%.*s' is not sha512 or sha256",
				    (int)(hashl > 20 ? 20 : hashl), (const char *)hash);
		goto done;
	}
	memcpy(out->hash, hash, hashl);
	r.p = sig;
	r.n = sigl;
	if (get_str(&r, &st, &stl) < 0 || get_str(&r, &sv, &svl) < 0 || r.n) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: malformed signature field");
		goto done;
	}
	if (!str_is(st, stl, KEYTYPE) || svl != HK_SSHSIG_SIG_LEN) {
		err = hk_error_setc(HK_EINPUT, "SSH signature: signature is not an " KEYTYPE " signature of %d bytes",
				    HK_SSHSIG_SIG_LEN);
		goto done;
	}
	memcpy(out->sig, sv, HK_SSHSIG_SIG_LEN);
done:
	free(blob);
	return err;
}

static void put_str(unsigned char **p, const void *s, size_t n)
{
	(*p)[0] = (unsigned char)(n >> 24);
	(*p)[1] = (unsigned char)(n >> 16);
	(*p)[2] = (unsigned char)(n >> 8);
	(*p)[3] = (unsigned char)n;
	memcpy(*p + 4, s, n);
	*p += 4 + n;
}

int hk_sshsig_verify(const struct hk_sshsig *s, const char *ns, const void *msg, size_t len)
{
	unsigned char digest[crypto_hash_sha512_BYTES];
	unsigned char data[6 + 4 + sizeof(s->ns) + 4 + sizeof(s->reserved) + 4 + 8 + 4 + sizeof(digest)], *p = data;
	size_t dlen;
	int err;

	if ((err = lib_init()) < 0)
		return err;
	if (strcmp(s->ns, ns) != 0)
		return hk_error_setc(HK_EINPUT, "signature of namespace '%s', not '%s'", s->ns, ns);
	if (strcmp(s->hash, "sha512") == 0) {
		crypto_hash_sha512(digest, msg, len);
		dlen = crypto_hash_sha512_BYTES;
	} else if (strcmp(s->hash, "sha256") == 0) {
		crypto_hash_sha256(digest, msg, len);
		dlen = crypto_hash_sha256_BYTES;
	} else {
		return hk_error_setc(HK_EINPUT, "signature with unknown hash '%s'", s->hash);
	}
	memcpy(p, "SSHSIG", 6);
	p += 6;
	put_str(&p, s->ns, strlen(s->ns));
	put_str(&p, s->reserved, s->nreserved);
	put_str(&p, s->hash, strlen(s->hash));
	put_str(&p, digest, dlen);
	if (crypto_sign_ed25519_verify_detached(s->sig, data, (size_t)(p - data), s->pk) != 0)
		return hk_error_setc(HK_EINPUT, "the signature does not match the signed data");
	return 0;
}

int hk_sshsig_pubkey_parse(unsigned char pk[HK_SSHSIG_PK_LEN], const char *line)
{
	const char *s = line, *b64, *end;
	unsigned char blob[128];
	size_t blen = 0;
	int err;

	if ((err = lib_init()) < 0)
		return err;
	while (*s == ' ' || *s == '\t')
		s++;
	if (strncmp(s, KEYTYPE, strlen(KEYTYPE)) != 0 || (s[strlen(KEYTYPE)] != ' ' && s[strlen(KEYTYPE)] != '\t'))
		return hk_error_setc(HK_EINPUT, "not an " KEYTYPE " public key (\"" KEYTYPE " AAAA...\"): '%.40s'", s);
	b64 = s + strlen(KEYTYPE);
	while (*b64 == ' ' || *b64 == '\t')
		b64++;
	for (end = b64; *end && *end != ' ' && *end != '\t' && *end != '\r' && *end != '\n'; end++)
		;
	if (sodium_base642bin(blob, sizeof(blob), b64, (size_t)(end - b64), NULL, &blen, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0)
		return hk_error_setc(HK_EINPUT, KEYTYPE " public key: bad base64 '%.20s...'", b64);
	return get_pubkey(blob, blen, pk, KEYTYPE " public key");
}

int hk_sshsig_pubkey_format(hk_buf *out, const unsigned char pk[HK_SSHSIG_PK_LEN])
{
	unsigned char blob[4 + sizeof(KEYTYPE) - 1 + 4 + HK_SSHSIG_PK_LEN], *p = blob;
	char b64[sodium_base64_ENCODED_LEN(sizeof(blob), sodium_base64_VARIANT_ORIGINAL)];
	put_str(&p, KEYTYPE, strlen(KEYTYPE));
	put_str(&p, pk, HK_SSHSIG_PK_LEN);
	sodium_bin2base64(b64, sizeof(b64), blob, sizeof(blob), sodium_base64_VARIANT_ORIGINAL);
	return hk_buf_printf(out, KEYTYPE " %s", b64) < 0 ? HK_EINTERNAL : 0;
}
