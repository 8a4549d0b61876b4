/*
 * test_ledger.c - the ledger library on real repositories in temp dirs: init,
 * commits, append-only trees, run recording (loose and packed), the index,
 * tree union.
 */
#include "base/error.h"
#include "base/finding.h"
#include "ledger/index.h"
#include "base/json.h"
#include "ledger/ledger.h"
#include "ledger/ledger_commit.h"
#include "ledger/ledger_init.h"
#include "ledger/ledger_run.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADMIN "Ann <ann@x.cn>"

static char tmpdir[256];

static void make_tmp(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/hk_test_ledger_XXXXXX");
	if (!mkdtemp(tmpdir))
		abort();
}

static void rm_tmp(void)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", tmpdir);
}

static hk_ledger *new_ledger(const char *name)
{
	char dir[512];
	hk_ledger *l = NULL;
	snprintf(dir, sizeof(dir), "%s/%s", tmpdir, name);
	if (hk_ledger_init(&l, dir, "county", ADMIN, NULL) < 0)
		fprintf(stderr, "# init: %s\n", hk_error_last());
	return l;
}

static struct hk_finding *make_findings(size_t n, size_t from)
{
	struct hk_finding *f = calloc(n, sizeof(*f));
	for (size_t i = 0; i < n; i++) {
		char entity[64];
		snprintf(entity, sizeof(entity), "household:H%zu", from + i);
		f[i].rule = strdup("precision.vehicle");
		f[i].entity = strdup(entity);
		f[i].category = strdup("precision");
		f[i].severity = strdup("high");
		f[i].message = strdup("owns a car");
		f[i].evidence_json = strdup("{\"village_code\":\"450921101201\"}");
		hk_finding_id(f[i].id, f[i].rule, f[i].entity);
	}
	return f;
}

static void free_findings(struct hk_finding *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hk_finding_clear(&f[i]);
	free(f);
}

static int record(hk_ledger *l, struct hk_finding *f, size_t n, struct hk_run_counts *c)
{
	const char *rules[] = {"precision.vehicle"}, *titles[] = {"家庭成员名下有车辆"},
		   *titles_en[] = {"household member owns a vehicle"};
	struct hk_run_record run = {"poverty", "1", "{}", "2026-11-23", "abc", ADMIN, 0, titles, titles_en, NULL};
	int err = hk_ledger_run_record(l, &run, f, n, rules, 1, c);
	if (err < 0)
		fprintf(stderr, "# record: %s\n", hk_error_last());
	return err;
}

static void test_init_and_open(void)
{
	hk_ledger *l = new_ledger("a"), *l2 = NULL;
	git_commit *head = NULL;
	char dir[512];
	CHECK(l != NULL);
	if (!l)
		return;
	CHECK_EQ_STR(l->office, "county");
	CHECK_EQ_INT(hk_ledger_head(&head, l), 0);
	CHECK(head != NULL);
	CHECK_EQ_INT(hk_ledger_commit_lamport(head), 1);
	snprintf(dir, sizeof(dir), "%s/a", tmpdir);
	CHECK_EQ_INT(hk_ledger_open(&l2, dir), 0);
	CHECK(l2 && strcmp(l2->office, "county") == 0);
	{
		hk_ledger *l4 = NULL;
		CHECK_EQ_INT(hk_ledger_init(&l4, dir, "x", ADMIN, NULL), HK_EINPUT); /* not empty */
		CHECK(l4 == NULL);
	}
	snprintf(dir, sizeof(dir), "%s/missing", tmpdir);
	{
		hk_ledger *l3 = NULL;
		CHECK_EQ_INT(hk_ledger_open(&l3, dir), HK_EINPUT);
		CHECK(l3 == NULL);
	}
	git_commit_free(head);
	hk_ledger_free(l2);
	hk_ledger_free(l);
}

static int add_two(void *ctx, struct hk_change *c)
{
	const char *content = ctx;
	int err = hk_ledger_commit_put(c, "x/y/a.json", content, strlen(content));
	if (!err)
		err = hk_ledger_commit_put(c, "x/b.json", "b", 1);
	if (!err)
		err = hk_buf_puts(&c->message, "test change\n");
	return err;
}

