/*
 * ledger_tree.c - writing git objects (loose, or one pack for big runs) and
 * building new trees from a base tree plus added paths.
 */
#include "ledger/ledger_tree.h"
#include "base/error.h"
#include "base/sha1.h"
#include "ledger/ledger_pack.h"
#include "ledger/ledger_pick.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hk_objw {
	hk_ledger *l;
	git_odb *odb;
	hk_packw *pack; /* NULL: loose objects */
};

int hk_ledger_tree_objw_new(hk_objw **out, hk_ledger *l, int pack)
{
	hk_objw *w = calloc(1, sizeof(*w));
	int err = 0;
	*out = NULL;
	if (!w)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	w->l = l;
	if (git_repository_odb(&w->odb, l->repo) < 0)
		err = hk_ledger_git_error(0, "opening the object database");
	else if (pack) {
		hk_buf dir = HK_BUF_INIT;
		err = hk_buf_printf(&dir, "%sobjects", git_repository_path(l->repo));
		if (!err)
			err = hk_ledger_pack_new(&w->pack, dir.ptr);
		hk_buf_free(&dir);
	}
	if (err < 0) {
		hk_ledger_tree_objw_free(w);
		return err;
	}
	*out = w;
	return 0;
}

int hk_ledger_tree_objw_write(hk_objw *w, git_oid *out, const void *data, size_t len, git_object_t type)
{
	if (w->pack) {
		/* the object id is SHA-1 over "<type> <size>\0" and the content */
		char hdr[64], num[24];
		const char *name = git_object_type2string(type);
		size_t n = strlen(name), k = sizeof(num), v = len;
		hk_sha1_ctx sha;
		/* "<type> <size>" by hand, not snprintf: one for every object */
		do
			num[--k] = (char)('0' + v % 10);
		while ((v /= 10) != 0);
		memcpy(hdr, name, n);
		hdr[n++] = ' ';
		memcpy(hdr + n, num + k, sizeof(num) - k);
		n += sizeof(num) - k;
		hdr[n] = '\0';
		hk_sha1_init(&sha);
		hk_sha1_update(&sha, hdr, n + 1);
		hk_sha1_update(&sha, data, len);
		hk_sha1_final(&sha, out->id);
		return hk_ledger_pack_add(w->pack, out, type, data, len);
	}
	if (git_odb_write(out, w->odb, data, len, type) < 0)
		return hk_ledger_git_error(0, "writing an object");
	return 0;
}

int hk_ledger_tree_objw_finish(hk_objw *w)
{
	return w->pack ? hk_ledger_pack_finish(w->pack, w->odb) : 0;
}

void hk_ledger_tree_objw_free(hk_objw *w)
{
	if (!w)
		return;
	hk_ledger_pack_free(w->pack);
	git_odb_free(w->odb);
	free(w);
}

struct entry {
	const char *name;
	size_t len;
	int is_tree;
	git_oid oid;
};

/* git's tree order: names compared as if trees ended in '/'. */
static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->name, y->name, n);
	unsigned cx, cy;
	if (c)
		return c;
	cx = x->len > n ? (unsigned char)x->name[n] : (x->is_tree ? '/' : 0);
	cy = y->len > n ? (unsigned char)y->name[n] : (y->is_tree ? '/' : 0);
	return (int)cx - (int)cy;
}

/* Sorts entries in git order and writes them as a tree object. */
static int write_entries(git_oid *out, hk_objw *w, struct entry *ev, size_t ne, hk_buf *raw)
{
	int err = 0;
	qsort(ev, ne, sizeof(*ev), entry_cmp);
	hk_buf_clear(raw);
	for (size_t i = 0; i < ne && !err; i++) {
		if ((err = hk_buf_grow(raw, 8 + ev[i].len + GIT_OID_RAWSZ)) < 0)
			break;
		hk_buf_puts(raw, ev[i].is_tree ? "40000 " : "100644 ");
		hk_buf_put(raw, ev[i].name, ev[i].len);
		hk_buf_put(raw, "", 1);
		hk_buf_put(raw, ev[i].oid.id, GIT_OID_RAWSZ);
	}
	if (err || (err = hk_buf_error(raw)) != 0) /* the appends above: never a cut tree */
		return err;
	return hk_ledger_tree_objw_write(w, out, raw->ptr ? raw->ptr : "", raw->len, GIT_OBJECT_TREE);
}

