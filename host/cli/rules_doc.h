/*
 * rules_doc.h - the Markdown catalogue of a pack (`huikan rules PACK --doc`):
 * from each rule's metadata (id, Chinese and English titles, entity,
 * description, basis, parameters with units) and an example from its tests,
 * laid out by the pack's catalogue.md template when it has one.
 */
#ifndef HK_RULES_DOC_H
#define HK_RULES_DOC_H

#include "base/buf.h"
#include "engine/pack.h"
#include "engine/ruletest.h"

/* Writes the catalogue of p into out. The template <pack>/catalogue.md is
 * copied with its lines "@rule ID" replaced by that rule's table row
 * "| id | entity | description |", "@table CATEGORY" by the rows of the
 * category's rules not placed by "@rule", and "@details" by one section a
 * rule; without a template, a title, one table a category and the details.
 * Returns 0, or HK_EINPUT when a rule is placed nowhere or an @rule names no
 * rule (message names the template line), HK_EINTERNAL. */
int hk_rules_doc(hk_buf *out, const struct hk_pack *p, const struct hk_ruletest_opts *o);

#endif