static void test_append_only(void)
{
	hk_ledger *l = new_ledger("b");
	git_oid one, two;
	git_commit *head = NULL;
	if (!l)
		return;
	CHECK_EQ_INT(hk_ledger_commit(l, ADMIN, 0, 0, add_two, "first", &one), 0);
	/* the same content again adds nothing new but is no conflict */
	CHECK_EQ_INT(hk_ledger_commit(l, ADMIN, 0, 0, add_two, "first", &two), 0);
	/* other content at the same path is refused */
	CHECK_EQ_INT(hk_ledger_commit(l, ADMIN, 0, 0, add_two, "second", &two), HK_ECONFLICT);
	CHECK(strstr(hk_error_last(), "x/y/a.json") != NULL);
	hk_ledger_head(&head, l);
	CHECK(head != NULL);
	CHECK_EQ_INT(hk_ledger_commit_lamport(head), 3);
	git_commit_free(head);
	hk_ledger_free(l);
}

static size_t count_rows(hk_ledger *l, const char *where)
{
	hk_index *ix = NULL;
	sqlite3_stmt *st = NULL;
	char sql[256];
	size_t n = 0;
	if (hk_index_open(&ix, l) < 0)
		return (size_t)-1;
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM findings WHERE %s", where);
	if (sqlite3_prepare_v2(hk_index_db(ix), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	hk_index_free(ix);
	return n;
}

static void test_record_runs(void)
{
	hk_ledger *l = new_ledger("c");
	struct hk_finding *f = make_findings(10, 1);
	struct hk_run_counts c;
	git_commit *head = NULL;
	git_tree *root = NULL;
	struct hk_ledger_finding lf;
	if (!l)
		return;
	CHECK_EQ_INT(record(l, f, 10, &c), 0);
	CHECK_EQ_INT(c.found, 10);
	CHECK_EQ_INT(record(l, f, 10, &c), 0);
	CHECK_EQ_INT(c.unchanged, 10);
	CHECK_EQ_INT(c.found + c.absent + c.reappeared, 0);
	CHECK_EQ_INT(record(l, f, 7, &c), 0);
	CHECK_EQ_INT(c.absent, 3);
	CHECK_EQ_INT(record(l, f, 10, &c), 0);
	CHECK_EQ_INT(c.reappeared, 3);
	CHECK_EQ_INT(count_rows(l, "status = 'reappeared' AND relapses = 1"), 3);
	CHECK_EQ_INT(count_rows(l, "town = '450921101'"), 10);
	hk_ledger_head(&head, l);
	git_commit_tree(&root, head);
	CHECK_EQ_INT(hk_ledger_read_finding(&lf, l, root, f[9].id), 0);
	CHECK_EQ_INT(lf.nevents, 3); /* found, absent, reappeared */
	CHECK_EQ_INT(lf.nproblems, 0);
	CHECK(lf.nevents == 3 && lf.events[2].type == HK_EV_REAPPEARED &&
	      strcmp(lf.events[2].prev, lf.events[1].hash) == 0);
	hk_ledger_finding_clear(&lf);
	/* a finding whose id does not match, and one given twice, are refused */
	f[0].id[3] ^= 1;
	{
		const char *rules[] = {"precision.vehicle"};
		struct hk_run_record run = {"poverty", "1", "{}", "2026-11-23", "abc", ADMIN, 0, NULL, NULL, NULL};
		CHECK_EQ_INT(hk_ledger_run_record(l, &run, f, 10, rules, 1, &c), HK_EINPUT);
		CHECK(strstr(hk_error_last(), "its id should be") != NULL);
	}
	f[0].id[3] ^= 1;
	CHECK_EQ_INT(record(l, f, 10, &c), 0);
	git_tree_free(root);
	/* the run records the rule's titles; the index names the rule from them,
	 * after a full rebuild as after incremental updates */
	for (int pass = 0; pass < 2; pass++) {
		hk_index *ix = NULL;
		char *zh = NULL, *en = NULL, *none = NULL;
		CHECK_EQ_INT(hk_index_open(&ix, l), 0);
		if (pass == 1)
			CHECK_EQ_INT(hk_index_rebuild(ix), 0);
		CHECK_EQ_INT(hk_index_rule_title(&zh, ix, "precision.vehicle", "zh"), 0);
		CHECK_EQ_INT(hk_index_rule_title(&en, ix, "precision.vehicle", "en"), 0);
		CHECK_EQ_INT(hk_index_rule_title(&none, ix, "precision.nothing", "zh"), 0);
		CHECK(zh && strcmp(zh, "家庭成员名下有车辆") == 0);
		CHECK(en && strcmp(en, "household member owns a vehicle") == 0);
		CHECK(none == NULL);
		free(zh);
		free(en);
		hk_index_free(ix);
	}
	git_commit_free(head);
	free_findings(f, 10);
	hk_ledger_free(l);
}

static void test_record_packed(void)
{
	hk_ledger *l = new_ledger("d");
	size_t n = 2500; /* above the pack threshold */
	struct hk_finding *f = make_findings(n, 1);
	struct hk_run_counts c;
	git_commit *head = NULL;
	git_tree *root = NULL;
	struct hk_ledger_finding lf;
	hk_index *ix = NULL;
	if (!l)
		return;
	CHECK_EQ_INT(record(l, f, n, &c), 0);
	CHECK_EQ_INT(c.found, n);
	hk_ledger_head(&head, l);
	git_commit_tree(&root, head);
	CHECK_EQ_INT(hk_ledger_read_finding(&lf, l, root, f[n - 1].id), 0);
	CHECK_EQ_STR(lf.entity, f[n - 1].entity);
	hk_ledger_finding_clear(&lf);
	CHECK_EQ_INT(count_rows(l, "status = 'open'"), n);
	/* a rebuild from the packed objects gives the same rows */
	CHECK_EQ_INT(hk_index_open_raw(&ix, l), 0);
	CHECK_EQ_INT(hk_index_rebuild(ix), 0);
	hk_index_free(ix);
	CHECK_EQ_INT(count_rows(l, "status = 'open'"), n);
	git_tree_free(root);
	git_commit_free(head);
	free_findings(f, n);
	hk_ledger_free(l);
}

/* a commit whose body quotes another run's trailer line, trailers of its own */
static int quoting_change(void *ctx, struct hk_change *c)
{
	int err = hk_buf_printf(&c->message, "note\n\nHuikan-Run: %s\n\nquoted above, not a trailer\n", (const char *)ctx);
	return err < 0 ? err : hk_ledger_commit_trailer(c, "Event", "note");
}

static void test_runs_and_trailers(void)
{
	hk_ledger *l = new_ledger("r");
	struct hk_finding *f = make_findings(3, 1);
	struct hk_run_counts c1, c2;
	struct hk_ledger_run *runs = NULL;
	size_t n = 0;
	git_commit *head = NULL, *rc = NULL;
	git_tree *root = NULL;
	git_oid oid;
	hk_buf v = HK_BUF_INIT;
	char hex[GIT_OID_HEXSZ + 1];
	if (!l)
		return;
	CHECK_EQ_INT(record(l, f, 3, &c1), 0);
	CHECK_EQ_INT(record(l, f, 2, &c2), 0);
	CHECK_EQ_INT(hk_ledger_commit(l, ADMIN, 0, 1, quoting_change, c1.run_id, &oid), 0);
	hk_ledger_head(&head, l);
	git_commit_tree(&root, head);
	/* the trailer parser reads the last paragraph only */
	CHECK_EQ_INT(hk_ledger_trailer(&v, head, "Run"), 0);
	CHECK_EQ_INT(hk_ledger_trailer(&v, head, "Event"), 1);
	CHECK_EQ_STR(v.ptr, "note");
	CHECK_EQ_INT(hk_ledger_commit_lamport(head), 4);
	/* the run is found by its commit's trailer, not by a line quoting it */
	CHECK_EQ_INT(hk_ledger_find_run(&rc, l, c1.run_id), 0);
	git_oid_tostr(hex, sizeof(hex), rc ? git_commit_id(rc) : &oid);
	CHECK_EQ_STR(hex, c1.commit);
	git_commit_free(rc);
	CHECK_EQ_INT(hk_ledger_find_run(&rc, l, "no-such-run"), HK_ENOTFOUND);
	CHECK(strstr(hk_error_last(), "no-such-run") != NULL);
	/* runs in recorded order */
	CHECK_EQ_INT(hk_ledger_runs(&runs, &n, l, root), 0);
	CHECK_EQ_INT(n, 2);
	if (n == 2) {
		CHECK_EQ_STR(runs[0].id, c1.run_id);
		CHECK_EQ_STR(runs[1].id, c2.run_id);
		CHECK_EQ_INT(runs[0].produced, 3);
		CHECK_EQ_INT(runs[1].produced, 2);
		CHECK_EQ_STR(runs[1].pack, "poverty");
		CHECK(runs[0].lamport < runs[1].lamport);
	}
	hk_ledger_runs_free(runs, n);
	hk_buf_free(&v);
	git_tree_free(root);
	git_commit_free(head);
	free_findings(f, 3);
	hk_ledger_free(l);
}

static void test_tree_union(void)
{
	hk_ledger *l = new_ledger("e");
	git_oid a, b, u;
	git_tree *ta = NULL, *tb = NULL, *tu = NULL;
	git_tree_entry *te = NULL;
	hk_objw *w = NULL;
	struct hk_tree_add adds[2];
	if (!l)
		return;
	hk_ledger_tree_objw_new(&w, l, 0);
	adds[0].path = "findings/aa/x.json";
	hk_ledger_tree_objw_write(w, &adds[0].oid, "1", 1, GIT_OBJECT_BLOB);
	CHECK_EQ_INT(hk_ledger_tree_add(&a, l, w, NULL, adds, 1), 0);
	adds[0].path = "findings/aa/y.json";
	adds[1].path = "findings/bb/z.json";
	hk_ledger_tree_objw_write(w, &adds[1].oid, "2", 1, GIT_OBJECT_BLOB);
	CHECK_EQ_INT(hk_ledger_tree_add(&b, l, w, NULL, adds, 2), 0);
	git_tree_lookup(&ta, l->repo, &a);
	git_tree_lookup(&tb, l->repo, &b);
	CHECK_EQ_INT(hk_ledger_tree_union(&u, l, w, ta, tb), 0);
	git_tree_lookup(&tu, l->repo, &u);
	CHECK(tu && git_tree_entry_bypath(&te, tu, "findings/aa/x.json") == 0);
	git_tree_entry_free(te);
	CHECK(tu && git_tree_entry_bypath(&te, tu, "findings/bb/z.json") == 0);
	git_tree_entry_free(te);
	git_tree_free(tu);
	git_tree_free(tb);
	/* the same path with other content on the other side is a conflict */
	adds[0].path = "findings/aa/x.json";
	adds[0].oid = adds[1].oid;
	hk_ledger_tree_add(&b, l, w, NULL, adds, 1);
	git_tree_lookup(&tb, l->repo, &b);
	CHECK_EQ_INT(hk_ledger_tree_union(&u, l, w, ta, tb), HK_ECONFLICT);
	CHECK(strstr(hk_error_last(), "findings/aa/x.json") != NULL);
	git_tree_free(ta);
	git_tree_free(tb);
	hk_ledger_tree_objw_free(w);
	hk_ledger_free(l);
}

static void place(char v[16], char t[16], const char *entity, const char *evidence)
{
	hk_json *doc = NULL;
	if (evidence && hk_json_parse(&doc, evidence, strlen(evidence)) < 0)
		fprintf(stderr, "# %s\n", hk_error_last());
	hk_ledger_place(v, t, entity, doc);
	hk_json_free(doc);
}

static void test_place(void)
{
	char v[16], t[16];
	place(v, t, "village:450921101201", NULL);
	CHECK_EQ_STR(v, "450921101201");
	CHECK_EQ_STR(t, "450921101");
	place(v, t, "town:450921101", NULL);
	CHECK_EQ_STR(v, "");
	CHECK_EQ_STR(t, "450921101");
	place(v, t, "household:1", "{\"village_code\":\"450921101202\"}");
	CHECK_EQ_STR(v, "450921101202");
	place(v, t, "household:1", "{\"village_code\":\"12\"}");
	CHECK_EQ_STR(v, "");
	CHECK_EQ_STR(t, "");
}

int main(void)
{
	make_tmp();
	RUN(test_init_and_open);
	RUN(test_append_only);
	RUN(test_record_runs);
	RUN(test_record_packed);
	RUN(test_runs_and_trailers);
	RUN(test_tree_union);
	RUN(test_place);
	rm_tmp();
	git_libgit2_shutdown();
	return TEST_DONE();
}
