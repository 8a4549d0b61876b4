#!/usr/bin/env bash
# `make demo` speaks the language of the setting (issue 14): scripts/demo.sh,
# run with the binary under test on a small county, under HUIKAN_LANG=zh, a
# Chinese locale (LANG=zh_CN.UTF-8) and HUIKAN_LANG=en. Under zh its own lines
# and the output of the huikan it runs have no English word (the check of
# tests/cli/i18n_lib.bash); under en none of the Chinese labels the zh run
# shows; the findings, their ids and the ledger states are the same in all.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/i18n_lib.bash"
I18N_TAG=demo_lang

demo() { # demo NAME ENV...: runs the demo into $T/NAME; its output in $T/NAME.log
	local name=$1; shift
	env -u LC_ALL -u LC_MESSAGES -u LANG -u HUIKAN_LANG "$@" \
		bash "$ROOT/scripts/demo.sh" --out "$T/$name" --households 300 "$HUIKAN" >"$T/$name.log" 2>&1
	rc=$?
	[ "$rc" -eq 0 ] && ok "demo_lang: scripts/demo.sh under $* (exit 0)" ||
		not_ok "demo_lang: scripts/demo.sh under $*: exit $rc: $(tail -n 5 "$T/$name.log" | tr '\n' '|')"
}
demo zh HUIKAN_LANG=zh
demo locale LANG=zh_CN.UTF-8
demo en HUIKAN_LANG=en

# ---- the language of what it shows ----
i18n_words "$T/allow" Demo Inspector luchuan inspector key
expect_english_checker
expect_chinese "the demo under HUIKAN_LANG=zh" "$T/zh.log"
expect_chinese "the demo under LANG=zh_CN.UTF-8" "$T/locale.log"
grep -q '^== 生成演示县' "$T/locale.log" && grep -q '^huikan import：' "$T/locale.log" &&
	ok "demo_lang: a Chinese locale means Chinese lines and Chinese huikan output" || not_ok "demo_lang: locale: $(head -3 "$T/locale.log")"
n=$(grep -c '^== ' "$T/zh.log")
[ "$n" -ge 5 ] && [ "$n" -eq "$(grep -c '^== ' "$T/en.log")" ] && ok "demo_lang: $n steps announced in both languages" ||
	not_ok "demo_lang: steps: zh $n, en $(grep -c '^== ' "$T/en.log")"
grep -q "^报告：$T/zh/report.html$" "$T/zh.log" && grep -q "^report: $T/en/report.html$" "$T/en.log" &&
	ok "demo_lang: the report's path is the last line, in the language of each" || not_ok "demo_lang: last lines: $(tail -n 1 "$T/zh.log" "$T/en.log")"
# The Chinese labels of the zh run (its Chinese words that are not data: the
# county's files, the Chinese names of tables and columns `schema` lists, the
# names of the four lists as offices call them) must not show under en.
{
	cat "$T/zh/csv/"*.csv
	"$HUIKAN" --lang en schema
	while read -r t; do "$HUIKAN" --lang en schema "$t"; done <"$T/.i18n_tables"
	echo 问题清单 任务清单 责任清单 时限清单
} | grep -oP '\p{Han}+' | sort -u >"$T/han.data"
grep -oP '\p{Han}+' "$T/zh.log" | sort -u | grep -vxFf "$T/han.data" >"$T/han.labels"
bad=$(grep -oP '\p{Han}+' "$T/en.log" | sort -u | grep -xFf "$T/han.labels" | tr '\n' ' ')
if [ "$(wc -l <"$T/han.labels")" -ge 20 ] && [ -z "$bad" ] && grep -q '^huikan import: ' "$T/en.log"; then
	ok "demo_lang: under en none of the $(wc -l <"$T/han.labels") Chinese labels of the zh run"
else
	not_ok "demo_lang: en shows Chinese labels: $bad ($(wc -l <"$T/han.labels") labels)"
fi

# ---- the same findings, ids and states ----
for l in zh locale en; do
	"$HUIKAN" --lang en findings --ledger "$T/$l/ledger.git" --format jsonl | jq -r '[.id, .rule, .entity, .status] | @tsv' >"$T/state.$l"
	git -C "$T/$l/ledger.git" ls-tree -r HEAD findings | grep '/finding.json$' >"$T/tree.$l"
	"$HUIKAN" --lang en stats --ledger "$T/$l/ledger.git" --format jsonl >"$T/stats.$l"
done
if [ "$(wc -l <"$T/state.zh")" -ge 20 ] && cmp -s "$T/state.zh" "$T/state.en" && cmp -s "$T/state.zh" "$T/state.locale"; then
	ok "demo_lang: the same $(wc -l <"$T/state.zh") finding ids, rules, entities and states in every language"
else
	not_ok "demo_lang: ledger states differ: $(diff "$T/state.zh" "$T/state.en" | head -3 | tr '\n' '|')"
fi
cmp -s "$T/zh/findings.jsonl" "$T/en/findings.jsonl" && cmp -s "$T/zh/findings.jsonl" "$T/locale/findings.jsonl" &&
	cmp -s "$T/tree.zh" "$T/tree.en" && [ -s "$T/tree.zh" ] &&
	ok "demo_lang: the same findings.jsonl and finding.json files in every language" || not_ok "demo_lang: findings.jsonl or finding.json differ"
cmp -s "$T/stats.zh" "$T/stats.en" && [ -s "$T/stats.zh" ] && head -1 "$T/zh/stats.tsv" | grep -q '问题数' &&
	! head -1 "$T/en/stats.tsv" | grep -qP '[^\x00-\x7f]' && ok "demo_lang: the same figures (stats), stats.tsv with headers in the language of each" ||
	not_ok "demo_lang: stats.tsv: $(head -2 "$T/zh/stats.tsv" "$T/en/stats.tsv" | tr '\n' '|')"

# an unknown language is the binary's usage error, before anything is made
bash "$ROOT/scripts/demo.sh" --lang fr --out "$T/fr" "$HUIKAN" >"$T/fr.log" 2>&1
rc=$?
[ "$rc" -eq 2 ] && grep -q "'fr'" "$T/fr.log" && [ ! -e "$T/fr" ] && ok "demo_lang: --lang fr: exit 2, naming it, nothing made" ||
	not_ok "demo_lang: --lang fr: exit $rc, $(cat "$T/fr.log")"
