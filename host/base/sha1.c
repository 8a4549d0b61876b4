/*
 * sha1.c - SHA-1 as specified in FIPS 180-4, section 6.1, for the checksums of
 * git pack files and their indexes (ledger_pack.c). Not for anything that must
 * resist collisions: finding ids and evidence names use SHA-256 (sha256.h).
 */
#include "base/sha1.h"
#include "base/cpu.h"

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HK_SHA1_NI 1
#endif

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void sha1_block(hk_sha1_ctx *c, const unsigned char *p)
{
	uint32_t w[80], a = c->h[0], b = c->h[1], d = c->h[3], e = c->h[4], cc = c->h[2], t;
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20) {
			f = (b & cc) | (~b & d);
			k = 0x5A827999;
		} else if (i < 40) {
			f = b ^ cc ^ d;
			k = 0x6ED9EBA1;
		} else if (i < 60) {
			f = (b & cc) | (b & d) | (cc & d);
			k = 0x8F1BBCDC;
		} else {
			f = b ^ cc ^ d;
			k = 0xCA62C1D6;
		}
		t = ROL(a, 5) + f + e + k + w[i];
		e = d;
		d = cc;
		cc = ROL(b, 30);
		b = a;
		a = t;
	}
	c->h[0] += a;
	c->h[1] += b;
	c->h[2] += cc;
	c->h[3] += d;
	c->h[4] += e;
}

#ifdef HK_SHA1_NI
/* The same compression with the x86 SHA extensions (SHA-NI), 4-5 times the
 * speed of the portable code: the pack checksum and the object ids of a big
 * run hash hundreds of megabytes. W[i] (four words each) follows FIPS 180-4:
 * W[i] = rol1(W[i-16] ^ W[i-14] ^ W[i-8] ^ W[i-3]), which sha1msg1, a xor and
 * sha1msg2 compute four words at a time. */
__attribute__((target("sha,sse4.1"))) static void sha1_blocks_ni(unsigned int h[5], const unsigned char *p,
								  size_t nblk)
{
	const __m128i bswap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
	__m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)h), 0x1B);
	__m128i e0 = _mm_set_epi32((int)h[4], 0, 0, 0);

	for (; nblk; nblk--, p += 64) {
		__m128i w[4], abcd_save = abcd, e_save = e0, prev = abcd, e;
		for (int k = 0; k < 4; k++)
			w[k] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k)), bswap);
		e = _mm_add_epi32(e0, w[0]);
		abcd = _mm_sha1rnds4_epu32(abcd, e, 0);
		for (int i = 1; i < 20; i++) {
			if (i >= 4) /* W[i] replaces W[i-4] in w[i % 4] */
				w[i & 3] = _mm_sha1msg2_epu32(
					_mm_xor_si128(_mm_sha1msg1_epu32(w[i & 3], w[(i + 1) & 3]), w[(i + 2) & 3]),
					w[(i + 3) & 3]);
			e = _mm_sha1nexte_epu32(prev, w[i & 3]);
			prev = abcd;
			if (i < 5)
				abcd = _mm_sha1rnds4_epu32(abcd, e, 0);
			else if (i < 10)
				abcd = _mm_sha1rnds4_epu32(abcd, e, 1);
			else if (i < 15)
				abcd = _mm_sha1rnds4_epu32(abcd, e, 2);
			else
				abcd = _mm_sha1rnds4_epu32(abcd, e, 3);
		}
		e0 = _mm_sha1nexte_epu32(prev, e_save);
		abcd = _mm_add_epi32(abcd, abcd_save);
	}
	_mm_storeu_si128((__m128i *)(void *)h, _mm_shuffle_epi32(abcd, 0x1B));
	h[4] = (unsigned int)_mm_extract_epi32(e0, 3);
}

#endif

static int accel = -1; /* -1: not probed yet; 0: portable code; 1: SHA-NI
			* (read and set atomically: threads hash too) */

int hk_sha1_accel(int use)
{
#ifdef HK_SHA1_NI
	if (accel < 0)
		accel = hk_cpu_has_sha_ni();
	if (use == 0)
		accel = 0;
	else if (use > 0)
		accel = hk_cpu_has_sha_ni();
#else
	accel = 0;
#endif
	return accel;
}

/* Compresses nblk whole blocks at p. */
static void sha1_blocks(hk_sha1_ctx *c, const unsigned char *p, size_t nblk)
{
#ifdef HK_SHA1_NI
	int use = __atomic_load_n(&accel, __ATOMIC_RELAXED);
	if (use < 0)
		__atomic_store_n(&accel, use = hk_cpu_has_sha_ni(), __ATOMIC_RELAXED);
	if (use) {
		sha1_blocks_ni(c->h, p, nblk);
		return;
	}
#endif
	for (; nblk; nblk--, p += 64)
		sha1_block(c, p);
}

void hk_sha1_init(hk_sha1_ctx *c)
{
	static const unsigned int h0[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
	memcpy(c->h, h0, sizeof(h0));
	c->n = 0;
	c->used = 0;
}

void hk_sha1_update(hk_sha1_ctx *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	c->n += n;
	if (c->used) {
		size_t take = 64 - c->used < n ? 64 - c->used : n;
		memcpy(c->blk + c->used, p, take);
		c->used += take;
		p += take;
		n -= take;
		if (c->used < 64)
			return;
		sha1_blocks(c, c->blk, 1);
		c->used = 0;
	}
	sha1_blocks(c, p, n / 64);
	p += n / 64 * 64;
	n %= 64;
	memcpy(c->blk, p, n);
	c->used = n;
}

void hk_sha1_final(hk_sha1_ctx *c, unsigned char out[20])
{
	unsigned long long bits = c->n * 8;
	const unsigned char pad = 0x80;
	unsigned char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	static const unsigned char zeros[64];
	hk_sha1_update(c, &pad, 1);
	hk_sha1_update(c, zeros, (120 - c->used) % 64); /* up to 56 bytes in the block */
	hk_sha1_update(c, len, 8);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}
