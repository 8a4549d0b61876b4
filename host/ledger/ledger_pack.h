/*
 * ledger_pack.h - writing many git objects at once as one pack file with its
 * index (.idx v2), for runs that record hundreds of thousands of findings.
 *
 * Objects are stored without deltas, deflated as stored blocks (no
 * compression: speed over size; `git gc` repacks them when wanted). The pack is
 * written to a temporary file in objects/pack/ and renamed into place only when
 * complete, so a killed process leaves no half pack git would read.
 */
#ifndef HK_LEDGER_PACK_H
#define HK_LEDGER_PACK_H

#include <git2.h>
#include <stddef.h>

typedef struct hk_packw hk_packw;

/* A writer for a pack in objects_dir/pack (objects_dir = <repo>/objects).
 * Returns 0 or HK_EINTERNAL. The file is created on the first add. */
int hk_ledger_pack_new(hk_packw **out, const char *objects_dir);

/* Appends an object whose id the caller computed (git_odb_hash); an object
 * added twice is stored once (hk_ledger_pack_finish drops the copies).
 * Returns 0 or HK_EINTERNAL (I/O). */
int hk_ledger_pack_add(hk_packw *p, const git_oid *oid, git_object_t type, const void *data, size_t len);

/* Finishes the pack and its index in the object directory of odb and makes odb
 * see them. No-op when nothing was added. */
int hk_ledger_pack_finish(hk_packw *p, git_odb *odb);

/* The finished pack's name, pack-<NAME>.pack (its checksum, 40 hex
 * digits), "" before hk_ledger_pack_finish or when nothing was added. */
const char *hk_ledger_pack_name(const hk_packw *p);

/* The number of objects added so far (copies included), or in the finished
 * pack. */
size_t hk_ledger_pack_count(const hk_packw *p);

/* Removes an unfinished temporary file. NULL-safe. */
void hk_ledger_pack_free(hk_packw *p);

#endif
