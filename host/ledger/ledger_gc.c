/*
 * ledger_gc.c - rolling loose objects and small packs up into one pack
 * (geometric progression of pack sizes, factor 2), with libgit2's object
 * database to read and the pack writer of ledger_pack.c to write.
 */
#include "ledger/ledger_gc.h"
#include "ledger/ledger_pack.h"
#include "base/array.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOCK_NAME "huikan-gc.lock"
#define STALE_LOCK_SECONDS 600 /* a consolidation killed midway leaves its lock */

/* One pack, or (name "") the loose objects as one pseudo-pack. */
struct gpack {
	char name[64]; /* "pack-<hex>" */
	size_t n;      /* objects */
	int keep;      /* has a .keep: never rewritten */
};

struct store {
	char *objects; /* <repo>/objects */
	git_oid *loose;
	size_t nloose, caploose;
	struct gpack *packs;
	size_t npacks, cappacks;
};

static void store_free(struct store *s)
{
	free(s->objects);
	free(s->loose);
	free(s->packs);
	memset(s, 0, sizeof(*s));
}

static int is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[n] == '\0';
}

/* The number of objects in a pack index (v1 or v2): its fan-out's last entry. */
static int idx_count(size_t *out, const char *path)
{
	unsigned char b[8 + 256 * 4];
	size_t off;
	int fd = open(path, O_RDONLY);
	ssize_t r;
	*out = 0;
	if (fd < 0)
		return hk_error_setc(HK_EINTERNAL, "%s: %s", path, hk_strerror(errno));
	r = read(fd, b, sizeof(b));
	close(fd);
	if (r < (ssize_t)(256 * 4))
		return hk_error_setc(HK_EINTERNAL, "%s: not a pack index (too short)", path);
	off = memcmp(b, "\377tOc", 4) == 0 ? 8 : 0;
	if (off && r < (ssize_t)sizeof(b))
		return hk_error_setc(HK_EINTERNAL, "%s: not a pack index (too short)", path);
	off += 255 * 4;
	*out = (size_t)b[off] << 24 | (size_t)b[off + 1] << 16 | (size_t)b[off + 2] << 8 | b[off + 3];
	return 0;
}

