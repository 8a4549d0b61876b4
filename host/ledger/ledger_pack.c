/*
 * ledger_pack.c - a pack file writer (no deltas, stored deflate blocks) with a
 * v2 pack index (checksums: base/sha1.h).
 */
#include "ledger/ledger_pack.h"
#include "base/array.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/fdio.h"
#include "base/sha1.h"
#include "base/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- CRC-32 and Adler-32 ---- */

/* CRC-32 (the one of zlib and the pack index), eight bytes a step with eight
 * tables ("slicing by 8"): about six times the speed of a byte a step. */
static uint32_t crc_table[8][256];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_table[0][i] = c;
	}
	for (uint32_t i = 0; i < 256; i++)
		for (int t = 1; t < 8; t++)
			crc_table[t][i] = crc_table[0][crc_table[t - 1][i] & 0xff] ^ (crc_table[t - 1][i] >> 8);
}

static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	for (; n >= 8; n -= 8, p += 8) {
		uint32_t lo = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
		crc = crc_table[7][lo & 0xff] ^ crc_table[6][(lo >> 8) & 0xff] ^ crc_table[5][(lo >> 16) & 0xff] ^
		      crc_table[4][lo >> 24] ^ crc_table[3][p[4]] ^ crc_table[2][p[5]] ^ crc_table[1][p[6]] ^
		      crc_table[0][p[7]];
	}
	while (n--)
		crc = crc_table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* Adler-32 (RFC 1950); the sums are reduced every 5552 bytes, the most that
 * cannot overflow 32 bits. */
