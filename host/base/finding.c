/*
 * finding.c - finding ids: the fingerprint of (rule id, entity key).
 */
#include "base/finding.h"
#include "base/sha256.h"

#include <stdlib.h>
#include <string.h>

void hk_finding_id(char out[HK_FINDING_ID_LEN + 1], const char *rule, const char *entity)
{
	hk_sha256_ctx c;
	unsigned char d[32];

	hk_sha256_init(&c);
	hk_sha256_update(&c, rule, strlen(rule));
	hk_sha256_update(&c, "\n", 1);
	hk_sha256_update(&c, entity, strlen(entity));
	hk_sha256_final(&c, d);
	out[0] = 'F';
	out[1] = '-';
	hk_hex_encode(out + 2, d, 6);
}

void hk_finding_clear(struct hk_finding *f)
{
	if (!f)
		return;
	free(f->rule);
	free(f->entity);
	free(f->category);
	free(f->severity);
	free(f->message);
	free(f->evidence_json);
	free(f->village);
	memset(f, 0, sizeof(*f));
}