/* Reads the names of the loose objects and of the packs of l. */
static int store_scan(struct store *s, hk_ledger *l, int want_loose)
{
	hk_buf p = HK_BUF_INIT;
	DIR *d = NULL;
	struct dirent *de;
	int err = 0;

	memset(s, 0, sizeof(*s));
	if ((err = hk_buf_printf(&p, "%sobjects", git_repository_path(l->repo))) < 0)
		goto done;
	if (!(s->objects = strdup(p.ptr))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	for (int x = 0; x < 256 && !err; x++) {
		hk_buf_clear(&p);
		if ((err = hk_buf_printf(&p, "%s/%02x", s->objects, x)) < 0 || !(d = opendir(p.ptr)))
			continue;
		while (!err && (de = readdir(d)) != NULL) {
			char hex[GIT_OID_HEXSZ + 1];
			if (strlen(de->d_name) != GIT_OID_HEXSZ - 2 || !is_hex(de->d_name, GIT_OID_HEXSZ - 2))
				continue;
			if (!want_loose) {
				s->nloose++;
				continue;
			}
			snprintf(hex, sizeof(hex), "%02x%.38s", x, de->d_name);
			if ((err = HK_ARRAY_GROW(s->loose, s->caploose, s->nloose + 1)) == 0)
				git_oid_fromstr(&s->loose[s->nloose++], hex);
		}
		closedir(d);
		d = NULL;
	}
	if (err)
		goto done;
	hk_buf_clear(&p);
	if ((err = hk_buf_printf(&p, "%s/pack", s->objects)) < 0)
		goto done;
	if (!(d = opendir(p.ptr)))
		goto done; /* no pack directory: no packs */
	while (!err && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		struct gpack g = {{0}, 0, 0};
		hk_buf f = HK_BUF_INIT;
		struct stat st;
		if (n != 5 + GIT_OID_HEXSZ + 4 || strncmp(de->d_name, "pack-", 5) != 0 || strcmp(de->d_name + n - 4, ".idx") != 0)
			continue;
		snprintf(g.name, sizeof(g.name), "%.45s", de->d_name); /* pack-<40 hex> */
		if ((err = hk_buf_printf(&f, "%s/%s.keep", p.ptr, g.name)) == 0) {
			g.keep = stat(f.ptr, &st) == 0;
			hk_buf_clear(&f);
			if ((err = hk_buf_printf(&f, "%s/%s", p.ptr, de->d_name)) == 0)
				err = idx_count(&g.n, f.ptr);
		}
		hk_buf_free(&f);
		if (!err && (err = HK_ARRAY_GROW(s->packs, s->cappacks, s->npacks + 1)) == 0)
			s->packs[s->npacks++] = g;
	}
	closedir(d);
done:
	hk_buf_free(&p);
	return err;
}

int hk_ledger_gc_count(hk_ledger *l, struct hk_gc_stats *out)
{
	struct store s;
	int err = store_scan(&s, l, 0);
	memset(out, 0, sizeof(*out));
	if (err == 0) {
		out->loose = s.nloose;
		out->packs = s.npacks;
		for (size_t i = 0; i < s.npacks; i++)
			out->packed += s.packs[i].n;
	}
	store_free(&s);
	return err;
}

static int by_size(const void *a, const void *b)
{
	const struct gpack *x = a, *y = b;
	return x->n < y->n ? -1 : x->n > y->n;
}

/* How many of the sorted packs g[0..n) (smallest first) to roll up into one so
 * that the rest, and the new pack, form a geometric progression of factor 2
 * (git's split_pack_geometry). */
static size_t geometric_split(const struct gpack *g, size_t n)
{
	size_t i, split;
	uint64_t total = 0;
	if (n == 0)
		return 0;
	for (i = n - 1; i > 0; i--)
		if ((uint64_t)g[i].n < 2 * (uint64_t)g[i - 1].n)
			break;
	split = i ? i + 1 : 0;
	for (i = 0; i < split; i++)
		total += g[i].n;
	for (i = split; i < n; i++) {
		if ((uint64_t)g[i].n >= 2 * total)
			break;
		total += g[i].n;
		split++;
	}
	return split;
}

/* Takes objects/pack/huikan-gc.lock; 1 when another process holds it. */
static int lock_take(const char *objects, hk_buf *path)
{
	int fd;
	struct stat st;
	if (hk_buf_printf(path, "%s/pack/" LOCK_NAME, objects) < 0)
		return HK_EINTERNAL;
	for (int attempt = 0; attempt < 2; attempt++) {
		if ((fd = open(path->ptr, O_WRONLY | O_CREAT | O_EXCL, 0644)) >= 0) {
			close(fd);
			return 0;
		}
		if (errno == ENOENT) { /* no pack directory yet */
			hk_buf dir = HK_BUF_INIT;
			if (hk_buf_printf(&dir, "%s/pack", objects) == 0)
				mkdir(dir.ptr, 0755);
			hk_buf_free(&dir);
			continue;
		}
		if (errno != EEXIST)
			return hk_error_setc(HK_EINTERNAL, "%s: %s", path->ptr, hk_strerror(errno));
		if (stat(path->ptr, &st) == 0 && time(NULL) - st.st_mtime > STALE_LOCK_SECONDS)
			unlink(path->ptr);
		else
			return 1;
	}
	return 1;
}

/* Copies every object of the pack index `idx` (v1 or v2) into w. */
static int copy_pack(hk_packw *w, git_odb *odb, const char *idx)
{
	FILE *f = fopen(idx, "rb");
	unsigned char b[8];
	size_t n = 0, stride, skip;
	int err = 0;
	if (!f)
		return hk_error_setc(HK_EINTERNAL, "%s: %s", idx, hk_strerror(errno));
	if (fread(b, 1, 8, f) != 8) {
		fclose(f);
		return hk_error_setc(HK_EINTERNAL, "%s: not a pack index", idx);
	}
	if (memcmp(b, "\377tOc", 4) == 0) { /* v2: header, fan-out, then the ids */
		skip = 8 + 255 * 4;
		stride = 0;
	} else { /* v1: fan-out, then (offset, id) entries */
		skip = 255 * 4;
		stride = 4;
	}
	if (fseek(f, (long)skip, SEEK_SET) != 0 || fread(b, 1, 4, f) != 4) {
		fclose(f);
		return hk_error_setc(HK_EINTERNAL, "%s: not a pack index", idx);
	}
	n = (size_t)b[0] << 24 | (size_t)b[1] << 16 | (size_t)b[2] << 8 | b[3];
	for (size_t i = 0; i < n && !err; i++) {
		git_oid oid;
		git_odb_object *o = NULL;
		if ((stride && fread(b, 1, stride, f) != stride) || fread(oid.id, 1, GIT_OID_RAWSZ, f) != GIT_OID_RAWSZ) {
			err = hk_error_setc(HK_EINTERNAL, "%s: cut short at object %zu of %zu", idx, i, n);
			break;
		}
		if (git_odb_read(&o, odb, &oid) < 0) {
			err = hk_ledger_git_error(0, "reading an object to repack");
			break;
		}
		err = hk_ledger_pack_add(w, &oid, git_odb_object_type(o), git_odb_object_data(o), git_odb_object_size(o));
		git_odb_object_free(o);
	}
	fclose(f);
	return err;
}

/* Removes pack `name` (its index first: git and libgit2 find a pack by its
 * index) and the files beside it. */
static void remove_pack(const char *objects, const char *name)
{
	static const char *const ext[] = {".idx", ".pack", ".rev", ".bitmap", ".mtimes", ".promisor"};
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/pack/%s%s", objects, name, ext[i]);
		unlink(path);
	}
}