static uint32_t adler32(const unsigned char *p, size_t n)
{
	uint32_t a = 1, b = 0;
	while (n) {
		size_t k = n < 5552 ? n : 5552;
		n -= k;
		for (; k >= 8; k -= 8, p += 8) {
			a += p[0];
			b += a;
			a += p[1];
			b += a;
			a += p[2];
			b += a;
			a += p[3];
			b += a;
			a += p[4];
			b += a;
			a += p[5];
			b += a;
			a += p[6];
			b += a;
			a += p[7];
			b += a;
		}
		while (k--) {
			a += *p++;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	return b << 16 | a;
}

/* ---- the pack ---- */

struct packed {
	git_oid oid;
	uint64_t offset;
	uint32_t crc;
};

struct hk_packw {
	char *dir;     /* <objects>/pack */
	char *tmpname; /* the temporary pack file, "" until created */
	int fd;
	uint64_t offset;
	hk_buf out; /* write buffer */
	struct packed *obj;
	size_t n, cap;
	char name[41]; /* the finished pack's checksum (hex), "" before */
};

int hk_ledger_pack_new(hk_packw **out, const char *objects_dir)
{
	hk_packw *p = calloc(1, sizeof(*p));
	*out = NULL;
	if (!crc_table[0][1])
		crc_init();
	if (!p)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	p->fd = -1;
	if (hk_buf_printf(&p->out, "%s/pack", objects_dir) < 0 || !(p->dir = hk_buf_detach(&p->out))) {
		free(p);
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	}
	*out = p;
	return 0;
}

void hk_ledger_pack_free(hk_packw *p)
{
	if (!p)
		return;
	if (p->fd >= 0)
		close(p->fd);
	if (p->tmpname)
		unlink(p->tmpname);
	free(p->tmpname);
	free(p->dir);
	hk_buf_free(&p->out);
	free(p->obj);
	free(p);
}

static int flush(hk_packw *p)
{
	int err = hk_buf_error(&p->out); /* never write what a failed append cut */
	if (err)
		return err;
	if (hk_fdio_write_all(p->fd, p->out.ptr, p->out.len) != 0)
		return hk_error_setc(HK_EINTERNAL, "%s: write: %s", p->tmpname, hk_strerror(errno));
	hk_buf_clear(&p->out);
	return 0;
}

int hk_ledger_pack_add(hk_packw *p, const git_oid *oid, git_object_t type, const void *data, size_t len)
{
	unsigned char hdr[16], blk[5];
	size_t h = 0, start, size = len;
	const unsigned char *d = data;
	uint32_t ad;
	int s;

	if (p->fd < 0) {
		hk_buf name = HK_BUF_INIT;
		if (hk_buf_printf(&name, "%s/tmp_huikan_%ld_XXXXXX", p->dir, (long)getpid()) < 0)
			return HK_EINTERNAL;
		p->fd = mkstemp(name.ptr);
		p->tmpname = hk_buf_detach(&name);
		if (p->fd < 0)
			return hk_error_setc(HK_EINTERNAL, "%s: %s", p->dir, hk_strerror(errno));
		if (hk_buf_put(&p->out, "PACK\0\0\0\2\0\0\0\0", 12) < 0)
			return HK_EINTERNAL;
		p->offset = 12;
	}
	if ((s = HK_ARRAY_GROW(p->obj, p->cap, p->n + 1)) != 0)
		return s;
	hdr[h] = (unsigned char)((type << 4) | (size & 15));
	size >>= 4;
	while (size) {
		hdr[h++] |= 0x80;
		hdr[h] = size & 0x7f;
		size >>= 7;
	}
	h++;
	hdr[h++] = 0x78;
	hdr[h++] = 0x01;
	start = p->out.len;
	if (hk_buf_put(&p->out, hdr, h) < 0)
		return HK_EINTERNAL;
	size = len;
	do {
		size_t k = size < 65535 ? size : 65535;
		blk[0] = k == size ? 1 : 0;
		blk[1] = (unsigned char)(k & 0xff);
		blk[2] = (unsigned char)(k >> 8);
		blk[3] = (unsigned char)(~k & 0xff);
		blk[4] = (unsigned char)((~k >> 8) & 0xff);
		if (hk_buf_put(&p->out, blk, 5) < 0 || hk_buf_put(&p->out, d, k) < 0)
			return HK_EINTERNAL;
		d += k;
		size -= k;
	} while (size);
	ad = adler32(data, len);
	blk[0] = (unsigned char)(ad >> 24);
	blk[1] = (unsigned char)(ad >> 16);
	blk[2] = (unsigned char)(ad >> 8);
	blk[3] = (unsigned char)ad;
	if (hk_buf_put(&p->out, blk, 4) < 0)
		return HK_EINTERNAL;
	p->obj[p->n].oid = *oid;
	p->obj[p->n].offset = p->offset;
	p->obj[p->n].crc = crc32_update(0, (unsigned char *)p->out.ptr + start, p->out.len - start);
	p->offset += p->out.len - start;
	p->n++;
	if (p->out.len >= (1u << 20))
		return flush(p);
	return 0;
}

/* Returns in perm the order of the objects by id, for the index: by their
 * first two bytes into 65,536 buckets (ids are uniform: a few objects each),
 * then each bucket by insertion. A permutation of 4-byte numbers, not a
 * sorted copy of the objects: a run of a million findings has 4 million. */
static int sort_by_oid(uint32_t *perm, const struct packed *obj, size_t n)
{
	size_t *start = calloc(65537, sizeof(*start));
	if (!start)
		return -1;
	for (size_t i = 0; i < n; i++)
		start[(obj[i].oid.id[0] << 8 | obj[i].oid.id[1]) + 1]++;
	for (size_t b = 1; b <= 65536; b++)
		start[b] += start[b - 1];
	for (size_t i = 0; i < n; i++)
		perm[start[obj[i].oid.id[0] << 8 | obj[i].oid.id[1]]++] = (uint32_t)i;
	/* start[b] is now the end of bucket b, the start of bucket b + 1 */
	for (size_t b = 0, lo = 0; b < 65536; lo = start[b++])
		for (size_t i = lo + 1; i < start[b]; i++) {
			uint32_t x = perm[i];
			size_t j = i;
			for (; j > lo && memcmp(obj[perm[j - 1]].oid.id, obj[x].oid.id, GIT_OID_RAWSZ) > 0; j--)
				perm[j] = perm[j - 1];
			perm[j] = x;
		}
	free(start);
	return 0;
}

static void be32(hk_buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
			      (unsigned char)v};
	hk_buf_put(b, x, 4);
}

/* Writes the whole buffer to a new file `path` (O_EXCL). */
static int write_file(const char *path, const hk_buf *b)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0444);
	if (fd < 0)
		return hk_error_setc(HK_EINTERNAL, "%s: %s", path, hk_strerror(errno));
	if (hk_fdio_write_all(fd, b->ptr, b->len) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		return hk_error_setc(HK_EINTERNAL, "%s: write: %s", path, hk_strerror(e));
	}
	close(fd);
	return 0;
}

/* Rewrites the pack without the objects added more than once (rare: two
 * equal trees), copying each kept entry as written, when perm (the objects
 * in id order) shows any; perm is then sorted again. Duplicates are found
 * here, by the sort the index needs anyway, rather than by a set probed at
 * each add (a cache miss per object). Returns 0 or HK_EINTERNAL. */
