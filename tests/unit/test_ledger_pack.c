/*
 * test_ledger_pack.c - the pack writer (ledger_pack.c) on a real repository:
 * objects added twice are stored once, every object reads back through
 * libgit2, and stock git finds the pack and its index sound.
 */
#include "base/sha1.h"
#include "ledger/ledger_pack.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];

/* The id git gives an object of this type and content. */
static void object_id(git_oid *out, git_object_t type, const char *data, size_t len)
{
	char hdr[64];
	int n = snprintf(hdr, sizeof(hdr), "%s %zu", git_object_type2string(type), len);
	hk_sha1_ctx c;
	hk_sha1_init(&c);
	hk_sha1_update(&c, hdr, (size_t)n + 1);
	hk_sha1_update(&c, data, len);
	hk_sha1_final(&c, out->id);
}

/* n blobs, the 1st, the 3rd and the last added again in between; a blob
 * larger than one deflate block (64 KiB). */
static void test_duplicates_dropped(void)
{
	enum { N = 300 };
	char objects[512], data[64], cmd[1024];
	git_repository *repo = NULL;
	git_odb *odb = NULL;
	hk_packw *w = NULL;
	git_oid ids[N + 1];
	char *big = malloc(200000);
	size_t added = 0;

	snprintf(objects, sizeof(objects), "%s/objects", tmpdir);
	CHECK_EQ_INT(git_repository_init(&repo, tmpdir, 1), 0);
	CHECK_EQ_INT(git_repository_odb(&odb, repo), 0);
	CHECK_EQ_INT(hk_ledger_pack_new(&w, objects), 0);
	if (!w || !odb || !big)
		goto done;
	for (int i = 0; i < N; i++) {
		int n = snprintf(data, sizeof(data), "blob number %d\n", i);
		object_id(&ids[i], GIT_OBJECT_BLOB, data, (size_t)n);
		CHECK_EQ_INT(hk_ledger_pack_add(w, &ids[i], GIT_OBJECT_BLOB, data, (size_t)n), 0);
		added++;
		if (i == 10 || i == 200 || i == N - 1) { /* the same objects again */
			int again[] = {0, 2, i};
			for (int k = 0; k < 3; k++) {
				n = snprintf(data, sizeof(data), "blob number %d\n", again[k]);
				CHECK_EQ_INT(hk_ledger_pack_add(w, &ids[again[k]], GIT_OBJECT_BLOB, data, (size_t)n), 0);
				added++;
			}
		}
	}
	for (size_t i = 0; i < 200000; i++)
		big[i] = (char)('a' + i % 26);
	object_id(&ids[N], GIT_OBJECT_BLOB, big, 200000);
	CHECK_EQ_INT(hk_ledger_pack_add(w, &ids[N], GIT_OBJECT_BLOB, big, 200000), 0);
	added++;
	CHECK_EQ_INT(hk_ledger_pack_count(w), added);
	CHECK_EQ_INT(hk_ledger_pack_finish(w, odb), 0);
	CHECK_EQ_INT(hk_ledger_pack_count(w), N + 1); /* each object once */
	CHECK_EQ_INT(strlen(hk_ledger_pack_name(w)), 40);
	for (int i = 0; i <= N; i++) {
		git_odb_object *o = NULL;
		CHECK_EQ_INT(git_odb_read(&o, odb, &ids[i]), 0);
		if (!o)
			continue;
		if (i < N) {
			int n = snprintf(data, sizeof(data), "blob number %d\n", i);
			CHECK_EQ_MEM(git_odb_object_data(o), git_odb_object_size(o), data, (size_t)n);
		} else {
			CHECK_EQ_MEM(git_odb_object_data(o), git_odb_object_size(o), big, 200000);
		}
		git_odb_object_free(o);
	}
	/* stock git: checksums, CRCs in the index, one entry per object */
	snprintf(cmd, sizeof(cmd),
		 "cd '%s/objects/pack' && git verify-pack -v pack-%s.idx | grep -c '^[0-9a-f]\\{40\\} blob' | grep -qx %d",
		 tmpdir, hk_ledger_pack_name(w), N + 1);
	CHECK_EQ_INT(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "git --git-dir='%s' fsck --strict --no-dangling >/dev/null 2>&1", tmpdir);
	CHECK_EQ_INT(system(cmd), 0);
	/* no temporary file left beside the pack */
	snprintf(cmd, sizeof(cmd), "ls '%s/objects/pack' | grep -q tmp_ && exit 1; exit 0", tmpdir);
	CHECK_EQ_INT(system(cmd), 0);
done:
	hk_ledger_pack_free(w);
	git_odb_free(odb);
	git_repository_free(repo);
	free(big);
}

int main(void)
{
	char cmd[512];
	git_libgit2_init();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/hk_test_pack_XXXXXX");
	if (!mkdtemp(tmpdir))
		abort();
	RUN(test_duplicates_dropped);
	if (getenv("HK_KEEP_TMP"))
		return TEST_DONE();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", tmpdir);
	git_libgit2_shutdown();
	return TEST_DONE();
}
