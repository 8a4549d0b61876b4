/* test_sha256.c - SHA-256 against FIPS 180-4 vectors, incremental feeding, finding ids. */
#include "test.h"
#include "base/finding.h"
#include "base/error.h"
#include "base/sha256.h"

#include <stdio.h>
#include <stdlib.h>

static void test_vectors(void)
{
	char hex[65];
	hk_sha256_hex(hex, "", 0);
	CHECK_EQ_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hk_sha256_hex(hex, "abc", 3);
	CHECK_EQ_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hk_sha256_hex(hex, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
	CHECK_EQ_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_incremental(void)
{
	char a[1000], hex[65];
	unsigned char d[32];
	hk_sha256_ctx c;
	memset(a, 'a', sizeof(a));
	/* feed in uneven pieces across block boundaries */
	hk_sha256_init(&c);
	for (size_t off = 0, step = 1; off < sizeof(a); off += step, step = step * 2 + 1)
		hk_sha256_update(&c, a + off, off + step > sizeof(a) ? sizeof(a) - off : step);
	hk_sha256_final(&c, d);
	hk_hex_encode(hex, d, 32);
	CHECK_EQ_STR(hex, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

static void test_finding_id(void)
{
	char id[HK_FINDING_ID_LEN + 1], id2[HK_FINDING_ID_LEN + 1];
	hk_finding_id(id, "precision.vehicle", "household:H0001");
	CHECK_EQ_STR(id, "F-3bd543208fbd");
	hk_finding_id(id2, "precision.vehicle", "household:H0002");
	CHECK(strcmp(id, id2) != 0);
}

static void test_file(void)
{
	char hex[65], path[] = "sha256-file-XXXXXX";
	char a[100000];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");

	memset(a, 'a', sizeof(a)); /* larger than one read buffer of the file reader */
	CHECK(f != NULL);
	CHECK_EQ_INT(fwrite(a, 1, sizeof(a), f), sizeof(a));
	fclose(f);
	CHECK_EQ_INT(hk_sha256_file_hex(hex, path), 0);
	char want[65];
	hk_sha256_hex(want, a, sizeof(a));
	CHECK_EQ_STR(hex, want);
	remove(path);
	CHECK_EQ_INT(hk_sha256_file_hex(hex, path), HK_EINPUT);
	CHECK(strstr(hk_error_last(), path) != NULL);
}

/* The x86 SHA extensions, when present, give the digests of the portable code
 * for every length from 0 to 1000 bytes (all paddings, several blocks). */
static void test_accel_same(void)
{
	static unsigned char a[1000];
	unsigned char d1[32], d2[32];
	unsigned x = 54321;
	int have = hk_sha256_accel(-1);
	for (size_t i = 0; i < sizeof(a); i++)
		a[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
	for (size_t n = 0; n <= sizeof(a); n++) {
		hk_sha256_accel(0);
		hk_sha256(d1, a, n);
		hk_sha256_accel(1);
		hk_sha256(d2, a, n);
		if (memcmp(d1, d2, 32) != 0) {
			CHECK(!"SHA-NI and portable SHA-256 differ");
			break;
		}
	}
	CHECK_EQ_INT(hk_sha256_accel(-1), have);
}

int main(void)
{
	/* every vector with the portable code, then with SHA-NI when present */
	for (int use = 0; use <= 1; use++) {
		hk_sha256_accel(use);
		RUN(test_vectors);
		RUN(test_incremental);
		RUN(test_finding_id);
		RUN(test_file);
	}
	RUN(test_accel_same);
	return TEST_DONE();
}