int hk_ledger_gc(hk_ledger *l, int force, struct hk_gc_stats *out)
{
	struct store s;
	struct gpack *g = NULL;
	size_t ng = 0, split, nloose_taken = 0;
	hk_buf lock = HK_BUF_INIT, path = HK_BUF_INIT;
	hk_packw *w = NULL;
	git_odb *odb = NULL;
	int err, locked = 0, loose_in = 0;
	struct hk_gc_stats dummy;

	if (!out)
		out = &dummy;
	memset(out, 0, sizeof(*out));
	if ((err = store_scan(&s, l, 1)) < 0)
		goto done;
	out->loose = s.nloose;
	out->packs = s.npacks;
	if (!force && s.nloose <= HK_GC_LOOSE_MAX && s.npacks <= HK_GC_PACKS_MAX)
		goto done;
	/* the candidates: packs without .keep, and the loose objects as one */
	if (!(g = calloc(s.npacks + 1, sizeof(*g)))) {
		err = hk_error_setc(HK_EINTERNAL, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < s.npacks; i++)
		if (!s.packs[i].keep)
			g[ng++] = s.packs[i];
	if (s.nloose)
		g[ng++] = (struct gpack){"", s.nloose, 0};
	qsort(g, ng, sizeof(*g), by_size);
	if (force) {
		split = ng;
	} else {
		split = geometric_split(g, ng);
		/* never more than HK_GC_PACKS_MAX / 2 packs after a consolidation */
		while (ng - split + 1 > HK_GC_PACKS_MAX / 2 && split < ng)
			split++;
		/* the loose objects always go in */
		for (size_t i = split; i < ng; i++)
			if (!g[i].name[0]) {
				struct gpack t = g[i];
				memmove(&g[1], &g[0], i * sizeof(*g));
				g[0] = t;
				split++;
				break;
			}
	}
	if (split == 0 || (split == 1 && g[0].name[0]))
		goto done; /* nothing to merge: one pack alone is not rewritten */
	if ((err = lock_take(s.objects, &lock)) != 0) {
		err = err > 0 ? 0 : err; /* another process is at it */
		goto done;
	}
	locked = 1;
	if (git_repository_odb(&odb, l->repo) < 0) {
		err = hk_ledger_git_error(0, "opening the object database");
		goto done;
	}
	if ((err = hk_ledger_pack_new(&w, s.objects)) < 0)
		goto done;
	for (size_t i = 0; i < split && !err; i++) {
		if (!g[i].name[0]) {
			loose_in = 1;
			for (size_t k = 0; k < s.nloose && !err; k++) {
				git_odb_object *o = NULL;
				if (git_odb_read(&o, odb, &s.loose[k]) < 0) {
					err = hk_ledger_git_error(0, "reading a loose object to pack");
					break;
				}
				err = hk_ledger_pack_add(w, &s.loose[k], git_odb_object_type(o), git_odb_object_data(o),
							 git_odb_object_size(o));
				git_odb_object_free(o);
				nloose_taken++;
			}
			continue;
		}
		hk_buf_clear(&path);
		if ((err = hk_buf_printf(&path, "%s/pack/%s.idx", s.objects, g[i].name)) == 0)
			err = copy_pack(w, odb, path.ptr);
	}
	if (err || (err = hk_ledger_pack_finish(w, odb)) < 0)
		goto done;
	/* the new pack is in place: what it holds may go */
	for (size_t i = 0; i < split; i++)
		if (g[i].name[0] && strcmp(g[i].name + 5, hk_ledger_pack_name(w)) != 0)
			remove_pack(s.objects, g[i].name);
	if (split > (size_t)loose_in) {
		/* a multi-pack index may name the packs just removed: git rebuilds it */
		hk_buf_clear(&path);
		if (hk_buf_printf(&path, "%s/pack/multi-pack-index", s.objects) == 0)
			unlink(path.ptr);
	}
	for (size_t k = 0; loose_in && k < nloose_taken; k++) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &s.loose[k]);
		hk_buf_clear(&path);
		if (hk_buf_printf(&path, "%s/%.2s/%s", s.objects, hex, hex + 2) == 0)
			unlink(path.ptr);
		hk_buf_clear(&path);
		if (hk_buf_printf(&path, "%s/%.2s", s.objects, hex) == 0)
			rmdir(path.ptr); /* only when empty */
	}
	git_odb_refresh(odb);
	out->rolled_up = split;
	out->loose = s.nloose - nloose_taken;
	out->packs = s.npacks - (split - (size_t)loose_in) + 1;
done:
	if (locked)
		unlink(lock.ptr);
	hk_ledger_pack_free(w);
	git_odb_free(odb);
	hk_buf_free(&lock);
	hk_buf_free(&path);
	free(g);
	store_free(&s);
	return err;
}

void hk_ledger_gc_auto(hk_ledger *l)
{
	if (hk_ledger_gc(l, 0, NULL) < 0)
		fprintf(stderr, _("huikan: warning: %s: objects not consolidated (the change is recorded; "
				  "the next writer tries again): %s\n"),
			l->path, hk_error_last());
}
