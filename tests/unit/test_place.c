/* test_place.c - the village of a finding's entity, looked up in a registry. */
#include "test.h"
#include "base/finding.h"
#include "registry/place.h"
#include "registry/schema.h"

#include <sqlite3.h>
#include <stdlib.h>

static const char *rows =
	"INSERT INTO households(id, village_code, size, status, registered_year) VALUES"
	" ('H1', '450922101203', 1, 'poor', 2015), ('H2', '450922102001', 1, 'poor', 2015),"
	" ('H3', 'bad', 1, 'poor', 2015);"
	"INSERT INTO members(id_number, household_id, name, relation) VALUES"
	" ('P1', 'H2', 'a', 'head'), ('P1', 'H1', 'a', 'other'), ('P2', 'H9', 'b', 'head');"
	"INSERT INTO projects(id, village_code, name) VALUES ('X1', '450922103003', 'road');"
	"INSERT INTO pairings(cadre_id, household_id, start_date) VALUES"
	" ('C2', 'H2', '2019-01-01'), ('C2', 'H1', '2019-01-01'), ('C3', 'H9', '2019-01-01');"
	"INSERT INTO loans(id, household_id, borrower_id_number, amount, issue_date, term_months)"
	" VALUES ('L1', 'H2', 'P1', 100, '2019-01-01', 12);"
	"INSERT INTO payments(id, fund_id, payee_kind, payee_id, amount, paid_date) VALUES"
	" ('Y1', 'F1', 'household', 'H1', 100, '2019-01-01'), ('Y2', 'F1', 'person', 'P1', 100, '2019-01-01'),"
	" ('Y3', 'F1', 'project', 'X1', 100, '2019-01-01'), ('Y4', 'F1', 'enterprise', 'E', 100, '2019-01-01');";

static void test_resolve(void)
{
	static const char *cases[][2] = {
		{"household:H1", "450922101203"}, {"household:H3", NULL}, {"household:none", NULL},
		{"person:P1", "450922101203"},    {"person:P2", NULL},     {"project:X1", "450922103003"},
		{"loan:L1", "450922102001"},      {"payment:Y1", "450922101203"},
		{"payment:Y2", "450922101203"},   {"payment:Y3", "450922103003"},
		{"payment:Y4", NULL},             {"village:450922104005", "450922104005"},
		{"village:45", NULL},             {"town:450922101", NULL},
		{"cadre:C1", NULL},               {"fund:F1", NULL},
		{"cadre:C2", "450922101203"},     {"cadre:C3", NULL},
	};
	enum { N = sizeof(cases) / sizeof(cases[0]) };
	struct hk_finding f[N];
	sqlite3 *db = NULL;

	memset(f, 0, sizeof(f));
	CHECK_EQ_INT(sqlite3_open(":memory:", &db), SQLITE_OK);
	CHECK_EQ_INT(hk_schema_create(db), 0);
	CHECK_EQ_INT(sqlite3_exec(db, rows, NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < N; i++)
		f[i].entity = strdup(cases[i][0]);
	f[1].village = strdup("450922109009"); /* a village already set is kept */
	CHECK_EQ_INT(hk_place_resolve(db, f, N), 0);
	for (size_t i = 0; i < N; i++) {
		const char *want = i == 1 ? "450922109009" : cases[i][1];
		if (want)
			CHECK_EQ_STR(f[i].village, want);
		else
			CHECK(f[i].village == NULL);
		hk_finding_clear(&f[i]);
	}
	sqlite3_close(db);
}

int main(void)
{
	RUN(test_resolve);
	return TEST_DONE();
}
