/* test_sshsig.c - SSHSIG parsing and Ed25519 verification against signatures
 * made by real ssh-keygen (embedded, and made afresh when ssh-keygen is
 * installed), and every way a signature can be wrong. */
#include "test.h"
#include "base/error.h"
#include "base/sshsig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Made with: ssh-keygen -t ed25519 -N '' -C t -f k; ssh-keygen -Y sign -n git -f k msg
 * (and -O hashalg=sha256; -n file for the namespace test). */
static const char PUB[] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPAom0UU9iDODkqkG8tRsHTuonESWz8ySohL5OREBoH1 t\n";
static const char MSG[] = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 0 +0000\n\nmsg\n";
static const char SIG512[] = "-----BEGIN SSH SIGNATURE-----\n"
			     "U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg8CibRRT2IM4OSqQby1GwdO6icR\n"
			     "JbPzJKiEvk5EQGgfUAAAADZ2l0AAAAAAAAAAZzaGE1MTIAAABTAAAAC3NzaC1lZDI1NTE5\n"
			     "AAAAQEDB/DBUVYKEbfro5adjWZPRB5aYsN+gCCjQjImFvymirxGWelMY6oAmTiT4pEGhUD\n"
			     "AfeilGpcbvQKZ6e8rj4wY=\n"
			     "-----END SSH SIGNATURE-----\n";
static const char SIG256[] = "-----BEGIN SSH SIGNATURE-----\n"
			     "U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg8CibRRT2IM4OSqQby1GwdO6icR\n"
			     "JbPzJKiEvk5EQGgfUAAAADZ2l0AAAAAAAAAAZzaGEyNTYAAABTAAAAC3NzaC1lZDI1NTE5\n"
			     "AAAAQGDdDQKul4bTjWjguerXVUiRL9ejTXZcltsQwLQKuWVNhR+MkCNpAkbl0AGf+VVLUB\n"
			     "fUZK0GrTcnfJAPx6+s5Q0=\n"
			     "-----END SSH SIGNATURE-----\n";
static const char SIGFILE[] = "-----BEGIN SSH SIGNATURE-----\n"
			      "U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg8CibRRT2IM4OSqQby1GwdO6icR\n"
			      "JbPzJKiEvk5EQGgfUAAAAEZmlsZQAAAAAAAAAGc2hhNTEyAAAAUwAAAAtzc2gtZWQyNTUx\n"
			      "OQAAAECLvVYlLKutfkxdmKU9tt4u7597u1on8F/zPu9t8JDg3LFvSq2uG4qEFgIjikuoRF\n"
			      "h7ilCeCct9nxmZ30ZXm/YN\n"
			      "-----END SSH SIGNATURE-----\n";

