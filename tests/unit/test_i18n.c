/*
 * test_i18n.c - the language setting and the compiled-in catalogues
 * (base/i18n.h): how the language is chosen, lookup, plurals, and that every
 * translation keeps its English text's printf conversions.
 */
#include "base/i18n.h"
#include "base/error.h"
#include "test.h"

#include <stdlib.h>

static void clear_env(void)
{
	unsetenv("HUIKAN_LANG");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

static void test_choice(void)
{
	clear_env();
	CHECK_EQ_INT(hk_lang_init(NULL), 0);
	CHECK_EQ_STR(hk_lang(), "en");
	/* the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set; an
	 * uninstalled zh locale still means Chinese */
	setenv("LANG", "zh_CN.UTF-8", 1);
	CHECK_EQ_INT(hk_lang_init(NULL), 0);
	CHECK_EQ_STR(hk_lang(), "zh");
	CHECK(hk_lang_is_zh());
	setenv("LC_MESSAGES", "en_US.UTF-8", 1);
	CHECK_EQ_INT(hk_lang_init(NULL), 0);
	CHECK_EQ_STR(hk_lang(), "en");
	setenv("LC_ALL", "zh_TW", 1);
	CHECK_EQ_INT(hk_lang_init(NULL), 0);
	CHECK_EQ_STR(hk_lang(), "zh");
	setenv("LC_ALL", "fr_FR.UTF-8", 1); /* no catalogue: English */
	CHECK_EQ_INT(hk_lang_init(NULL), 0);
	CHECK_EQ_STR(hk_lang(), "en");
	/* HUIKAN_LANG before the locale, --lang before both */
	setenv("HUIKAN_LANG", "zh", 1);
	CHECK_EQ_INT(hk_lang_init(NULL), 0);
	CHECK_EQ_STR(hk_lang(), "zh");
	CHECK_EQ_INT(hk_lang_init("en"), 0);
	CHECK_EQ_STR(hk_lang(), "en");
	CHECK_EQ_INT(hk_lang_init("ZH"), 0);
	CHECK_EQ_STR(hk_lang(), "zh");
	setenv("HUIKAN_LANG", "C", 1);
	CHECK_EQ_INT(hk_lang_init(NULL), 0);
	CHECK_EQ_STR(hk_lang(), "en");
	/* a value that names no language is an error naming it */
	CHECK_EQ_INT(hk_lang_init("klingon"), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "'klingon'") != NULL);
	CHECK_EQ_STR(hk_lang(), "en");
	setenv("HUIKAN_LANG", "xx", 1);
	CHECK_EQ_INT(hk_lang_init(NULL), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "HUIKAN_LANG 'xx'") != NULL);
	clear_env();
	CHECK_EQ_INT(hk_lang_init(""), HK_EINPUT);
}

static void test_lookup(void)
{
	const char *id = "list findings of a ledger";
	clear_env();
	CHECK_EQ_INT(hk_lang_init("en"), 0);
	CHECK(_(id) == id);
	CHECK_EQ_STR(hk_ntr("%zu finding", "%zu findings", 1), "%zu finding");
	CHECK_EQ_STR(hk_ntr("%zu finding", "%zu findings", 2), "%zu findings");
	CHECK_EQ_INT(hk_lang_init("zh"), 0);
	CHECK_EQ_STR(_(id), "列出台账中的问题");
	/* a text without a translation is shown as it is */
	CHECK_EQ_STR(_("no such text in any catalogue"), "no such text in any catalogue");
	CHECK_EQ_STR(hk_ntr("no such %d", "no such %ds", 2), "no such %ds");
	CHECK_EQ_INT(hk_lang_init("en"), 0);
}

static void test_conversions(void)
{
	CHECK(hk_i18n_same_conversions("%-12s %s\n", "%s：%12s"));
	CHECK(hk_i18n_same_conversions("%zu of %d (100%%)", "%zu/%d（100%%）"));
	CHECK(!hk_i18n_same_conversions("%zu of %d", "%d of %zu"));
	CHECK(!hk_i18n_same_conversions("%s", "%s %s"));
	CHECK(!hk_i18n_same_conversions("%s", "%d"));
	CHECK(!hk_i18n_same_conversions("%.*s", "%s"));
	CHECK(!hk_i18n_same_conversions("%s", "%"));
	CHECK(hk_i18n_same_conversions("100%% done", "完成"));
}

/* Every entry of every catalogue keeps its English text's conversions (an
 * entry that does not would be refused at start, and show English). */
static void test_catalogue_formats(void)
{
	static const char *const langs[] = {"zh"};
	for (size_t l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		size_t n = hk_i18n_catalog_size(langs[l]);
		const char *id, *str;
		CHECK(n > 0);
		for (size_t i = 0; i < n; i++) {
			CHECK(hk_i18n_catalog_entry(langs[l], i, &id, &str));
			if (str && !hk_i18n_same_conversions(id, str)) {
				CHECK(!"a translation changes the printf conversions of its English text");
				test_say("\n#   %s: \"%s\" -> \"%s\"", langs[l], id, str);
				break;
			}
		}
	}
}

int main(void)
{
	RUN(test_choice);
	RUN(test_lookup);
	RUN(test_conversions);
	RUN(test_catalogue_formats);
	return TEST_DONE();
}
