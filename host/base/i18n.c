/*
 * i18n.c - the language setting and the lookup of translated texts
 * (i18n.h). The catalogues are compiled in from po/<lang>.po by
 * scripts/po2c.awk (build/gen/base/i18n_catalogs.inc); hk_lang_init sorts the
 * chosen one's usable entries once, and hk_tr finds a text by binary search.
 */
#include "base/i18n.h"
#include "base/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hk_i18n_msg {
	const char *msgid;
	const char *plural;  /* msgid_plural, or NULL */
	const char *str[2];  /* msgstr (or msgstr[0]) and msgstr[1]; NULL when absent */
};

struct hk_i18n_cat {
	const char *lang;
	int nplurals; /* 1, or 2 with plural = (n != 1) */
	const struct hk_i18n_msg *msgs;
	size_t n;
};

#include "base/i18n_catalogs.inc" /* build/gen/, from po/<lang>.po */

static const struct hk_i18n_cat *cur_cat;     /* NULL: English */
static const struct hk_i18n_msg **cur_sorted; /* cur_cat's usable entries, by msgid */
static size_t cur_n;

static const struct hk_i18n_cat *find_cat(const char *lang)
{
	for (const struct hk_i18n_cat *c = hk_i18n_cats; c->lang; c++)
		if (strcmp(c->lang, lang) == 0)
			return c;
	return NULL;
}

/* The language code a setting's value names: "zh_CN.UTF-8" -> "zh", "en",
 * "C" and "POSIX" -> "en". Writes at most 15 bytes. Returns 0 when the value
 * names a language huikan has, -1 otherwise. */
static int lang_code(char out[16], const char *v)
{
	size_t n = strcspn(v, "_.@-");
	if (strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0) {
		strcpy(out, "en");
		return 0;
	}
	if (n == 0 || n >= 16)
		return -1;
	memcpy(out, v, n);
	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
	return strcmp(out, "en") == 0 || find_cat(out) ? 0 : -1;
}

/* The conversions of a printf format, one per '%', as the length modifier
 * and conversion letter ("*" for a star width or precision): "%-8s %zu%%" ->
 * "s|zu|". Writes at most cap - 1 bytes; returns -1 when it does not fit or a
 * conversion is cut off. */
static int conversions(char *out, size_t cap, const char *f)
{
	size_t o = 0;
	for (; *f; f++) {
		if (*f != '%')
			continue;
		f++;
		if (*f == '%')
			continue;
		while (*f && strchr("0123456789-+ #'.$*", *f)) {
			if (*f == '$' || *f == '*') {
				if (o + 2 >= cap)
					return -1;
				out[o++] = *f;
				out[o++] = '|';
			}
			f++;
		}
		while (*f && strchr("hljztL", *f)) {
			if (o + 1 >= cap)
				return -1;
			out[o++] = *f++;
		}
		if (!*f || o + 2 >= cap)
			return -1;
		out[o++] = *f;
		out[o++] = '|';
	}
	out[o] = '\0';
	return 0;
}

int hk_i18n_same_conversions(const char *a, const char *b)
{
	char ca[512], cb[512];
	if (conversions(ca, sizeof ca, a) < 0 || conversions(cb, sizeof cb, b) < 0)
		return 0;
	return strcmp(ca, cb) == 0;
}

/* An entry is used when each form it has keeps the conversions of its
 * English text (of the plural text for forms past the first). */
static int usable(const struct hk_i18n_msg *m)
{
	if (!m->str[0])
		return 0;
	if (!hk_i18n_same_conversions(m->msgid, m->str[0]) &&
	    !(m->plural && hk_i18n_same_conversions(m->plural, m->str[0])))
		return 0;
	if (m->str[1] && !hk_i18n_same_conversions(m->plural ? m->plural : m->msgid, m->str[1]))
		return 0;
	return 1;
}

static int by_msgid(const void *a, const void *b)
{
	const struct hk_i18n_msg *const *x = a, *const *y = b;
	return strcmp((*x)->msgid, (*y)->msgid);
}