static int find_entry(const struct entry *v, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].len == len && memcmp(v[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

static int build(git_oid *out, hk_ledger *l, hk_objw *w, const git_tree *base, struct hk_tree_add *adds, size_t n,
		 size_t off, hk_buf *raw)
{
	size_t nbase = base ? git_tree_entrycount(base) : 0, ne = 0;
	struct entry *ev = malloc((nbase + n) * sizeof(*ev) + 1);
	int err = 0;

	if (!ev)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < nbase; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(base, i);
		ev[ne].name = git_tree_entry_name(te);
		ev[ne].len = strlen(ev[ne].name);
		ev[ne].is_tree = git_tree_entry_type(te) == GIT_OBJECT_TREE;
		git_oid_cpy(&ev[ne].oid, git_tree_entry_id(te));
		ne++;
	}
	for (size_t i = 0; i < n;) {
		const char *comp = adds[i].path + off, *slash = strchr(comp, '/');
		size_t len = slash ? (size_t)(slash - comp) : strlen(comp), j = i + 1;
		int at = find_entry(ev, nbase, comp, len);
		if (len == 0) {
			err = hk_error_setc(HK_EINPUT, "bad ledger path '%s'", adds[i].path);
			goto done;
		}
		if (!slash) {
			if (at >= 0 && (ev[at].is_tree || !git_oid_equal(&ev[at].oid, &adds[i].oid))) {
				err = hk_error_setc(HK_ECONFLICT, "ledger path '%s' exists with other content", adds[i].path);
				goto done;
			}
			if (i + 1 < n && strcmp(adds[i + 1].path, adds[i].path) == 0) {
				err = hk_error_setc(HK_ECONFLICT, "ledger path '%s' added twice", adds[i].path);
				goto done;
			}
			if (at < 0)
				ev[ne++] = (struct entry){comp, len, 0, adds[i].oid};
			i++;
			continue;
		}
		while (j < n && strncmp(adds[j].path + off, comp, len) == 0 && adds[j].path[off + len] == '/')
			j++;
		{
			git_tree *sub = NULL;
			git_oid oid;
			if (at >= 0 && !ev[at].is_tree) {
				err = hk_error_setc(HK_ECONFLICT, "ledger path '%.*s' is a file", (int)(off + len),
						    adds[i].path);
				goto done;
			}
			if (at >= 0 && git_tree_lookup(&sub, l->repo, &ev[at].oid) < 0) {
				err = hk_ledger_git_error(0, "reading a tree");
				goto done;
			}
			err = build(&oid, l, w, sub, adds + i, j - i, off + len + 1, raw);
			git_tree_free(sub);
			if (err < 0)
				goto done;
			if (at >= 0)
				ev[at].oid = oid;
			else
				ev[ne++] = (struct entry){comp, len, 1, oid};
		}
		i = j;
	}
	err = write_entries(out, w, ev, ne, raw);
done:
	free(ev);
	return err;
}

static int add_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hk_tree_add *)a)->path, ((const struct hk_tree_add *)b)->path);
}

int hk_ledger_tree_add(git_oid *out, hk_ledger *l, hk_objw *w, const git_tree *base, struct hk_tree_add *adds,
		       size_t nadds)
{
	hk_buf raw = HK_BUF_INIT;
	int err;
	/* a run adds its paths in order already: one pass checks it */
	for (size_t i = 1; i < nadds; i++)
		if (add_cmp(&adds[i - 1], &adds[i]) > 0) {
			qsort(adds, nadds, sizeof(*adds), add_cmp);
			break;
		}
	err = build(out, l, w, base, adds, nadds, 0, &raw);
	hk_buf_free(&raw);
	return err;
}

static int tree_union(git_oid *out, hk_ledger *l, hk_objw *w, const git_tree *a, const git_tree *b, hk_buf *path)
{
	size_t na = git_tree_entrycount(a), nb = git_tree_entrycount(b), ne = 0, base = path->len;
	struct entry *ev = malloc((na + nb) * sizeof(*ev) + 1);
	hk_buf raw = HK_BUF_INIT;
	int err = 0;

	if (!ev)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < na; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(a, i);
		ev[ne++] = (struct entry){git_tree_entry_name(te), strlen(git_tree_entry_name(te)),
					  git_tree_entry_type(te) == GIT_OBJECT_TREE, *git_tree_entry_id(te)};
	}
	for (size_t j = 0; j < nb && !err; j++) {
		const git_tree_entry *tb = git_tree_entry_byindex(b, j);
		const char *name = git_tree_entry_name(tb);
		int is_tree = git_tree_entry_type(tb) == GIT_OBJECT_TREE;
		int at = find_entry(ev, na, name, strlen(name));
		if (at < 0) {
			ev[ne++] = (struct entry){name, strlen(name), is_tree, *git_tree_entry_id(tb)};
			continue;
		}
		if (git_oid_equal(&ev[at].oid, git_tree_entry_id(tb)))
			continue;
		path->len = base;
		if ((err = hk_buf_printf(path, "%s%s", base ? "/" : "", name)) != 0)
			break;
		if (is_tree && ev[at].is_tree) {
			git_tree *sa = NULL, *sb = NULL;
			git_oid oid;
			if (git_tree_lookup(&sa, l->repo, &ev[at].oid) < 0 || git_tree_lookup(&sb, l->repo, git_tree_entry_id(tb)) < 0)
				err = hk_ledger_git_error(0, path->ptr);
			else if ((err = tree_union(&oid, l, w, sa, sb, path)) == 0)
				ev[at].oid = oid;
			git_tree_free(sa);
			git_tree_free(sb);
		} else if (!is_tree && !ev[at].is_tree && strcmp(name, "finding.json") == 0) {
			/* the one recorded with the finding's first found event, never
			 * the smaller blob id (a padded forgery could choose that) */
			int b_wins = 0;
			if ((err = hk_ledger_pick_finding(&b_wins, l, a, b)) == 0 && b_wins)
				ev[at].oid = *git_tree_entry_id(tb);
		} else if (strcmp(path->ptr, "ledger.json") == 0) {
			err = hk_error_setc(HK_ECONFLICT, "the two ledgers were founded apart (their ledger.json differ): "
							  "a ledger is shared by cloning it, not by creating another");
		} else {
			err = hk_error_setc(HK_ECONFLICT, "%s differs between the two ledgers (an event was changed)", path->ptr);
		}
	}
	path->len = base;
	if (path->ptr)
		path->ptr[base] = '\0';
	if (!err)
		err = write_entries(out, w, ev, ne, &raw);
	hk_buf_free(&raw);
	free(ev);
	return err;
}

int hk_ledger_tree_union(git_oid *out, hk_ledger *l, hk_objw *w, const git_tree *a, const git_tree *b)
{
	hk_buf path = HK_BUF_INIT;
	int err = hk_buf_puts(&path, "");
	if (!err)
		err = tree_union(out, l, w, a, b, &path);
	hk_buf_free(&path);
	return err;
}