static int drop_duplicates(hk_packw *p, uint32_t *perm)
{
	unsigned char *drop = NULL;
	hk_buf name = HK_BUF_INIT, entry = HK_BUF_INIT;
	size_t ndrop = 0, m = 0;
	uint64_t end = p->offset, off = 12;
	int fd = -1, err = 0;

	for (size_t i = 1; i < p->n; i++)
		ndrop += memcmp(p->obj[perm[i - 1]].oid.id, p->obj[perm[i]].oid.id, GIT_OID_RAWSZ) == 0;
	if (!ndrop)
		return 0;
	if (!(drop = calloc(p->n, 1)))
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	/* in a run of equal ids the first written is kept: perm lists equal ids
	 * in any order, so keep the smallest index */
	for (size_t i = 0, j; i < p->n; i = j) {
		uint32_t keep = perm[i];
		for (j = i + 1; j < p->n && memcmp(p->obj[perm[i]].oid.id, p->obj[perm[j]].oid.id, GIT_OID_RAWSZ) == 0; j++)
			if (perm[j] < keep)
				keep = perm[j];
		for (size_t k = i; k < j; k++)
			drop[perm[k]] = perm[k] != keep;
	}
	if ((err = hk_buf_printf(&name, "%s/tmp_huikan_%ld_XXXXXX", p->dir, (long)getpid())) < 0)
		goto done;
	if ((fd = mkstemp(name.ptr)) < 0) {
		err = hk_error_setc(HK_EINTERNAL, "%s: %s", p->dir, hk_strerror(errno));
		goto done;
	}
	if ((err = hk_buf_put(&p->out, "PACK\0\0\0\2\0\0\0\0", 12)) < 0)
		goto done;
	for (size_t k = 0; k < p->n; k++) {
		uint64_t len = (k + 1 < p->n ? p->obj[k + 1].offset : end) - p->obj[k].offset;
		if (drop[k])
			continue;
		hk_buf_clear(&entry);
		if ((err = hk_buf_grow(&entry, (size_t)len)) < 0)
			goto done;
		if (pread(p->fd, entry.ptr, (size_t)len, (off_t)p->obj[k].offset) != (ssize_t)len) {
			err = hk_error_setc(HK_EINTERNAL, "%s: read: %s", p->tmpname, hk_strerror(errno));
			goto done;
		}
		p->obj[m] = p->obj[k];
		p->obj[m++].offset = off;
		off += len;
		if ((err = hk_buf_put(&p->out, entry.ptr, (size_t)len)) < 0)
			goto done;
		if (p->out.len >= (1u << 20)) {
			int old = p->fd;
			p->fd = fd;
			err = flush(p);
			p->fd = old;
			if (err < 0)
				goto done;
		}
	}
	{
		int old = p->fd;
		p->fd = fd;
		err = flush(p);
		p->fd = old;
		if (err < 0)
			goto done;
	}
	/* the new file takes the old one's place */
	close(p->fd);
	unlink(p->tmpname);
	free(p->tmpname);
	p->tmpname = hk_buf_detach(&name);
	p->fd = fd;
	fd = -1;
	p->n = m;
	p->offset = off;
	if (sort_by_oid(perm, p->obj, p->n) < 0)
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
done:
	if (fd >= 0) {
		close(fd);
		unlink(name.ptr);
	}
	hk_buf_clear(&p->out);
	hk_buf_free(&name);
	hk_buf_free(&entry);
	free(drop);
	return err;
}

