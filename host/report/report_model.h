/*
 * report_model.h - what a report shows, gathered once from a ledger: every
 * finding with its current state (from the ledger's index, the same rows as
 * `huikan findings`), its history of events (from git), the runs, and the
 * figures of `huikan stats` (same SQL on the same rows). The HTML, XLSX and
 * CSV writers only format this model.
 *
 * The default is the latest state (the index, brought up to date with the
 * head). With a run id the model is the state right after that run was
 * recorded: the tree of its commit is replayed into an in-memory table with the
 * index's columns, and the same queries run on it.
 */
#ifndef HK_REPORT_MODEL_H
#define HK_REPORT_MODEL_H

#include <stddef.h>

struct hk_report_event {
	const char *type, *time, *actor, *office; /* time "YYYY-MM-DDTHH:MM:SSZ" */
	const char *run, *unit, *person, *due, *note, *reason;
	/* assigned: the rectification plan (event.h), "" when not given */
	const char *measure, *goal, *lead_unit, *support_unit, *leader, *deadline_kind;
	const char *evidence; /* evidence file names joined by ", ", "" when none */
	const char *illegal;  /* why the event was ignored, NULL when legal */
	unsigned long long lamport;
};

struct hk_report_finding {
	const char *id, *status, *rule, *entity, *category, *severity, *message;
	const char *village, *town, *unit, *person, *due; /* "" when none */
	const char *found_at, *closed_at, *submitter;
	const char *title;    /* its rule's title in the reader's language ("" when unknown) */
	const char *run;      /* the run that found it ("" when unknown) */
	const char *audit_day; /* that run's audit date (as_of), YYYY-MM-DD; "" when unknown */
	long days_overdue; /* -1 unless overdue */
	int relapses, present;
	size_t ev0, nev; /* its events: events[ev0 .. ev0 + nev) */
};

/* One group of `huikan stats` (a rule, a town, a unit, ...). */
struct hk_report_group {
	const char *name;
	const char *title; /* by_rule: the rule's title in the reader's language (NULL: unknown) */
	long findings, open, closed, waived, overdue, relapsed;
	double closure_pct;
};

struct hk_report_groups {
	struct hk_report_group *v;
	size_t n;
};

struct hk_report_run {
	const char *id, *time, *as_of, *pack, *version;
	unsigned long long lamport;
	long produced;     /* findings the run gave */
	long open, closed; /* findings active / closed right after it */
};

/* Villages of one town for the drill-down. */
struct hk_report_town_villages {
	const char *town;
	struct hk_report_groups villages;
};

struct hk_report_model {
	char as_of[11];      /* the day overdue is counted against */
	char commit[41];     /* the ledger commit reported */
	const char *run;     /* --run id or NULL for the latest state */
	const char *office;  /* of the ledger */
	char generated[21];  /* when the report was made (UTC) */
	struct hk_report_group total;
	struct hk_report_groups by_rule, by_category, by_town, by_unit, by_severity, by_status;
	struct hk_report_groups by_person; /* assigned findings by "unit\x1fperson" */
	struct hk_report_groups by_county; /* by the first 6 digits of the place ('-': none) */
	struct hk_report_town_villages *villages; /* one per town of by_town, same order */
	long aging[4];       /* overdue 0-30, 31-60, 61-90, > 90 days */
	struct hk_report_finding *findings; /* ordered by id, like `huikan findings` */
	size_t nfindings;
	struct hk_report_event *events;
	size_t nevents;
	struct hk_report_run *runs; /* in the order they were recorded */
	size_t nruns;
	struct hk_report_place { const char *code, *name; } *places; /* from the registry, by code */
	size_t nplaces;
	void *arena_; /* owns every string */
	int oom_;     /* an allocation of the arena failed */
};

/* Gathers the model of the ledger at dir (NULL: $HUIKAN_LEDGER). run: a run id
 * or NULL for the latest state; as_of: YYYY-MM-DD or NULL for today (with a
 * run: the day it was recorded). progress: print progress lines on stderr.
 * Returns 0 or a negative HK_E* code (message in hk_error_last(): an unknown
 * run is HK_ENOTFOUND naming it). Free with hk_report_model_free. */
int hk_report_model_load(struct hk_report_model **out, const char *dir, const char *run, const char *as_of,
			 int progress);

/* A rule's titles given to a report (from its pack). */
struct hk_report_title {
	const char *rule, *zh, *en; /* a rule's id, Chinese title, English title (en may be NULL) */
};

/* The model of one run's findings without a ledger (`report --findings`): the
 * JSON lines file at path (as `run --format jsonl` writes it), every finding
 * open, none assigned; the file is one run whose audit date is as_of (NULL:
 * today). registry (may be NULL): villages of findings whose evidence does not
 * name one, and the names of places. titles[0..ntitles): the titles of the
 * rules (from the pack, `report --pack`), shown beside their ids. Returns 0
 * or a negative HK_E* code naming the file, line and column at fault. Free with hk_report_model_free. */
int hk_report_model_load_findings(struct hk_report_model **out, const char *path, const char *as_of,
				  const char *registry, const struct hk_report_title *titles, size_t ntitles);

void hk_report_model_free(struct hk_report_model *m);

/* Reads the names of the towns and villages (table regions) of the registry
 * db at `path` into m->places, for labels. Returns 0, or HK_ENOTFOUND /
 * HK_EINPUT naming the file when it cannot be read. */
int hk_report_model_places(struct hk_report_model *m, const char *path);

/* The name of town or village `code` ("" when unknown or no registry given). */
const char *hk_report_model_place_name(const struct hk_report_model *m, const char *code);

/* The assigned event that gave f its current assignment (the last legal
 * one), or NULL. */
const struct hk_report_event *hk_report_model_assignment(const struct hk_report_model *m,
							 const struct hk_report_finding *f);

/* Whether f is ready to close (待销号): submitted or absent, and not reproduced
 * by the last run. */
int hk_report_model_ready(const struct hk_report_finding *f);

/* A status in words of the chosen language ("assigned" -> "整改中" under zh,
 * "assigned" under en); the name itself when unknown. */
const char *hk_report_model_status_label(const char *status);

#endif
