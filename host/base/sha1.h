/*
 * sha1.h - SHA-1 (FIPS 180-4), incremental: the checksum git puts at the end
 * of pack and pack index files. Use SHA-256 (sha256.h) for anything else.
 */
#ifndef HK_SHA1_H
#define HK_SHA1_H

#include <stddef.h>

typedef struct {
	unsigned int h[5];
	unsigned long long n;
	unsigned char blk[64];
	size_t used;
} hk_sha1_ctx;

void hk_sha1_init(hk_sha1_ctx *c);
void hk_sha1_update(hk_sha1_ctx *c, const void *p, size_t n);
/* The x86 SHA extensions, used when the processor has them: use < 0 asks,
 * 0 turns them off (the portable code, for tests), 1 turns them back on when
 * present. Returns 1 when they are in use. */
int hk_sha1_accel(int use);
/* Writes the 20-byte digest; c must be initialized again before reuse. */
void hk_sha1_final(hk_sha1_ctx *c, unsigned char out[20]);

#endif
