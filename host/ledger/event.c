/*
 * event.c - ledger events: canonical JSON, file names, parsing and checks.
 */
#include "ledger/event.h"
#include "base/i18n.h"
#include "base/error.h"
#include "base/json.h"
#include "base/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const type_names[HK_EV_NTYPES] = {
	"unknown", "found", "absent", "reappeared", "assigned", "submitted",
	"closed", "rejected", "waived", "reopened", "granted", "revoked", "key-added", "key-revoked",
};

const char *hk_event_type_name(enum hk_event_type t)
{
	return (t > 0 && t < HK_EV_NTYPES) ? type_names[t] : "unknown";
}

/* Looked up as "event:<code>" so that a step's name differs from a status's
 * for the translator; a language without a form shows the code. */
static const char *const type_keys[HK_EV_NTYPES] = {
	N_("event:unknown"),  N_("event:found"),  N_("event:absent"),   N_("event:reappeared"),
	N_("event:assigned"), N_("event:submitted"), N_("event:closed"), N_("event:rejected"),
	N_("event:waived"),   N_("event:reopened"), N_("event:granted"), N_("event:revoked"),
};

const char *hk_event_type_label(enum hk_event_type t)
{
	const char *k, *tr;
	if (t <= 0 || t >= HK_EV_NTYPES)
		t = HK_EV_UNKNOWN;
	k = type_keys[t];
	tr = hk_tr(k);
	return tr == k ? type_names[t] : tr;
}

enum hk_event_type hk_event_type_parse(const char *name)
{
	for (int t = 1; t < HK_EV_NTYPES; t++)
		if (name && strcmp(name, type_names[t]) == 0)
			return (enum hk_event_type)t;
	return HK_EV_UNKNOWN;
}

static int put_field(hk_buf *b, const char *key, const char *val)
{
	if (!val)
		return 0;
	/* appends, not printf: a run writes a million events */
	if (hk_buf_puts(b, ",\"") < 0 || hk_buf_puts(b, key) < 0 || hk_buf_puts(b, "\":") < 0)
		return HK_EINTERNAL;
	return hk_json_put_str(b, val, strlen(val));
}

int hk_event_to_json(hk_buf *b, const struct hk_event *e)
{
	int err = 0;
	err |= hk_buf_printf(b, "{\"type\":\"%s\",\"lamport\":%llu", hk_event_type_name(e->type), e->lamport);
	err |= put_field(b, "office", e->office);
	err |= put_field(b, "actor", e->actor);
	err |= put_field(b, "time", e->time);
	err |= put_field(b, "finding", e->finding);
	err |= put_field(b, "prev", e->prev);
	err |= put_field(b, "run", e->run);
	err |= put_field(b, "unit", e->unit);
	err |= put_field(b, "person", e->person);
	err |= put_field(b, "due", e->due);
	err |= put_field(b, "measure", e->measure);
	err |= put_field(b, "goal", e->goal);
	err |= put_field(b, "lead_unit", e->lead_unit);
	err |= put_field(b, "support_unit", e->support_unit);
	err |= put_field(b, "leader", e->leader);
	err |= put_field(b, "deadline_kind", e->deadline_kind);
	err |= put_field(b, "note", e->note);
	err |= put_field(b, "reason", e->reason);
	err |= put_field(b, "role", e->role);
	err |= put_field(b, "who", e->who);
	err |= put_field(b, "key", e->key);
	if (e->nevidence) {
		err |= hk_buf_puts(b, ",\"evidence\":[");
		for (size_t i = 0; i < e->nevidence; i++) {
			err |= hk_buf_puts(b, i ? ",{\"name\":" : "{\"name\":");
			err |= hk_json_put_str(b, e->evidence[i].name, strlen(e->evidence[i].name));
			err |= hk_buf_printf(b, ",\"sha256\":\"%s\",\"size\":%lld}", e->evidence[i].sha256,
					     e->evidence[i].size);
		}
		err |= hk_buf_putc(b, ']');
	}
	err |= hk_buf_puts(b, "}\n");
	return err ? HK_EINTERNAL : 0;
}

void hk_event_hash(char out[HK_EVENT_HASH_LEN + 1], const void *data, size_t len)
{
	char hex[65];
	hk_sha256_hex(hex, data, len);
	memcpy(out, hex, HK_EVENT_HASH_LEN);
	out[HK_EVENT_HASH_LEN] = '\0';
}