int hk_ledger_pack_finish(hk_packw *p, git_odb *odb)
{
	unsigned char cnt[4], sum[20], idxsum[20];
	char hex[GIT_OID_HEXSZ + 1];
	hk_sha1_ctx sha;
	hk_buf idx = HK_BUF_INIT, path = HK_BUF_INIT;
	uint32_t fan[256] = {0}, *perm = NULL;
	size_t nlarge = 0;
	int err = 0;

	if (p->fd < 0)
		return 0;
	if ((err = flush(p)) < 0)
		goto done;
	if (!(perm = malloc(p->n * sizeof(*perm) + 1)) || sort_by_oid(perm, p->obj, p->n) < 0) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	if ((err = drop_duplicates(p, perm)) < 0)
		goto done;
	cnt[0] = (unsigned char)(p->n >> 24);
	cnt[1] = (unsigned char)(p->n >> 16);
	cnt[2] = (unsigned char)(p->n >> 8);
	cnt[3] = (unsigned char)p->n;
	if (pwrite(p->fd, cnt, 4, 8) != 4 || lseek(p->fd, 0, SEEK_SET) != 0) {
		err = hk_error_setc(HK_EINTERNAL, "%s: %s", p->tmpname, hk_strerror(errno));
		goto done;
	}
	hk_sha1_init(&sha);
	for (;;) {
		char chunk[1 << 16];
		ssize_t r = read(p->fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = hk_error_setc(HK_EINTERNAL, "%s: read: %s", p->tmpname, hk_strerror(errno));
			goto done;
		}
		if (r == 0)
			break;
		hk_sha1_update(&sha, chunk, (size_t)r);
	}
	hk_sha1_final(&sha, sum);
	if ((err = hk_buf_put(&p->out, sum, 20)) < 0 || (err = flush(p)) < 0)
		goto done;
	fchmod(p->fd, 0444); /* like git's packs: read-only, readable by a server */
	close(p->fd);
	p->fd = -1;

	for (size_t i = 0; i < p->n; i++)
		fan[p->obj[i].oid.id[0]]++;
	for (int i = 1; i < 256; i++)
		fan[i] += fan[i - 1];
	for (size_t i = 0; i < p->n; i++)
		nlarge += p->obj[i].offset >= 0x80000000u;
	/* one allocation for the whole index, not a doubling buffer's copies */
	if ((err = hk_buf_grow(&idx, 8 + 4 * 256 + 28 * p->n + 8 * nlarge + 40)) < 0)
		goto done;
	nlarge = 0;
	hk_buf_put(&idx, "\377tOc\0\0\0\2", 8);
	for (int i = 0; i < 256; i++)
		be32(&idx, fan[i]);
#define OBJ(i) (&p->obj[perm[i]]) /* the i-th object in id order */
	for (size_t i = 0; i < p->n; i++)
		hk_buf_put(&idx, OBJ(i)->oid.id, 20);
	for (size_t i = 0; i < p->n; i++)
		be32(&idx, OBJ(i)->crc);
	for (size_t i = 0; i < p->n; i++)
		be32(&idx, OBJ(i)->offset < 0x80000000u ? (uint32_t)OBJ(i)->offset : (uint32_t)(0x80000000u | nlarge++));
	for (size_t i = 0; i < p->n; i++)
		if (OBJ(i)->offset >= 0x80000000u) {
			be32(&idx, (uint32_t)(OBJ(i)->offset >> 32));
			be32(&idx, (uint32_t)OBJ(i)->offset);
		}
#undef OBJ
	hk_buf_put(&idx, sum, 20);
	/* the one check of every append to the index above: a failed append
	 * never leaves a shortened index */
	if ((err = hk_buf_error(&idx)) < 0)
		goto done;
	hk_sha1_init(&sha);
	hk_sha1_update(&sha, idx.ptr, idx.len);
	hk_sha1_final(&sha, idxsum);
	if ((err = hk_buf_put(&idx, idxsum, 20)) < 0)
		goto done;

	hk_hex_encode(hex, sum, 20);
	memcpy(p->name, hex, sizeof(p->name));
	/* the index under a temporary name first: git reads a pack only through
	 * its .idx, so the .idx is renamed into place last. Both renames go to
	 * names in the pack directory that only packs of these contents take
	 * (pack-<checksum>), from files this writer created. */
	if ((err = hk_buf_printf(&path, "%s.idx", p->tmpname)) < 0 || (err = write_file(path.ptr, &idx)) < 0)
		goto done;
	hk_buf_clear(&idx);
	if ((err = hk_buf_printf(&idx, "%s/pack-%s.pack", p->dir, hex)) < 0) {
		unlink(path.ptr);
		goto done;
	}
	if (rename(p->tmpname, idx.ptr) < 0) {
		err = hk_error_setc(HK_EINTERNAL, "%s: %s", idx.ptr, hk_strerror(errno));
		unlink(path.ptr);
		goto done;
	}
	free(p->tmpname);
	p->tmpname = NULL;
	hk_buf_clear(&idx);
	if ((err = hk_buf_printf(&idx, "%s/pack-%s.idx", p->dir, hex)) < 0) {
		unlink(path.ptr);
		goto done;
	}
	if (rename(path.ptr, idx.ptr) < 0) {
		err = hk_error_setc(HK_EINTERNAL, "%s: %s", idx.ptr, hk_strerror(errno));
		goto done;
	}
	if (git_odb_refresh(odb) < 0)
		err = hk_error_setc(HK_EINTERNAL, "refreshing the object database");
done:
	free(perm);
	hk_buf_free(&idx);
	hk_buf_free(&path);
	return err;
}

const char *hk_ledger_pack_name(const hk_packw *p)
{
	return p->name;
}

size_t hk_ledger_pack_count(const hk_packw *p)
{
	return p->n;
}
