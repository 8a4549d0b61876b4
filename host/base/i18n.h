/*
 * i18n.h - the language of every text a person reads (docs/i18n.md).
 *
 * One setting, chosen once at start (hk_lang_init, called by main before any
 * command runs): `--lang zh|en` on any command, else $HUIKAN_LANG, else the
 * locale ($LC_ALL, $LC_MESSAGES, $LANG, the first one set; a value beginning
 * with "zh" means Chinese, whether or not that locale is installed), else
 * English.
 *
 * Texts are looked up by their English text, gettext style:
 *
 *     printf(_("%zu findings\n"), n);                 // hk_tr
 *     printf(hk_ntr("%zu finding\n", "%zu findings\n", n), n);
 *     static const char *const labels[] = {N_("open"), ...};  // marked, looked up later with _()
 *
 * The catalogues are po/<lang>.po (GNU gettext PO files, one per language,
 * the one file a translator edits), compiled into the binary at build time
 * (scripts/po2c.awk). An English text without a translation is shown as is.
 * hk_tr and hk_ntr carry gcc's format_arg attribute, so `printf(_("%d"), x)`
 * is format-checked against the English text; a translation whose printf
 * conversions differ from its English text's is never used (it is refused
 * at start and by `make check`), so a translated format is always safe.
 *
 * hk_error_set, hk_error_setc and hk_error_prefix (base/error.h) and
 * hk_cli_usage_error look their format up themselves: their literal formats
 * are extracted as marked texts (the xgettext keywords of `make po`).
 *
 * Machine-readable output (JSON, JSONL, CSV keys), finding ids, codes and
 * ledger states never go through this: they do not depend on the language.
 */
#ifndef HK_I18N_H
#define HK_I18N_H

#include <stddef.h>

/* Marks a text for translation where it is looked up; N_ marks one that is
 * looked up later (a static table's entries), so the extraction finds it. */
#define _(s) hk_tr(s)
#define N_(s) s

/* Chooses the language of the process. `lang` is the --lang value or NULL
 * when none was given; the environment decides then (see above). Returns 0,
 * or HK_EINPUT with hk_error_last() naming the value when `lang` or
 * $HUIKAN_LANG is neither a language huikan has (zh, en; also zh_CN.UTF-8
 * and the like) nor empty; the language stays English then. Call once,
 * before threads start. */
int hk_lang_init(const char *lang);

/* The chosen language's code: "en" or "zh" (another po/<code>.po adds one). */
const char *hk_lang(void);

/* 1 when the chosen language is Chinese. */
int hk_lang_is_zh(void);

/* The translation of `msgid` (an English text, often a printf format) in the
 * chosen language, or msgid itself. Static storage; never NULL; cannot fail;
 * safe from any thread after hk_lang_init. */
const char *hk_tr(const char *msgid) __attribute__((format_arg(1)));

/* A word looked up by a key "<kind>:<word>" ("col:status", "by:town"), so
 * that one English word can have two translations: the key's translation in
 * the chosen language, else the word after the first ':' (English needs no
 * catalogue; then a pointer into key). Mark the keys with N_() where they
 * are listed. Otherwise the same guarantees as hk_tr. */
const char *hk_tr_key(const char *key);

/* hk_tr_key of the key "<kind>:<word>" built in buf ("severity", "high" ->
 * 严重 under zh, "high" under en): the word in the chosen language, else the
 * word itself. The result may point into buf (valid while buf is) or into
 * the catalogue; `word` itself when the key does not fit in bufsz. */
const char *hk_tr_word(char *buf, size_t bufsz, const char *kind, const char *word);

/* Plural form: the translation of `singular` (n == 1) or `plural` (another
 * n) in the chosen language, by the catalogue's Plural-Forms (Chinese has one
 * form). Same storage and guarantees as hk_tr. */
const char *hk_ntr(const char *singular, const char *plural, unsigned long n) __attribute__((format_arg(1)))
__attribute__((format_arg(2)));

/* 1 when the printf conversions of `a` and `b` are the same, in the same order
 * (flags, width and precision may differ; "%%" is not a conversion). */
int hk_i18n_same_conversions(const char *a, const char *b);

/* For tests and `make check`: the number of entries of the catalogue of
 * `lang` and the i-th English text and its (first) translation. Returns 0
 * when there is no such catalogue. */
size_t hk_i18n_catalog_size(const char *lang);
int hk_i18n_catalog_entry(const char *lang, size_t i, const char **msgid, const char **msgstr);

#endif
