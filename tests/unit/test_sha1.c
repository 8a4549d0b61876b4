/* test_sha1.c - SHA-1 against FIPS 180-4 vectors, incremental feeding, and the
 * id git gives a blob (what ledger_tree.c computes for objects it packs). */
#include "test.h"
#include "base/sha1.h"
#include "base/sha256.h"

static void sha1_hex(char out[41], const void *p, size_t n)
{
	hk_sha1_ctx c;
	unsigned char d[20];
	hk_sha1_init(&c);
	hk_sha1_update(&c, p, n);
	hk_sha1_final(&c, d);
	hk_hex_encode(out, d, 20);
}

static void test_vectors(void)
{
	char hex[41];
	sha1_hex(hex, "", 0);
	CHECK_EQ_STR(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	sha1_hex(hex, "abc", 3);
	CHECK_EQ_STR(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
	sha1_hex(hex, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
	CHECK_EQ_STR(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

static void test_incremental(void)
{
	static char a[1000000];
	char hex[41];
	unsigned char d[20];
	hk_sha1_ctx c;
	memset(a, 'a', sizeof(a));
	/* one million 'a' (FIPS 180 appendix A.3), fed in uneven pieces across
	 * block boundaries */
	hk_sha1_init(&c);
	for (size_t off = 0, step = 1; off < sizeof(a); off += step, step = step * 2 + 1)
		hk_sha1_update(&c, a + off, off + step > sizeof(a) ? sizeof(a) - off : step);
	hk_sha1_final(&c, d);
	hk_hex_encode(hex, d, 20);
	CHECK_EQ_STR(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

static void test_git_blob_id(void)
{
	/* `printf 'hello\n' | git hash-object --stdin` */
	char hex[41];
	sha1_hex(hex, "blob 6\0hello\n", 13);
	CHECK_EQ_STR(hex, "ce013625030ba8dba906f756967f9e9ca394464a");
}

/* The x86 SHA extensions, when present, give the digests of the portable code
 * for every length from 0 to 1000 bytes (all paddings, several blocks). */
static void test_accel_same(void)
{
	static unsigned char a[1000];
	unsigned char d1[20], d2[20];
	unsigned x = 12345;
	int have = hk_sha1_accel(-1);
	for (size_t i = 0; i < sizeof(a); i++)
		a[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
	for (size_t n = 0; n <= sizeof(a); n++) {
		hk_sha1_ctx c;
		hk_sha1_accel(0);
		hk_sha1_init(&c);
		hk_sha1_update(&c, a, n);
		hk_sha1_final(&c, d1);
		hk_sha1_accel(1);
		hk_sha1_init(&c);
		hk_sha1_update(&c, a, n);
		hk_sha1_final(&c, d2);
		if (memcmp(d1, d2, 20) != 0) {
			CHECK(!"SHA-NI and portable SHA-1 differ");
			break;
		}
	}
	CHECK_EQ_INT(hk_sha1_accel(-1), have);
}

int main(void)
{
	/* every vector with the portable code, then with SHA-NI when present */
	for (int use = 0; use <= 1; use++) {
		hk_sha1_accel(use);
		RUN(test_vectors);
		RUN(test_incremental);
		RUN(test_git_blob_id);
	}
	RUN(test_accel_same);
	return TEST_DONE();
}
