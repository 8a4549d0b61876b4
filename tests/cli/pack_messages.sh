#!/usr/bin/env bash
# Findings in the domain's language (issue 14): on a 3,000-household demo
# county every finding of the poverty pack has a Chinese message with codes
# shown as their Chinese terms and no English sentence or word in it (ids and
# codes of the data allowed), and an English rendering (message_en); the
# town of funds.benford is named "乌石镇 (450922108)". A finding's id is the
# fingerprint of (rule, entity) alone: recomputed here with sha256sum, it
# leaves no room for the message or the language.
. "$(dirname "$0")/lib.bash"

d=$T/county
"$HUIKAN" demo-data --out "$d/csv" --households 3000 --seed 7 --as-of 2020-06-30 >/dev/null 2>"$T/err" &&
	"$HUIKAN" import --quiet --db "$d/r.sqlite" "$d/csv" >/dev/null 2>>"$T/err" ||
	{ not_ok "demo county: $(head -c 300 "$T/err")"; exit 0; }
run_hk "$T/f.jsonl" "$T/err" run audits/poverty --db "$d/r.sqlite" --as-of 2020-06-30 --format jsonl -q
check "the pack runs with findings (exit 1)" test "$rc" -eq 1

# Per rule: findings, Chinese messages with an English word, an English
# sentence after " — ", a bare code of a vocabulary, and findings without
# message_en. A word is a run of 2+ Latin letters not inside a token with a
# digit (ids such as DK000037, TF00010) or glued to a Chinese character
# (plates such as 桂KLTPHM); MAD is the
# name of the statistic.
jq -r '[.rule, .message, (.message_en // "")] | @tsv' "$T/f.jsonl" >"$T/msgs"
lua5.4 - "$T/msgs" >"$T/per_rule" <<'LUA'
local codes = {}
for w in ("medical industry household person tekun dibao wubao poor exited removed chronic serious disabled "
	.. "healthy lost none primary senior vocational college car truck machinery commercial_housing shop "
	.. "head spouse county section staff"):gmatch("%S+") do codes[w] = true end
local stats, order = {}, {}
for line in io.lines(arg[1]) do
	local rule, zh, en = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
	local s = stats[rule]
	if not s then s = { n = 0, english = 0, dash = 0, code = 0, no_en = 0, ex = "" }; stats[rule] = s; order[#order + 1] = rule end
	s.n = s.n + 1
	local bad
	for at, tok in zh:gmatch("()([%w_]+)") do
		local glued = at > 1 and zh:byte(at - 1) >= 128 -- a plate: 桂KLTPHM
		if not tok:find("%d") and tok:find("%a%a") and tok ~= "MAD" and not glued then bad = tok end
		if codes[tok] then s.code = s.code + 1 end
	end
	if bad then s.english = s.english + 1; s.ex = bad .. " in: " .. zh end
	if zh:find(" — ", 1, true) then s.dash = s.dash + 1 end
	if en == "" or en == zh then s.no_en = s.no_en + 1 end
end
table.sort(order)
for _, r in ipairs(order) do
	local s = stats[r]
	print(r, s.n, s.english, s.dash, s.code, s.no_en, s.ex)
end
LUA
n=$(wc -l <"$T/per_rule")
[ "$n" -ge 45 ] && ok "findings of $n rules to read" || not_ok "only $n rules gave findings"
while IFS=$'\t' read -r rule found english dash code no_en ex; do
	[ "$english" -eq 0 ] && [ "$dash" -eq 0 ] && [ "$code" -eq 0 ] && [ "$no_en" -eq 0 ] &&
		ok "$rule: $found messages in Chinese with the terms of the domain, each with its English rendering" ||
		not_ok "$rule: of $found messages $english have English words, $dash an English sentence, $code a bare code, $no_en no English rendering ($ex)"
done <"$T/per_rule"

# the town of the Benford test by name and code
grep '"rule":"funds.benford"' "$T/f.jsonl" | jq -r .message >"$T/benford"
[ -s "$T/benford" ] && ! grep -qv '^乡镇 [^ ]*镇 ([0-9]\{9\}) 到户付款' "$T/benford" && grep -q '乡镇 乌石镇 (450922108) ' "$T/benford" &&
	ok "funds.benford names each town as 乌石镇 (450922108)" || not_ok "benford: $(head -c 300 "$T/benford")"
grep '"rule":"funds.idle"' "$T/f.jsonl" | jq -r '.message' | head -50 >"$T/idle"
grep '"rule":"funds.idle"' "$T/f.jsonl" | jq -r '.message_en' | head -50 >"$T/idle_en"
grep -qE '^资金 F[0-9-]+ \((产业扶持|危房改造|教育|医疗|基础设施|就业|贴息|其他)' "$T/idle" &&
	grep -qE '^fund F[0-9-]+ \((industry support|housing renovation|education|medical|infrastructure|employment|loan interest subsidy|other)' "$T/idle_en" &&
	ok "a fund's purpose is 医疗 in Chinese, medical in English" || not_ok "funds.idle: $(head -2 "$T/idle" "$T/idle_en")"

# ids: F- and the first 12 hex digits of SHA-256 over "rule\nentity", nothing else
jq -r '[.id, .rule, .entity] | @tsv' "$T/f.jsonl" >"$T/ids"
bad=0
while IFS=$'\t' read -r id rule entity; do
	want="F-$(printf '%s\n%s' "$rule" "$entity" | sha256sum | cut -c1-12)"
	[ "$id" = "$want" ] || { bad=$((bad + 1)); echo "# $id != $want ($rule $entity)"; }
done <"$T/ids"
[ "$bad" -eq 0 ] && [ -s "$T/ids" ] && ok "every finding id is the fingerprint of its rule and entity alone ($(wc -l <"$T/ids"))" ||
	not_ok "$bad finding ids are not the fingerprint of (rule, entity)"