static void test_parse_and_verify(void)
{
	struct hk_sshsig s;
	unsigned char pk[HK_SSHSIG_PK_LEN];
	hk_buf b = HK_BUF_INIT;
	CHECK_EQ_INT(hk_sshsig_parse(&s, SIG512, strlen(SIG512)), 0);
	CHECK_EQ_STR(s.ns, "git");
	CHECK_EQ_STR(s.hash, "sha512");
	CHECK_EQ_INT(hk_sshsig_pubkey_parse(pk, PUB), 0);
	CHECK_EQ_MEM(s.pk, sizeof(pk), pk, sizeof(pk));
	CHECK_EQ_INT(hk_sshsig_verify(&s, "git", MSG, strlen(MSG)), 0);
	CHECK_EQ_INT(hk_sshsig_pubkey_format(&b, pk), 0);
	CHECK_EQ_STR(b.ptr, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPAom0UU9iDODkqkG8tRsHTuonESWz8ySohL5OREBoH1");
	hk_buf_free(&b);
	CHECK_EQ_INT(hk_sshsig_parse(&s, SIG256, strlen(SIG256)), 0);
	CHECK_EQ_STR(s.hash, "sha256");
	CHECK_EQ_INT(hk_sshsig_verify(&s, "git", MSG, strlen(MSG)), 0);
}

static void test_wrong(void)
{
	struct hk_sshsig s;
	char msg[sizeof(MSG)], sig[sizeof(SIG512)];
	/* one byte of the message changed */
	memcpy(msg, MSG, sizeof(MSG));
	msg[5] ^= 1;
	CHECK_EQ_INT(hk_sshsig_parse(&s, SIG512, strlen(SIG512)), 0);
	CHECK_EQ_INT(hk_sshsig_verify(&s, "git", msg, strlen(msg)), HK_EINPUT);
	CHECK_EQ_STR(hk_error_last(), "the signature does not match the signed data");
	/* a message cut short */
	CHECK_EQ_INT(hk_sshsig_verify(&s, "git", MSG, strlen(MSG) - 1), HK_EINPUT);
	/* another namespace: signed for "file", asked for "git", and re-labelled */
	CHECK_EQ_INT(hk_sshsig_parse(&s, SIGFILE, strlen(SIGFILE)), 0);
	CHECK_EQ_INT(hk_sshsig_verify(&s, "git", MSG, strlen(MSG)), HK_EINPUT);
	CHECK_EQ_STR(hk_error_last(), "signature of namespace 'file', not 'git'");
	CHECK_EQ_INT(hk_sshsig_verify(&s, "file", MSG, strlen(MSG)), 0);
	strcpy(s.ns, "git");
	CHECK_EQ_INT(hk_sshsig_verify(&s, "git", MSG, strlen(MSG)), HK_EINPUT);
	/* a bit of the signature itself flipped (in its last base64 line) */
	memcpy(sig, SIG512, sizeof(SIG512));
	{
		char *p = strstr(sig, "AfeilG");
		p[1] = p[1] == 'f' ? 'g' : 'f';
	}
	CHECK_EQ_INT(hk_sshsig_parse(&s, sig, strlen(sig)), 0);
	CHECK_EQ_INT(hk_sshsig_verify(&s, "git", MSG, strlen(MSG)), HK_EINPUT);
	/* another key put in the signature */
	CHECK_EQ_INT(hk_sshsig_parse(&s, SIG512, strlen(SIG512)), 0);
	s.pk[0] ^= 1;
	CHECK_EQ_INT(hk_sshsig_verify(&s, "git", MSG, strlen(MSG)), HK_EINPUT);
}

static void test_malformed(void)
{
	struct hk_sshsig s;
	unsigned char pk[HK_SSHSIG_PK_LEN];
	char sig[sizeof(SIG512)];
	CHECK_EQ_INT(hk_sshsig_parse(&s, "", 0), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "not an SSH signature"));
	CHECK_EQ_INT(hk_sshsig_parse(&s, SIG512, 100), HK_EINPUT); /* no END line */
	CHECK_EQ_INT(hk_sshsig_parse(&s, "-----BEGIN SSH SIGNATURE-----\n!!!\n-----END SSH SIGNATURE-----", 62),
		     HK_EINPUT);
	CHECK_EQ_STR(hk_error_last(), "SSH signature: bad base64");
	/* a truncated blob: the last base64 line dropped */
	memcpy(sig, SIG512, sizeof(SIG512));
	{
		char *p = strstr(sig, "AfeilG"), *q = strstr(sig, "-----END");
		memmove(p, q, strlen(q) + 1);
	}
	CHECK_EQ_INT(hk_sshsig_parse(&s, sig, strlen(sig)), HK_EINPUT);
	/* wrong magic: "SSHSIG" -> base64 "U1NIU0lH"; change its first letter */
	memcpy(sig, SIG512, sizeof(SIG512));
	sig[strlen("-----BEGIN SSH SIGNATURE-----\n")] = 'V';
	CHECK_EQ_INT(hk_sshsig_parse(&s, sig, strlen(sig)), HK_EINPUT);
	CHECK_EQ_STR(hk_error_last(), "SSH signature: no SSHSIG magic");
	/* public keys */
	CHECK_EQ_INT(hk_sshsig_pubkey_parse(pk, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ"), HK_EINPUT);
	CHECK_EQ_INT(hk_sshsig_pubkey_parse(pk, "ssh-ed25519 AAAA"), HK_EINPUT);
	CHECK_EQ_INT(hk_sshsig_pubkey_parse(pk, "ssh-ed25519 !!"), HK_EINPUT);
	/* an RSA blob labelled ssh-ed25519 */
	CHECK_EQ_INT(hk_sshsig_pubkey_parse(pk, "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAAAgQ=="), HK_EINPUT);
}

/* Reads a whole file into a malloc'd string. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if (n >= 0 && (s = calloc(1, (size_t)n + 1)) && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	fclose(f);
	return s;
}

/* A fresh key and signature from the ssh-keygen of this machine. */
static void test_live_ssh_keygen(void)
{
	char dir[] = "/tmp/hk-sshsig-XXXXXX", cmd[1024], path[256];
	struct hk_sshsig s;
	unsigned char pk[HK_SSHSIG_PK_LEN];
	char *pub = NULL, *sig = NULL, *msg = NULL;
	if (system("command -v ssh-keygen >/dev/null 2>&1") != 0) {
		printf("# ssh-keygen not installed: live test skipped\n");
		return;
	}
	CHECK(mkdtemp(dir) != NULL);
	snprintf(cmd, sizeof(cmd),
		 "cd %s && ssh-keygen -q -t ed25519 -N '' -C live -f k && head -c 3000 /dev/urandom > m && "
		 "ssh-keygen -Y sign -n git -f k.pub < m > m.sig 2>/dev/null",
		 dir);
	CHECK_EQ_INT(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/k.pub", dir);
	pub = slurp(path);
	snprintf(path, sizeof(path), "%s/m.sig", dir);
	sig = slurp(path);
	snprintf(path, sizeof(path), "%s/m", dir);
	msg = slurp(path); /* binary: use the size, not strlen */
	CHECK(pub && sig && msg);
	if (pub && sig && msg) {
		CHECK_EQ_INT(hk_sshsig_pubkey_parse(pk, pub), 0);
		CHECK_EQ_INT(hk_sshsig_parse(&s, sig, strlen(sig)), 0);
		CHECK_EQ_MEM(s.pk, sizeof(pk), pk, sizeof(pk));
		CHECK_EQ_INT(hk_sshsig_verify(&s, "git", msg, 3000), 0);
		msg[2999] ^= 0x80;
		CHECK_EQ_INT(hk_sshsig_verify(&s, "git", msg, 3000), HK_EINPUT);
	}
	free(pub);
	free(sig);
	free(msg);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK_EQ_INT(system(cmd), 0);
}

int main(void)
{
	RUN(test_parse_and_verify);
	RUN(test_wrong);
	RUN(test_malformed);
	RUN(test_live_ssh_keygen);
	return TEST_DONE();
}
