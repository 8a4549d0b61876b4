#!/usr/bin/env bash
# ctx:report's message in two languages: a string, or {zh = ..., en = ...};
# the finding keeps both (jsonl message and message_en), a bad form stops
# the rule with a message naming the field.
. "$(dirname "$0")/lib.bash"

"$HUIKAN" new pack "$T/pk" >/dev/null
rule() {
	cat >"$T/pk/rules/$1.lua" <<LUA
return {
	id = "$1", title = "测试", title_en = "test", category = "t", severity = "info", entity = "household",
	check = function(ctx, params) ctx:report{ entity = "household:H1", message = $2 } end,
}
LUA
}
rule t.both '{ zh = "户 H1 用途 医疗", en = "household H1 for medical" }'
rule t.plain '"只有中文"'
rule t.nozh '{ en = "only English" }'
rule t.emptyen '{ zh = "中文", en = "" }'
rm -f "$T"/pk/rules/local.*.lua
"$HUIKAN" import "$ROOT/tests/fixtures/small" --db "$T/r.db" >/dev/null 2>&1
run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" --format jsonl --as-of 2020-06-30
check "two rules fail, the others report (exit 3)" test "$rc" -eq 3
[ "$(jq -r 'select(.rule == "t.both") | .message + "|" + .message_en' "$T/out")" = "户 H1 用途 医疗|household H1 for medical" ] &&
	ok "message {zh=, en=}: both renderings kept" || not_ok "both: $(cat "$T/out")"
[ "$(jq -r 'select(.rule == "t.plain") | .message + "|" + (.message_en // "none")' "$T/out")" = "只有中文|none" ] &&
	ok "a plain message: one text, no message_en" || not_ok "plain: $(cat "$T/out")"
grep -q "message.zh must be a non-empty string (got nil)" "$T/err" && grep -q 'message.en must be a non-empty string (got "")' "$T/err" &&
	ok "a message without zh, or with an empty en, is the rule's error" || not_ok "errors: $(cat "$T/err")"
run_hk "$T/t.en" "$T/err" run "$T/pk" --db "$T/r.db" --rules t.both --as-of 2020-06-30 --lang en
run_hk "$T/t.zh" "$T/err" run "$T/pk" --db "$T/r.db" --rules t.both --as-of 2020-06-30 --lang zh
grep -q "household H1 for medical" "$T/t.en" && grep -q "户 H1 用途 医疗" "$T/t.zh" &&
	ok "run's table shows the message of the chosen language" || not_ok "table: $(cat "$T/t.en" "$T/t.zh")"
