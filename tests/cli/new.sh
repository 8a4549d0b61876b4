#!/usr/bin/env bash
# huikan new pack DIR / new rule PACK ID: templates that load and run; the
# new rule's test fails until the rule is written; no file is ever replaced.
. "$(dirname "$0")/lib.bash"

run_hk "$T/out" "$T/err" new pack "$T/mine"
[ "$rc" -eq 0 ] && [ -f "$T/mine/pack.lua" ] && [ -d "$T/mine/rules" ] && [ -d "$T/mine/lib" ] &&
	grep -q 'name = "mine"' "$T/mine/pack.lua" && ok "new pack" || not_ok "new pack: rc=$rc $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" new rule "$T/mine" local.housing-twice
[ "$rc" -eq 0 ] && [ -f "$T/mine/rules/local.housing-twice.lua" ] && [ -f "$T/mine/rules/local.housing-twice.test.lua" ] &&
	ok "new rule writes a rule and its test" || not_ok "new rule: rc=$rc $(cat "$T/out" "$T/err")"
for kind in person cadre village fund; do
	"$HUIKAN" new rule "$T/mine" "local.t-$kind" --entity "$kind" >/dev/null 2>"$T/err" || not_ok "new rule --entity $kind: $(cat "$T/err")"
done
run_hk "$T/out" "$T/err" rules "$T/mine"
[ "$rc" -eq 0 ] && grep -q "^5 rules in pack mine" "$T/out" && ok "the new rules load" || not_ok "rules: $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" test "$T/mine"
[ "$rc" -eq 1 ] && [ "$(tail -n 1 "$T/out")" = "5 passed, 5 failed" ] &&
	grep -q "^not ok - local.housing-twice: TODO: what the rule must find" "$T/out" &&
	grep -q "^    - household:H1   (expected, not found)" "$T/out" && ! grep -q "the rule failed" "$T/out" &&
	ok "the templates run; each first case fails until the rule is written" || not_ok "test new: rc=$rc $(cat "$T/out" "$T/err")"
"$HUIKAN" import "$ROOT/tests/fixtures/small" --db "$T/r.db" >/dev/null 2>&1
run_hk "$T/out" "$T/err" run "$T/mine" --db "$T/r.db"
[ "$rc" -eq 0 ] && ok "the new pack runs clean" || not_ok "run new pack: rc=$rc $(cat "$T/err")"
# writing the condition makes the test pass
sed -i 's/WHERE 0 -- TODO.*/WHERE h.id = '"'H1'"'/; s/FROM households/FROM households h/; s/SELECT id AS key/SELECT h.id AS key/' \
	"$T/mine/rules/local.housing-twice.lua"
run_hk "$T/out" "$T/err" test "$T/mine/rules/local.housing-twice.lua"
[ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "2 passed, 0 failed" ] && ok "written rule passes its test" ||
	not_ok "written rule: $(cat "$T/out" "$T/err")"

cp "$T/mine/rules/local.housing-twice.lua" "$T/before"
run_hk "$T/out" "$T/err" new rule "$T/mine" local.housing-twice
[ "$rc" -eq 2 ] && grep -q "already exists (huikan new never replaces a file)" "$T/err" &&
	cmp -s "$T/before" "$T/mine/rules/local.housing-twice.lua" && ok "new rule never replaces a file" || not_ok "replace: $(cat "$T/err")"
run_hk "$T/out" "$T/err" new pack "$T/mine"
[ "$rc" -eq 2 ] && grep -q "pack.lua: File exists" "$T/err" && ok "new pack never replaces pack.lua" || not_ok "new pack again: $(cat "$T/err")"
for bad in "nodot" "bad id.x" ".x" "a b.c"; do
	run_hk "$T/out" "$T/err" new rule "$T/mine" "$bad"
	[ "$rc" -eq 2 ] && grep -q "rule id" "$T/err" && ok "new rule refuses id '$bad'" || not_ok "id $bad: rc=$rc $(cat "$T/err")"
done
run_hk "$T/out" "$T/err" new rule "$T/nopack" local.x
[ "$rc" -eq 2 ] && grep -q "no such pack" "$T/err" && ok "new rule: no such pack" || not_ok "no pack: rc=$rc $(cat "$T/err")"
run_hk "$T/out" "$T/err" new rule "$T/mine" local.y --severity urgent
[ "$rc" -eq 2 ] && ok "new rule: bad severity" || not_ok "bad severity"
