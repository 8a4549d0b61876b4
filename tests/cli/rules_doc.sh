#!/usr/bin/env bash
# huikan rules PACK --doc: the Markdown catalogue from the rules' metadata;
# docs/rules.md is that catalogue of audits/poverty and must stay so.
. "$(dirname "$0")/lib.bash"

run_hk "$T/rules.md" "$T/err" rules poverty --doc -
if [ "$rc" -eq 0 ] && cmp -s "$T/rules.md" "$ROOT/docs/rules.md"; then
	ok "docs/rules.md is the generated catalogue of audits/poverty"
else
	not_ok "docs/rules.md is stale: run 'huikan rules poverty --doc docs' ($(diff "$ROOT/docs/rules.md" "$T/rules.md" | head -5 | tr '\n' ' '))"
fi
# every rule: a contract row, a section with both titles, its parameters with units, an example
n=$(ls "$ROOT"/audits/poverty/rules/*.lua | grep -vc '\.test\.lua$')
[ "$(grep -cE '^\| (precision|assignment|funds|data)\.[a-z-]+ \| [^|a-zA-Z]+ \| ([a-z]+|\*) \| .+ \|$' "$T/rules.md")" -eq "$n" ] &&
	[ "$(grep -c '^### ' "$T/rules.md")" -eq "$n" ] && [ "$(grep -c '^- example (test ' "$T/rules.md")" -eq "$n" ] &&
	ok "each of the $n rules has its row, its section and an example from its tests" || not_ok "rows/sections/examples"
grep -q '^家庭成员名下有车辆 — household member owns a vehicle$' "$T/rules.md" &&
	grep -q '^  - `vehicle_min_price` (money): `30000` yuan — ' "$T/rules.md" &&
	grep -q '^| precision.vehicle | 家庭成员名下有车辆 | household | a member of a registered household owns a vehicle' "$T/rules.md" &&
	grep -q '^## Sources of the rules$' "$T/rules.md" && ok "titles, units, the contract text and the sources" ||
	not_ok "catalogue content"

# a pack without a template gets the default layout; --doc DIR writes DIR/rules.md
"$HUIKAN" new pack "$T/pk" >/dev/null && "$HUIKAN" new rule "$T/pk" local.one >/dev/null
mkdir "$T/out"
run_hk "$T/o" "$T/err" rules "$T/pk" --doc "$T/out"
[ "$rc" -eq 0 ] && grep -q "^# pk 0.1.0: rule catalogue" "$T/out/rules.md" && grep -q "^| local.one | TODO 中文标题 | household | TODO: a finding when ... |" "$T/out/rules.md" &&
	grep -q "^TODO 中文标题 — TODO English title$" "$T/out/rules.md" && ok "default layout, DIR/rules.md" ||
	not_ok "default layout: rc=$rc $(cat "$T/err" "$T/out/rules.md")"
# a template that forgets a rule is an error naming it
printf '# x\n@rule local.one\n@details\n' >"$T/pk/catalogue.md"
"$HUIKAN" new rule "$T/pk" local.two >/dev/null
run_hk "$T/o" "$T/err" rules "$T/pk" --doc -
[ "$rc" -eq 2 ] && grep -q "rule local.two is placed nowhere" "$T/err" && ok "a rule missing from catalogue.md is an error" ||
	not_ok "missing rule: rc=$rc $(cat "$T/err")"
printf '# x\n@rule local.nine\n' >"$T/pk/catalogue.md"
run_hk "$T/o" "$T/err" rules "$T/pk" --doc -
[ "$rc" -eq 2 ] && grep -q "catalogue.md:2: @rule local.nine: no such rule" "$T/err" && ok "@rule of an unknown id" ||
	not_ok "unknown @rule: $(cat "$T/err")"