static int select_lang(const char *code)
{
	const struct hk_i18n_cat *c = find_cat(code);
	free(cur_sorted);
	cur_sorted = NULL;
	cur_n = 0;
	cur_cat = NULL;
	hk_error_translate_with(NULL);
	if (!c)
		return 0; /* English */
	cur_sorted = malloc((c->n ? c->n : 1) * sizeof(*cur_sorted));
	if (!cur_sorted)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	for (size_t i = 0; i < c->n; i++)
		if (usable(&c->msgs[i]))
			cur_sorted[cur_n++] = &c->msgs[i];
	qsort(cur_sorted, cur_n, sizeof(*cur_sorted), by_msgid);
	cur_cat = c;
	hk_error_translate_with(hk_tr); /* errors are kept in this language */
	return 0;
}

int hk_lang_init(const char *lang)
{
	static const char *const locale_vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	char code[16];
	const char *v;

	if (lang) {
		if (lang_code(code, lang) < 0) {
			select_lang("en");
			return hk_error_setc(HK_EINPUT, "--lang '%s': not a language of huikan; write --lang zh or --lang en",
					     lang);
		}
		return select_lang(code);
	}
	v = getenv("HUIKAN_LANG");
	if (v && *v) {
		if (lang_code(code, v) < 0) {
			select_lang("en");
			return hk_error_setc(HK_EINPUT, "HUIKAN_LANG '%s': not a language of huikan; set zh or en", v);
		}
		return select_lang(code);
	}
	/* POSIX precedence: the first of these that is set and not empty. A
	 * locale that names a language without a catalogue means English. */
	for (size_t i = 0; i < sizeof(locale_vars) / sizeof(locale_vars[0]); i++) {
		v = getenv(locale_vars[i]);
		if (v && *v)
			return select_lang(lang_code(code, v) == 0 ? code : "en");
	}
	return select_lang("en");
}

const char *hk_lang(void)
{
	return cur_cat ? cur_cat->lang : "en";
}

int hk_lang_is_zh(void)
{
	return cur_cat && strcmp(cur_cat->lang, "zh") == 0;
}

static const struct hk_i18n_msg *lookup(const char *msgid)
{
	size_t lo = 0, hi = cur_n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(msgid, cur_sorted[mid]->msgid);
		if (c == 0)
			return cur_sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *hk_tr(const char *msgid)
{
	const struct hk_i18n_msg *m;
	if (!cur_cat || !msgid)
		return msgid;
	m = lookup(msgid);
	return m ? m->str[0] : msgid;
}

const char *hk_tr_key(const char *key)
{
	const char *t = hk_tr(key), *colon;
	if (t != key || !key)
		return t;
	colon = strchr(key, ':');
	return colon ? colon + 1 : key;
}

const char *hk_tr_word(char *buf, size_t bufsz, const char *kind, const char *word)
{
	int n = snprintf(buf, bufsz, "%s:%s", kind, word);
	if (n < 0 || (size_t)n >= bufsz)
		return word;
	return hk_tr_key(buf);
}

const char *hk_ntr(const char *singular, const char *plural, unsigned long n)
{
	const struct hk_i18n_msg *m;
	if (!cur_cat || !(m = lookup(singular)))
		return n == 1 ? singular : plural;
	if (cur_cat->nplurals == 1 || n == 1 || !m->str[1])
		return m->str[0];
	return m->str[1];
}

size_t hk_i18n_catalog_size(const char *lang)
{
	const struct hk_i18n_cat *c = find_cat(lang);
	return c ? c->n : 0;
}

int hk_i18n_catalog_entry(const char *lang, size_t i, const char **msgid, const char **msgstr)
{
	const struct hk_i18n_cat *c = find_cat(lang);
	if (!c || i >= c->n)
		return 0;
	*msgid = c->msgs[i].msgid;
	*msgstr = c->msgs[i].str[0];
	return 1;
}
