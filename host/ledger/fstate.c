/*
 * fstate.c - the transition table of a finding and its replay.
 */
#include "ledger/fstate.h"
#include "base/i18n.h"

#include <stdio.h>
#include <string.h>

static const char *const status_names[HK_FS_NSTATUS] = {
	"none", "open", "assigned", "submitted", "absent", "closed", "waived", "reappeared",
};

#define BIT(s) (1u << (s))

/* Statuses each workflow event may follow (run events are handled apart). */
static const unsigned legal_from[HK_EV_NTYPES] = {
	[HK_EV_ASSIGNED] = BIT(HK_FS_OPEN) | BIT(HK_FS_REAPPEARED) | BIT(HK_FS_ASSIGNED) | BIT(HK_FS_ABSENT),
	[HK_EV_SUBMITTED] = BIT(HK_FS_ASSIGNED) | BIT(HK_FS_ABSENT),
	[HK_EV_CLOSED] = BIT(HK_FS_SUBMITTED) | BIT(HK_FS_ABSENT),
	[HK_EV_REJECTED] = BIT(HK_FS_SUBMITTED),
	[HK_EV_WAIVED] = BIT(HK_FS_OPEN) | BIT(HK_FS_ASSIGNED) | BIT(HK_FS_SUBMITTED) | BIT(HK_FS_ABSENT) |
			 BIT(HK_FS_REAPPEARED),
	[HK_EV_REOPENED] = BIT(HK_FS_CLOSED) | BIT(HK_FS_WAIVED),
};

/* Roles allowed to perform each workflow event; NULL entries end the list. */
static const char *const needed_roles[HK_EV_NTYPES][3] = {
	[HK_EV_ASSIGNED] = {"officer", NULL, NULL},
	[HK_EV_CLOSED] = {"officer", NULL, NULL},
	[HK_EV_WAIVED] = {"officer", NULL, NULL},
	[HK_EV_REJECTED] = {"officer", "inspector", NULL},
	[HK_EV_REOPENED] = {"officer", "inspector", NULL},
};

static const char *const verbs[HK_EV_NTYPES] = {
	[HK_EV_ASSIGNED] = "assign", [HK_EV_SUBMITTED] = "submit", [HK_EV_CLOSED] = "close",
	[HK_EV_REJECTED] = "reject", [HK_EV_WAIVED] = "waive",      [HK_EV_REOPENED] = "reopen",
};

/* The words shown for statuses and steps: looked up as "status:<code>" and
 * "verb:<code>" (distinct texts for the translator: "submitted" is a status
 * and a step); a language without a form for one shows the code. */
static const char *const status_keys[HK_FS_NSTATUS] = {
	N_("status:none"),   N_("status:open"),   N_("status:assigned"), N_("status:submitted"),
	N_("status:absent"), N_("status:closed"), N_("status:waived"),   N_("status:reappeared"),
};
static const char *const verb_keys[HK_EV_NTYPES] = {
	[HK_EV_ASSIGNED] = N_("verb:assign"), [HK_EV_SUBMITTED] = N_("verb:submit"), [HK_EV_CLOSED] = N_("verb:close"),
	[HK_EV_REJECTED] = N_("verb:reject"), [HK_EV_WAIVED] = N_("verb:waive"),      [HK_EV_REOPENED] = N_("verb:reopen"),
};

const char *hk_fstate_status_label(enum hk_fstatus s)
{
	const char *k, *t;
	if (s < 0 || s >= HK_FS_NSTATUS)
		s = HK_FS_NONE;
	k = status_keys[s];
	t = hk_tr(k);
	return t == k ? status_names[s] : t;
}

const char *hk_fstate_verb_label(enum hk_event_type t)
{
	const char *k = verb_keys[t], *tr;
	if (!k)
		return hk_event_type_name(t);
	tr = hk_tr(k);
	return tr == k ? verbs[t] : tr;
}

const char *hk_fstate_status_name(enum hk_fstatus s)
{
	return (s >= 0 && s < HK_FS_NSTATUS) ? status_names[s] : "none";
}

enum hk_fstatus hk_fstate_status_parse(const char *name)
{
	for (int s = 1; s < HK_FS_NSTATUS; s++)
		if (name && strcmp(name, status_names[s]) == 0)
			return (enum hk_fstatus)s;
	return HK_FS_NONE;
}

int hk_fstate_status_is_open(enum hk_fstatus s)
{
	return s != HK_FS_NONE && s != HK_FS_CLOSED && s != HK_FS_WAIVED;
}