int hk_event_file_name(hk_buf *out, unsigned long long lamport, const char *office, const char *hash)
{
	char num[24];
	int err = 0;
	/* %010llu by hand: a run names a million events */
	for (int i = 19; i >= 0; i--, lamport /= 10)
		num[i] = (char)('0' + lamport % 10);
	num[20] = '\0';
	{
		int at = 0;
		while (at < 10 && num[at] == '0')
			at++;
		err |= hk_buf_puts(out, num + at);
	}
	err |= hk_buf_putc(out, '-');
	err |= hk_buf_puts(out, office);
	err |= hk_buf_putc(out, '-');
	err |= hk_buf_puts(out, hash);
	err |= hk_buf_puts(out, ".json");
	return err ? HK_EINTERNAL : 0;
}

int hk_event_name_parse(const char *name, unsigned long long *lamport, char **office,
			char hash[HK_EVENT_HASH_LEN + 1])
{
	size_t n = strlen(name);
	const char *dash1 = strchr(name, '-');
	char *end;

	*office = NULL;
	if (n < 5 || strcmp(name + n - 5, ".json") != 0 || !dash1 || dash1 == name)
		goto bad;
	n -= 5;
	if (n < (size_t)(dash1 - name) + 2 + HK_EVENT_HASH_LEN || name[n - HK_EVENT_HASH_LEN - 1] != '-')
		goto bad;
	*lamport = strtoull(name, &end, 10);
	if (end != dash1)
		goto bad;
	for (size_t i = n - HK_EVENT_HASH_LEN; i < n; i++)
		if (!strchr("0123456789abcdef", name[i]))
			goto bad;
	memcpy(hash, name + n - HK_EVENT_HASH_LEN, HK_EVENT_HASH_LEN);
	hash[HK_EVENT_HASH_LEN] = '\0';
	*office = strndup(dash1 + 1, (size_t)(name + n - HK_EVENT_HASH_LEN - 1 - (dash1 + 1)));
	if (!*office)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if (!**office)
		goto bad;
	return 0;
bad:
	free(*office);
	*office = NULL;
	return hk_error_setc(HK_EINPUT, "%s: the name is not <lamport>-<office>-<hash>.json", name);
}

static int get_str(char **dst, const hk_json *obj, const char *key)
{
	const hk_json *v = hk_json_get(obj, key);
	if (!v || hk_json_type_of(v) == HK_JSON_NULL)
		return 0;
	if (!hk_json_str(v))
		return hk_error_setc(HK_EINPUT, "member '%s' is not a string", key);
	*dst = strdup(hk_json_str(v));
	return *dst ? 0 : hk_error_setc(HK_EINTERNAL, "out of memory");
}

static int parse_evidence(struct hk_event *e, const hk_json *arr)
{
	size_t n = hk_json_len(arr);
	if (hk_json_type_of(arr) != HK_JSON_ARRAY)
		return hk_error_setc(HK_EINPUT, "member 'evidence' is not an array");
	e->evidence = calloc(n ? n : 1, sizeof(*e->evidence));
	if (!e->evidence)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const hk_json *o = hk_json_at(arr, i);
		struct hk_evidence_ref *r = &e->evidence[i];
		int err;
		e->nevidence = i + 1;
		if ((err = get_str(&r->name, o, "name")) < 0 || (err = get_str(&r->sha256, o, "sha256")) < 0)
			return err;
		if (!r->name || !r->sha256 || strlen(r->sha256) != 64 || hk_json_int(hk_json_get(o, "size"), &r->size) < 0)
			return hk_error_setc(HK_EINPUT, "evidence %zu lacks name, sha256 or size", i + 1);
	}
	return 0;
}

