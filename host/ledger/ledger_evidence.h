/*
 * ledger_evidence.h - evidence files out of a ledger: the files of a finding's
 * submissions, read back byte for byte from evidence/<aa>/<sha256> and checked
 * against their hash, and the names they may be written under.
 */
#ifndef HK_LEDGER_EVIDENCE_H
#define HK_LEDGER_EVIDENCE_H

#include "ledger/ledger.h"

#include <stddef.h>

/* Reads the evidence blob of `sha256` (64 hex digits) from the tree root into
 * a malloc'd buffer (*data, *len; the caller frees *data). Checks that its
 * bytes hash to sha256. Returns 0, HK_ENOTFOUND when the ledger lacks it, or
 * HK_EINPUT when its content does not match its name. */
int hk_ledger_evidence_read(char **data, size_t *len, hk_ledger *l, const git_tree *root, const char *sha256);

/* 1 when `name` (an evidence name from the ledger) is safe to write as a file
 * in a directory: not empty, not "." or "..", no '/', '\\' or control
 * characters, at most 255 bytes. */
int hk_ledger_evidence_name_safe(const char *name);

#endif
