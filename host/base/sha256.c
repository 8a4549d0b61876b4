/*
 * sha256.c - SHA-256 as specified in FIPS 180-4, section 6.2.
 */
#include "base/sha256.h"
#include "base/cpu.h"
#include "base/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HK_SHA256_NI 1
#endif

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress_c(uint32_t h[8], const unsigned char *blk)
{
	uint32_t w[64], a, b, c, d, e, f, g, k, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)blk[4 * i] << 24 | (uint32_t)blk[4 * i + 1] << 16 |
		       (uint32_t)blk[4 * i + 2] << 8 | (uint32_t)blk[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0]; b = h[1]; c = h[2]; d = h[3];
	e = h[4]; f = h[5]; g = h[6]; k = h[7];
	for (i = 0; i < 64; i++) {
		t1 = k + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
	h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

#ifdef HK_SHA256_NI
/* The same compression with the x86 SHA extensions (SHA-NI): a run hashes a
 * million finding ids and events. The state is kept as ABEF and CDGH, as
 * sha256rnds2 wants it; W[i] (four words each) follows FIPS 180-4: W[t] =
 * s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], by sha256msg1 (the s0 part),
 * an add of W[t-7..t-4] and sha256msg2 (the s1 part). */
__attribute__((target("sha,sse4.1"))) static void compress_ni(uint32_t h[8], const unsigned char *blk)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)h), 0xB1);      /* CDAB */
	__m128i s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)(h + 4)), 0x1B); /* EFGH */
	__m128i s0 = _mm_alignr_epi8(t, s1, 8);                                                         /* ABEF */
	__m128i abef, cdgh, w[4], m;
	s1 = _mm_blend_epi16(s1, t, 0xF0); /* CDGH */
	abef = s0;
	cdgh = s1;
	for (int i = 0; i < 16; i++) {
		if (i < 4)
			w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(blk + 16 * i)), bswap);
		else /* W[i] replaces W[i-4] in w[i % 4] */
			w[i & 3] = _mm_sha256msg2_epu32(
				_mm_add_epi32(_mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]),
					      _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4)),
				w[(i + 3) & 3]);
		m = _mm_add_epi32(w[i & 3], _mm_loadu_si128((const __m128i *)(const void *)(K + 4 * i)));
		s1 = _mm_sha256rnds2_epu32(s1, s0, m);
		s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
	}
	s0 = _mm_add_epi32(s0, abef);
	s1 = _mm_add_epi32(s1, cdgh);
	t = _mm_shuffle_epi32(s0, 0x1B);  /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1); /* DCHG */
	_mm_storeu_si128((__m128i *)(void *)h, _mm_blend_epi16(t, s1, 0xF0));    /* DCBA */
	_mm_storeu_si128((__m128i *)(void *)(h + 4), _mm_alignr_epi8(s1, t, 8)); /* HGFE */
}

#endif

static int accel = -1; /* -1: not probed yet; 0: portable code; 1: SHA-NI
			* (read and set atomically: threads hash too) */

int hk_sha256_accel(int use)
{
#ifdef HK_SHA256_NI
	if (accel < 0 || use > 0)
		accel = hk_cpu_has_sha_ni();
	if (use == 0)
		accel = 0;
#else
	accel = 0;
#endif
	return accel;
}

static void compress(uint32_t h[8], const unsigned char *blk)
{
#ifdef HK_SHA256_NI
	int use = __atomic_load_n(&accel, __ATOMIC_RELAXED);
	if (use < 0)
		__atomic_store_n(&accel, use = hk_cpu_has_sha_ni(), __ATOMIC_RELAXED);
	if (use) {
		compress_ni(h, blk);
		return;
	}
#endif
	compress_c(h, blk);
}

void hk_sha256_init(hk_sha256_ctx *c)
{
	static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
				       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(c->h, iv, sizeof(iv));
	c->nbytes = 0;
	c->used = 0;
}

void hk_sha256_update(hk_sha256_ctx *c, const void *p, size_t n)
{
	const unsigned char *in = p;

	c->nbytes += n;
	if (c->used) {
		size_t take = 64 - c->used < n ? 64 - c->used : n;
		memcpy(c->block + c->used, in, take);
		c->used += take;
		in += take;
		n -= take;
		if (c->used < 64)
			return;
		compress(c->h, c->block);
		c->used = 0;
	}
	for (; n >= 64; in += 64, n -= 64)
		compress(c->h, in);
	memcpy(c->block, in, n);
	c->used = n;
}

void hk_sha256_final(hk_sha256_ctx *c, unsigned char out[32])
{
	uint64_t bits = c->nbytes * 8;
	int i;

	c->block[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->block + c->used, 0, 64 - c->used);
		compress(c->h, c->block);
		c->used = 0;
	}
	memset(c->block + c->used, 0, 56 - c->used);
	for (i = 0; i < 8; i++)
		c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress(c->h, c->block);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

void hk_sha256(unsigned char out[32], const void *p, size_t n)
{
	hk_sha256_ctx c;
	hk_sha256_init(&c);
	hk_sha256_update(&c, p, n);
	hk_sha256_final(&c, out);
}

void hk_hex_encode(char *out, const unsigned char *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

void hk_sha256_hex(char out[65], const void *p, size_t n)
{
	unsigned char d[32];
	hk_sha256(d, p, n);
	hk_hex_encode(out, d, 32);
}

int hk_sha256_file_hex(char out[65], const char *path)
{
	hk_sha256_ctx c;
	unsigned char buf[1 << 16], h[32];
	FILE *f = fopen(path, "rb");
	size_t n;
	int bad;

	if (!f)
		return hk_error_setc(HK_EINPUT, "%s: %s", path, hk_strerror(errno));
	hk_sha256_init(&c);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		hk_sha256_update(&c, buf, n);
	bad = ferror(f);
	fclose(f);
	if (bad)
		return hk_error_setc(HK_EINPUT, "%s: read error", path);
	hk_sha256_final(&c, h);
	hk_hex_encode(out, h, 32);
	return 0;
}