int hk_event_parse(struct hk_event *e, const char *name, const char *data, size_t len)
{
	hk_json *doc = NULL;
	unsigned long long name_lamport = 0;
	long long lamport = 0;
	char *name_office = NULL;
	char name_hash[HK_EVENT_HASH_LEN + 1];
	const hk_json *ev;
	int err;

	memset(e, 0, sizeof(*e));
	if ((err = hk_event_name_parse(name, &name_lamport, &name_office, name_hash)) < 0)
		return err;
	hk_event_hash(e->hash, data, len);
	if (strcmp(e->hash, name_hash) != 0) {
		err = hk_error_setc(HK_EINPUT, "%s: content hash is %s, not %s (the event was changed)", name,
				    e->hash, name_hash);
		goto done;
	}
	if ((err = hk_json_parse(&doc, data, len)) < 0)
		goto fail;
	if (hk_json_type_of(doc) != HK_JSON_OBJECT) {
		err = hk_error_setc(HK_EINPUT, "not a JSON object");
		goto fail;
	}
	e->type = hk_event_type_parse(hk_json_str(hk_json_get(doc, "type")));
	if (e->type == HK_EV_UNKNOWN) {
		err = hk_error_setc(HK_EINPUT, "unknown event type");
		goto fail;
	}
	if (hk_json_int(hk_json_get(doc, "lamport"), &lamport) < 0 || lamport < 0) {
		err = hk_error_setc(HK_EINPUT, "member 'lamport' is not a whole number");
		goto fail;
	}
	e->lamport = (unsigned long long)lamport;
	if ((err = get_str(&e->office, doc, "office")) < 0 || (err = get_str(&e->actor, doc, "actor")) < 0 ||
	    (err = get_str(&e->time, doc, "time")) < 0 || (err = get_str(&e->finding, doc, "finding")) < 0 ||
	    (err = get_str(&e->prev, doc, "prev")) < 0 || (err = get_str(&e->run, doc, "run")) < 0 ||
	    (err = get_str(&e->unit, doc, "unit")) < 0 || (err = get_str(&e->person, doc, "person")) < 0 ||
	    (err = get_str(&e->due, doc, "due")) < 0 || (err = get_str(&e->note, doc, "note")) < 0 ||
	    (err = get_str(&e->reason, doc, "reason")) < 0 || (err = get_str(&e->role, doc, "role")) < 0 ||
	    (err = get_str(&e->who, doc, "who")) < 0 || (err = get_str(&e->key, doc, "key")) < 0 || (err = get_str(&e->measure, doc, "measure")) < 0 ||
	    (err = get_str(&e->goal, doc, "goal")) < 0 || (err = get_str(&e->lead_unit, doc, "lead_unit")) < 0 ||
	    (err = get_str(&e->support_unit, doc, "support_unit")) < 0 ||
	    (err = get_str(&e->leader, doc, "leader")) < 0 ||
	    (err = get_str(&e->deadline_kind, doc, "deadline_kind")) < 0)
		goto fail;
	if ((ev = hk_json_get(doc, "evidence")) && (err = parse_evidence(e, ev)) < 0)
		goto fail;
	if (!e->office || !e->actor || !e->time) {
		err = hk_error_setc(HK_EINPUT, "lacks office, actor or time");
		goto fail;
	}
	if (e->lamport != name_lamport || strcmp(e->office, name_office) != 0) {
		err = hk_error_setc(HK_EINPUT, "lamport %llu / office '%s' do not match the file name", e->lamport,
				    e->office);
		goto fail;
	}
	err = 0;
	goto done;
fail:
	hk_error_prefix("%s", name);
done:
	free(name_office);
	hk_json_free(doc);
	return err;
}

void hk_event_clear(struct hk_event *e)
{
	if (!e)
		return;
	free(e->office);
	free(e->actor);
	free(e->time);
	free(e->finding);
	free(e->prev);
	free(e->run);
	free(e->unit);
	free(e->person);
	free(e->due);
	free(e->note);
	free(e->reason);
	free(e->role);
	free(e->who);
	free(e->key);
	free(e->measure);
	free(e->goal);
	free(e->lead_unit);
	free(e->support_unit);
	free(e->leader);
	free(e->deadline_kind);
	for (size_t i = 0; i < e->nevidence; i++) {
		free(e->evidence[i].name);
		free(e->evidence[i].sha256);
	}
	free(e->evidence);
	memset(e, 0, sizeof(*e));
}

void hk_event_now(char out[21])
{
	const char *env = getenv("HUIKAN_NOW");
	time_t t = time(NULL);
	struct tm tm;
	if (env && strlen(env) == 20) {
		memcpy(out, env, 21);
		return;
	}
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int hk_event_office_check(const char *office)
{
	size_t n = office ? strlen(office) : 0;
	if (n == 0 || n > 64)
		return hk_error_setc(HK_EINPUT, "office name '%s' must be 1 to 64 bytes", office ? office : "");
	if (office[0] == '-' || office[n - 1] == '-' || office[0] == '.')
		return hk_error_setc(HK_EINPUT, "office name '%s' must not start or end with '-' or start with '.'",
				     office);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)office[i];
		if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ' ' || c == ':')
			return hk_error_setc(HK_EINPUT, "office name '%s' has a forbidden character at byte %zu",
					     office, i + 1);
	}
	return 0;
}
