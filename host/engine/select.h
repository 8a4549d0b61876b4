/*
 * select.h - the --rules expression: which rules of a pack to run.
 *
 *   expr    := term { ("or" | ",") term }
 *   term    := factor { "and" factor }
 *   factor  := "not" factor | "(" expr ")" | WORD
 *
 * A WORD is `all`, a category, a severity, or a rule id / glob over ids
 * (`*` any run of characters, `?` one character), and is true for a rule whose
 * category, severity or id it names. Keywords are case-insensitive. Like
 * nmap's --script: "precision and not precision.id-*".
 */
#ifndef HK_SELECT_H
#define HK_SELECT_H

#include <stddef.h>

typedef struct hk_select hk_select;

/* Parses expr. Returns 0, or HK_EINPUT with "column N: what" on a syntax
 * error; free with hk_select_free. */
int hk_select_parse(hk_select **out, const char *expr);

void hk_select_free(hk_select *s);

/* True when the rule (id, category, severity) is selected. */
int hk_select_match(const hk_select *s, const char *id, const char *category, const char *severity);

/* Checks that every WORD of the expression names something of the pack (it
 * matches at least one of the n rules as `all`, a category, a severity or an
 * id/glob). Returns 0, or HK_EINPUT naming the first word that matches
 * nothing (a typo would otherwise select silently less). */
int hk_select_check(const hk_select *s, const char *const *ids, const char *const *categories,
		    const char *const *severities, size_t n);

/* Glob match of `*` and `?` over the whole string. */
int hk_select_glob_match(const char *pat, const char *s);

#endif
