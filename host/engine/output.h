/*
 * output.h - writing findings: table (aligned, for people; text from the data
 * made visible, base/text.h), json (one array), jsonl (one object a line), csv
 * (RFC 4180, evidence as JSON text, starting with a UTF-8 BOM, formula-like
 * cells neutralised: base/csvw.h). Every
 * record holds id, rule, entity, category, severity, message, evidence; the
 * JSON forms also message_en (the English rendering, when the rule gave one)
 * and as_of (the run's audit date), and keep message as recorded (Chinese);
 * table and csv, read by people,
 * show the message in the reader's language (base/i18n.h).
 */
#ifndef HK_OUTPUT_H
#define HK_OUTPUT_H

#include <stdio.h>

#include "base/buf.h"
#include "base/finding.h"

enum hk_format { HK_FORMAT_TABLE, HK_FORMAT_JSON, HK_FORMAT_JSONL, HK_FORMAT_CSV };

/* Parses "table", "json", "jsonl" or "csv". Returns 0 or HK_EINPUT. */
int hk_output_format_parse(enum hk_format *out, const char *name);

/* Appends one finding as a JSON object (keys in the order above, evidence
 * embedded as the object it is), with as_of, the audit date of the run, before
 * the evidence when given (not NULL or ""): what `ledger record` takes as
 * the run's date. Returns 0 or HK_EINTERNAL. */
int hk_output_finding_json(hk_buf *b, const struct hk_finding *f, const char *as_of);

/* hk_output_write flags */
enum { HK_OUTPUT_NO_BOM = 1 /* csv: no byte order mark (--no-bom) */ };

/* Writes the n findings to f in the format; json and jsonl records carry
 * as_of (the run's audit date) when given. Returns 0, or HK_EINTERNAL on a
 * write error (message says so). */
int hk_output_write(FILE *f, enum hk_format fmt, const struct hk_finding *v, size_t n, int flags,
		    const char *as_of);

#endif
