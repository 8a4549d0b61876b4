/*
 * ledger_init.h - founding a ledger: a new bare repository whose first commit
 * holds ledger.json and the first admin's role.
 */
#ifndef HK_LEDGER_INIT_H
#define HK_LEDGER_INIT_H

#include "ledger/ledger.h"

/* Creates a bare ledger in dir (which must not exist or be empty; missing
 * parents are made) for `office`, with `admin` ("Name <email>") as its first
 * admin, and opens it. With `key` (the admin's SSH key: a private key file,
 * or its .pub when the private key is in ssh-agent) the ledger is signed
 * (ledger_sign.h): ledger.json says so, the admin's grant binds the key's
 * public half, and the founding commit is signed with it; key NULL makes an
 * unsigned ledger (tests only). All or nothing: the ledger is built in a temporary
 * directory beside dir (".<name>.init-XXXXXX") and moved into place, so a
 * failure leaves dir as it was (missing, or empty) and removes the parents it
 * made. Returns 0 or a negative HK_E* code; *out is NULL on failure. */
int hk_ledger_init(hk_ledger **out, const char *dir, const char *office, const char *admin, const char *key);

#endif
