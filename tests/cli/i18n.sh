# The Chinese interface (docs/i18n.md): the language setting, and that the
# catalogue po/zh.po is complete (every text marked for translation in host/
# has a Chinese form) and safe (msgfmt's format check).
. "$(dirname "$0")/lib.bash"

# ---- the catalogue ----
if ! command -v xgettext >/dev/null || ! command -v msgcmp >/dev/null; then
	not_ok "i18n: xgettext and msgcmp (Debian package gettext, scripts/packages.txt) are needed"
else
	xgettext --from-code=UTF-8 --language=C -k_ -kN_ -khk_tr -khk_ntr:1,2 -khk_error_set:1 -khk_error_setc:2 -khk_error_prefix:1 -khk_cli_usage_error:2 -khk_ledger_git_error:2 -kreport:2 -kwarn:2 -kbad:2 -kskip:3 --no-location \
		-o "$T/huikan.pot" "$ROOT"/host/*/*.c "$ROOT"/host/*/*.h 2>"$T/err" || not_ok "i18n: xgettext: $(cat "$T/err")"
	n=$(grep -c '^msgid ' "$T/huikan.pot")
	[ "$n" -gt 20 ] && ok "i18n: $n texts marked for translation in host/" || not_ok "i18n: only $n texts extracted"
	if msgcmp "$ROOT/po/zh.po" "$T/huikan.pot" >"$T/cmp" 2>&1; then
		ok "i18n: every text marked for translation has its Chinese form in po/zh.po"
	else
		not_ok "i18n: texts without a Chinese form (run 'make po' and translate them in po/zh.po):"
		head -n 60 "$T/cmp" | sed 's/^/#   /'
	fi
	if msgfmt -c --check-format -o /dev/null "$ROOT/po/zh.po" 2>"$T/err"; then
		ok "i18n: po/zh.po is well formed and keeps every printf conversion"
	else
		not_ok "i18n: msgfmt -c po/zh.po: $(head -n 20 "$T/err")"
	fi
fi

# ---- the setting: --lang, else HUIKAN_LANG, else LC_ALL/LC_MESSAGES/LANG, else English ----
lang_of() { # lang_of ENV... -- ARGS...: "zh" or "en" by the first line of help
	local envs=()
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	env -u LC_ALL -u LC_MESSAGES -u LANG -u HUIKAN_LANG "${envs[@]}" "$HUIKAN" "$@" 2>&1 | head -n 1 |
		grep -q '^用法' && echo zh || echo en
}
expect_lang() { # expect_lang WANT NAME ENV... -- ARGS...
	local want=$1 name=$2; shift 2
	got=$(lang_of "$@")
	[ "$got" = "$want" ] && ok "i18n: $name" || not_ok "i18n: $name: got $got, want $want"
}
expect_lang en "English by default" -- help
expect_lang zh "LANG=zh_CN.UTF-8 (a locale not installed here) means Chinese" LANG=zh_CN.UTF-8 -- help
expect_lang en "LC_MESSAGES before LANG" LANG=zh_CN.UTF-8 LC_MESSAGES=en_US.UTF-8 -- help
expect_lang zh "LC_ALL before LC_MESSAGES" LC_ALL=zh_CN.GB18030 LC_MESSAGES=C -- help
expect_lang en "HUIKAN_LANG before the locale" LANG=zh_CN.UTF-8 HUIKAN_LANG=en -- help
expect_lang zh "--lang before HUIKAN_LANG" HUIKAN_LANG=en -- --lang zh help
expect_lang zh "--lang=zh after the command" -- help --lang=zh
expect_lang en "--lang en after a command's --help" LANG=zh_CN.UTF-8 -- help run --lang en
"$HUIKAN" --lang fr help >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && grep -q "'fr'" "$T/err" && ok "i18n: --lang fr is a usage error naming it" ||
	not_ok "i18n: --lang fr: $(cat "$T/err")"
HUIKAN_LANG=xx "$HUIKAN" help >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && grep -q "HUIKAN_LANG 'xx'" "$T/err" && ok "i18n: HUIKAN_LANG=xx is a usage error naming it" ||
	not_ok "i18n: HUIKAN_LANG=xx: $(cat "$T/err")"
