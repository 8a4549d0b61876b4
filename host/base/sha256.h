/*
 * sha256.h - SHA-256 (FIPS 180-4), incremental and one-shot.
 *
 * Used for finding fingerprints, evidence blob names and data fingerprints.
 */
#ifndef HK_SHA256_H
#define HK_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t h[8];
	uint64_t nbytes;
	unsigned char block[64];
	size_t used;
} hk_sha256_ctx;

/* The x86 SHA extensions, used when the processor has them: use < 0 asks,
 * 0 turns them off (the portable code, for tests), 1 turns them back on when
 * present. Returns 1 when they are in use. */
int hk_sha256_accel(int use);

void hk_sha256_init(hk_sha256_ctx *c);
void hk_sha256_update(hk_sha256_ctx *c, const void *p, size_t n);
void hk_sha256_final(hk_sha256_ctx *c, unsigned char out[32]);

void hk_sha256(unsigned char out[32], const void *p, size_t n);

/* Lower-case hex digest, NUL-terminated. */
void hk_sha256_hex(char out[65], const void *p, size_t n);

/* Writes the lowercase hex SHA-256 of the file at `path` to `out`. Returns 0,
 * or HK_EINPUT when the file cannot be opened or read (message names it). */
int hk_sha256_file_hex(char out[65], const char *path);

/* Writes 2*n lower-case hex digits of `bytes` and a NUL into out. */
void hk_hex_encode(char *out, const unsigned char *bytes, size_t n);

#endif
