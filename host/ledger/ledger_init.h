/*
 * ledger_init.h - founding a ledger: a new bare repository whose first commit
 * holds ledger.json and the first admin's role.
 */
#ifndef HK_LEDGER_INIT_H
#define HK_LEDGER_INIT_H

#include "ledger/ledger.h"

/* Creates a bare ledger in dir (which must not exist or be empty) for `office`,
 * with `admin` ("Name <email>") as its first admin, and opens it. Returns 0 or a
 * negative HK_E* code; *out is NULL on failure. */
int hk_ledger_init(hk_ledger **out, const char *dir, const char *office, const char *admin);

#endif