void hk_fstate_init(struct hk_fstate *s)
{
	memset(s, 0, sizeof(*s));
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static int same_person(const char *a, const char *b)
{
	char ka[HK_FSTATE_TEXT], kb[HK_FSTATE_TEXT];
	hk_roles_person_key(ka, sizeof(ka), a);
	hk_roles_person_key(kb, sizeof(kb), b);
	return ka[0] && strcmp(ka, kb) == 0;
}

int hk_fstate_check(const struct hk_fstate *s, const struct hk_event *e, const hk_roles *roles, char *why,
		    size_t whysz)
{
	const char *const *need = needed_roles[e->type];
	const char *st = hk_fstate_status_label(s->status), *ev = hk_event_type_label(e->type);

	switch (e->type) {
	case HK_EV_FOUND:
		return 0;
	case HK_EV_ABSENT:
	case HK_EV_REAPPEARED:
		if (s->status == HK_FS_NONE) {
			snprintf(why, whysz, _("%s event for a finding that was never found"), ev);
			return 1;
		}
		return 0;
	case HK_EV_ASSIGNED:
	case HK_EV_SUBMITTED:
	case HK_EV_CLOSED:
	case HK_EV_REJECTED:
	case HK_EV_WAIVED:
	case HK_EV_REOPENED:
		break;
	default:
		snprintf(why, whysz, _("%s is not an event of a finding"), ev);
		return 1;
	}
	if (!(legal_from[e->type] & BIT(s->status))) {
		/* English names the step by its event ("cannot be submitted"),
		 * other languages by its verb */
		snprintf(why, whysz, _("a finding that is %s cannot be %s"), st,
			 hk_lang_is_zh() ? hk_fstate_verb_label(e->type) : ev);
		return 1;
	}
	if (need[0]) {
		int ok = 0;
		for (int i = 0; i < 3 && need[i]; i++)
			ok |= hk_roles_has(roles, e->actor, need[i], e->lamport);
		if (!ok) {
			snprintf(why, whysz, _("%s is not %s of this ledger, so may not %s it"), e->actor,
				 need[1] ? _("an officer or inspector") : _("an officer"), hk_fstate_verb_label(e->type));
			return 1;
		}
	}
	switch (e->type) {
	case HK_EV_ASSIGNED:
		if (!e->unit || !e->due || !hk_roles_has(roles, e->unit, "unit", e->lamport)) {
			snprintf(why, whysz, _("unit '%s' is not a unit of this ledger (see 'huikan ledger role add unit')"),
				 e->unit ? e->unit : "");
			return 1;
		}
		break;
	case HK_EV_CLOSED:
		if (s->submitter[0] && same_person(s->submitter, e->actor)) {
			snprintf(why, whysz, _("%s submitted the rectification and may not verify it"), e->actor);
			return 1;
		}
		if (s->present) {
			snprintf(why, whysz, "%s", _("the last run still reproduces it: fix the data and run again, or waive it"));
			return 1;
		}
		break;
	case HK_EV_WAIVED:
	case HK_EV_REJECTED:
	case HK_EV_REOPENED:
		if (!e->reason || !e->reason[0]) {
			snprintf(why, whysz, _("%s needs a reason"), hk_fstate_verb_label(e->type));
			return 1;
		}
		break;
	default:
		break;
	}
	return 0;
}

static void apply(struct hk_fstate *s, const struct hk_event *e)
{
	switch (e->type) {
	case HK_EV_FOUND:
		if (s->status == HK_FS_NONE) {
			s->status = HK_FS_OPEN;
			s->present = 1;
			copy(s->first_seen, sizeof(s->first_seen), e->time);
		}
		break;
	case HK_EV_ABSENT:
		if (s->present && (s->status == HK_FS_OPEN || s->status == HK_FS_ASSIGNED || s->status == HK_FS_REAPPEARED))
			s->status = HK_FS_ABSENT;
		s->present = 0;
		break;
	case HK_EV_REAPPEARED:
		if (!s->present && (s->status == HK_FS_ABSENT || s->status == HK_FS_CLOSED)) {
			s->status = HK_FS_REAPPEARED;
			s->relapses++;
		}
		s->present = 1;
		break;
	case HK_EV_ASSIGNED:
		s->status = HK_FS_ASSIGNED;
		copy(s->unit, sizeof(s->unit), e->unit);
		copy(s->person, sizeof(s->person), e->person);
		copy(s->due, sizeof(s->due), e->due);
		break;
	case HK_EV_SUBMITTED:
		s->status = HK_FS_SUBMITTED;
		copy(s->submitter, sizeof(s->submitter), e->actor);
		break;
	case HK_EV_CLOSED:
		s->status = HK_FS_CLOSED;
		copy(s->closed_at, sizeof(s->closed_at), e->time);
		break;
	case HK_EV_REJECTED:
		s->status = s->unit[0] ? HK_FS_ASSIGNED : HK_FS_OPEN;
		break;
	case HK_EV_WAIVED:
		s->status = HK_FS_WAIVED;
		copy(s->closed_at, sizeof(s->closed_at), e->time);
		break;
	case HK_EV_REOPENED:
		s->status = !s->present ? HK_FS_ABSENT : s->unit[0] ? HK_FS_ASSIGNED : HK_FS_OPEN;
		s->closed_at[0] = '\0';
		s->submitter[0] = '\0';
		break;
	default:
		break;
	}
}

int hk_fstate_step(struct hk_fstate *s, const struct hk_event *e, const hk_roles *roles, char *why,
		   size_t whysz)
{
	if (hk_fstate_check(s, e, roles, why, whysz)) {
		s->flagged++;
		return 1;
	}
	apply(s, e);
	if (needed_roles[e->type][0] || e->type == HK_EV_SUBMITTED)
		s->steps++;
	copy(s->last_time, sizeof(s->last_time), e->time);
	memcpy(s->last_hash, e->hash, sizeof(s->last_hash));
	s->last_lamport = e->lamport;
	return 0;
}
