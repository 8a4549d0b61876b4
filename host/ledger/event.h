/*
 * event.h - one ledger event: a step in the life of a finding (found, absent,
 * reappeared, assigned, submitted, closed, rejected, waived, reopened) or a
 * change of roles (granted, revoked) or of a person's signing keys (key-added,
 * key-revoked), as a JSON file of the ledger.
 *
 * An event file is named <lamport>-<office>-<hash>.json: the Lamport clock of
 * the commit that added it (10 digits, so names sort in clock order), the office
 * that wrote it, and the first 12 hex digits of the SHA-256 of its bytes. Events
 * are never edited or deleted; replaying them in (lamport, office, hash) order
 * gives the state of a finding (fstate.h) or of the roles (roles.h).
 */
#ifndef HK_EVENT_H
#define HK_EVENT_H

#include "base/buf.h"

#include <stddef.h>

#define HK_EVENT_HASH_LEN 12

enum hk_event_type {
	HK_EV_UNKNOWN = 0,
	HK_EV_FOUND,
	HK_EV_ABSENT,
	HK_EV_REAPPEARED,
	HK_EV_ASSIGNED,
	HK_EV_SUBMITTED,
	HK_EV_CLOSED,
	HK_EV_REJECTED,
	HK_EV_WAIVED,
	HK_EV_REOPENED,
	HK_EV_GRANTED, /* roles/: role given to someone */
	HK_EV_REVOKED, /* roles/: role taken away */
	HK_EV_KEY_ADDED,   /* roles/: an SSH key bound to a person (who, key) */
	HK_EV_KEY_REVOKED, /* roles/: a person's key revoked from then on */
	HK_EV_NTYPES
};

/* The largest evidence file a step takes (64 MiB): evidence is kept in the
 * ledger, which every office clones, and read whole into memory. */
#define HK_EVIDENCE_MAX ((size_t)64 << 20)

struct hk_evidence_ref {
	char *name;   /* the file name the user gave, without directories */
	char *sha256; /* 64 hex digits; blob at evidence/<aa>/<sha256> */
	long long size;
};

struct hk_event {
	enum hk_event_type type;
	unsigned long long lamport;
	char *office;
	char *actor;   /* "Name <email>" */
	char *time;    /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	char *finding; /* finding id; NULL for role events */
	char *prev;    /* hash of the finding's previous event ("" for the first) */
	char *run;     /* run id (found/absent/reappeared) */
	char *unit, *person, *due; /* assigned */
	/* assigned: the rectification plan (整改台账), each NULL when not given:
	 * measure 整改措施, goal 整改目标, lead_unit 牵头单位, support_unit 配合单位,
	 * leader 责任领导, deadline_kind "immediate" 立行立改 | "dated" 限期整改 |
	 * "ongoing" 长期坚持 */
	char *measure, *goal, *lead_unit, *support_unit, *leader, *deadline_kind;
	char *note;                /* submitted, closed */
	char *reason;              /* rejected, waived, reopened */
	char *role, *who;          /* granted, revoked; who: key-added, key-revoked */
	char *key;                 /* granted (optional), key-added, key-revoked:
				    * an SSH public key "ssh-ed25519 AAAA..." */
	struct hk_evidence_ref *evidence;
	size_t nevidence;
	/* Filled by hk_event_parse from the file name and bytes: */
	char hash[HK_EVENT_HASH_LEN + 1];
};

/* The type's name ("found", ...), or "unknown". */
const char *hk_event_type_name(enum hk_event_type t);

/* The type named `name`, or HK_EV_UNKNOWN. */
enum hk_event_type hk_event_type_parse(const char *name);

/* Appends the event's canonical JSON text (fixed key order, one line, a final
 * newline) to out. Returns 0 or HK_EINTERNAL. */
int hk_event_to_json(hk_buf *out, const struct hk_event *e);

/* Writes the first 12 hex digits of SHA-256 over data[0..len) into out. */
void hk_event_hash(char out[HK_EVENT_HASH_LEN + 1], const void *data, size_t len);

/* Appends the file name "<lamport>-<office>-<hash>.json" of an event whose bytes
 * hash to `hash`. Returns 0 or HK_EINTERNAL. */
int hk_event_file_name(hk_buf *out, unsigned long long lamport, const char *office, const char *hash);

/* Splits a file name made by hk_event_file_name. `office` receives a copy the
 * caller frees. Returns 0, or HK_EINPUT with a message naming `name`. */
int hk_event_name_parse(const char *name, unsigned long long *lamport, char **office,
			char hash[HK_EVENT_HASH_LEN + 1]);

/* Parses the bytes of the event file `name` into e (which the caller clears
 * with hk_event_clear, also on failure). Checks that the name's lamport, office
 * and hash match the content. Returns 0, or HK_EINPUT with a message naming the
 * file and what is wrong. */
int hk_event_parse(struct hk_event *e, const char *name, const char *data, size_t len);

/* Frees the strings of e and zeroes it. NULL-safe. */
void hk_event_clear(struct hk_event *e);

/* Writes the current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (HUIKAN_NOW overrides it,
 * for tests). */
void hk_event_now(char out[21]);

/* Offices name event files: non-empty, at most 64 bytes, no '/', '\\', control
 * characters, spaces or '-' at either end. Returns 0 or HK_EINPUT. */
int hk_event_office_check(const char *office);

#endif
