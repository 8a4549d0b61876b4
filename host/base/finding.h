/*
 * finding.h - a finding as the engine produces it and the ledger records it,
 * and its stable id.
 */
#ifndef HK_FINDING_H
#define HK_FINDING_H

#include <stddef.h>

#define HK_FINDING_ID_LEN 14 /* "F-" + 12 hex digits */

struct hk_finding {
	char id[HK_FINDING_ID_LEN + 1];
	char *rule;          /* rule id, e.g. "precision.vehicle" */
	char *entity;        /* entity key "<kind>:<key>" */
	char *category;      /* precision, assignment, funds, ... */
	char *severity;      /* e.g. high, medium, low */
	char *message;       /* in the domain's language (Chinese for the shipped pack) */
	char *message_en;    /* the same in English, or NULL when the rule gave one text */
	char *evidence_json; /* a JSON object text, "{}" when none */
	char *village;       /* 12-digit code of the village the entity lies in, or
			      * NULL when unknown (see place.h) */
	char as_of[11];      /* read from a findings file: the audit date of the
			      * run that made it (YYYY-MM-DD), "" when not given */
};

/* Writes the finding id of (rule, entity) into out: "F-" followed by the first
 * 12 hex digits of SHA-256 over rule, a newline, and entity. The same rule and
 * entity give the same id on every run and machine. Cannot fail. */
void hk_finding_id(char out[HK_FINDING_ID_LEN + 1], const char *rule, const char *entity);

/* Picks the text to show a person reading language `lang` (a code of
 * base/i18n.h, hk_lang(): "zh", "en") from a text in the domain's language
 * (Chinese: a finding's message, a rule's title) and its English rendering
 * (may be NULL or ""): `zh` for Chinese, else `en` when there is one, else
 * `zh`. Returns one of the two pointers; cannot fail. */
const char *hk_finding_pick(const char *lang, const char *zh, const char *en);

/* The message of f to show in language lang (hk_finding_pick). */
const char *hk_finding_message(const struct hk_finding *f, const char *lang);

/* Reads the file at path of findings as JSON lines (one object a line with
 * string members rule, entity and optionally category, severity, message,
 * message_en, an
 * object evidence, and id, which must be hk_finding_id of rule and entity;
 * blank lines skipped) into a malloc'd array *out of *nout findings (free
 * each with hk_finding_clear, then the array). Returns 0, or HK_EINPUT with a
 * message "PATH:LINE[:COL]: what", or another negative code; nothing is
 * returned on error. */
int hk_finding_read_jsonl(struct hk_finding **out, size_t *nout, const char *path);

/* Frees the strings of f (not f itself) and zeroes it. NULL-safe. */
void hk_finding_clear(struct hk_finding *f);

#endif
