#!/usr/bin/env bash
# huikan run on the sample pack and the small fixture registry: formats,
# selection, params, -j, -o, exit codes and error messages.
. "$(dirname "$0")/lib.bash"

PACK=$ROOT/tests/packs/sample
DB=$T/r.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/fixtures/small" >/dev/null 2>&1
sum0=$(sha256sum <"$DB")
run() { run_hk "$T/out" "$T/err" run "$PACK" --db "$DB" --as-of 2020-06-30 "$@"; }

run_hk "$T/out" "$T/err" run --help
[ "$rc" -eq 0 ] && grep -q "^usage: huikan run" "$T/out" && grep -q "exit codes" "$T/out" &&
	ok "run --help" || not_ok "run --help: rc=$rc"

run --format jsonl
[ "$rc" -eq 1 ] && [ "$(wc -l <"$T/out")" -eq 1 ] &&
	grep -q '^{"id":"F-[0-9a-f]\{12\}","rule":"sample.size-mismatch","entity":"household:H003","category":"sample","severity":"medium","message":"declared size 4, 1 member rows","as_of":"2020-06-30","evidence":{"declared":4,"members":1}}$' "$T/out" &&
	ok "jsonl record with every field, exit 1 on findings" || not_ok "jsonl: rc=$rc $(cat "$T/out" "$T/err")"
grep -Eq "sample.size-mismatch +1 +[0-9.]+s" "$T/err" && ok "per-rule summary on stderr" || not_ok "summary: $(cat "$T/err")"

# the finding id is the fingerprint of rule id and entity
id=$(printf 'sample.size-mismatch\nhousehold:H003' | sha256sum | cut -c1-12)
grep -q "\"id\":\"F-$id\"" "$T/out" && ok "finding id = F- + 12 hex of sha256(rule\\nentity)" || not_ok "finding id"

run --param max_size=2 --format jsonl -j 1 -q
cp "$T/out" "$T/j1"
run --param max_size=2 --format jsonl -j 2 -q
cmp -s "$T/out" "$T/j1" && [ "$(wc -l <"$T/j1")" -eq 3 ] && ok "-j 2 output identical to -j 1 (3 findings)" ||
	not_ok "-j 2 differs from -j 1"
[ ! -s "$T/err" ] && ok "-q keeps stderr quiet" || not_ok "-q: $(cat "$T/err")"

run --param max_size=2 --format json -q
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==3 and d[0]["rule"]=="sample.big-household"' "$T/out" &&
	ok "json is an array of the findings" || not_ok "json: $(head -c 300 "$T/out")"
run --param max_size=2 --format csv -q
[ "$(head -n 1 "$T/out")" = $'\xef\xbb\xbf'"id,rule,entity,category,severity,message,evidence" ] &&
	grep -q '^F-[0-9a-f]*,sample.big-household,household:H001,sample,low,3 members (more than 2),"{""households"":4,""max_size"":2,""size"":3}"$' "$T/out" &&
	ok "csv with quoted JSON evidence" || not_ok "csv: $(cat "$T/out")"
run --param max_size=2 -q
grep -q "^ID  *SEVERITY  *RULE  *ENTITY  *MESSAGE" "$T/out" && [ "$(wc -l <"$T/out")" -eq 4 ] && ok "table format" ||
	not_ok "table: $(cat "$T/out")"

run --rules "sample and not sample.size-*" --param max_size=2 --format jsonl -q
! grep -q size-mismatch "$T/out" && grep -q big-household "$T/out" && ok "--rules boolean expression with a glob" ||
	not_ok "--rules expression"
run --rules "high" --format jsonl
grep -Eq "^  sample.exit-below-line " "$T/err" && [ "$(grep -c '^  sample\.' "$T/err")" -eq 1 ] &&
	ok "--rules by severity" || not_ok "--rules high: $(cat "$T/err")"
run --rules "sampel"
[ "$rc" -eq 2 ] && grep -q "'sampel' is not a rule id, glob, category or severity" "$T/err" &&
	ok "--rules typo is a usage error" || not_ok "--rules typo: rc=$rc $(cat "$T/err")"
run --rules "sample and (high"
[ "$rc" -eq 2 ] && grep -q "column 17: expected ')'" "$T/err" && ok "--rules syntax error names the column" ||
	not_ok "--rules syntax: $(cat "$T/err")"

run --param max_sise=2
[ "$rc" -eq 2 ] && grep -q "max_sise: unknown parameter; known: max_size, poverty_line" "$T/err" &&
	ok "unknown --param lists the known ones" || not_ok "unknown param: $(cat "$T/err")"
run --param max_size=two
[ "$rc" -eq 2 ] && grep -q "max_size=two: not an integer" "$T/err" && ok "--param converted to the default's type" ||
	not_ok "param type: $(cat "$T/err")"
run --param 'poverty_line={[2019]=2000}' --rules sample.exit-below-line --format jsonl -q
[ "$rc" -eq 0 ] && ok "table param from a Lua constructor" || not_ok "table param: rc=$rc $(cat "$T/err")"
run --param 'poverty_line={[2019]=6000}' --rules sample.exit-below-line --format jsonl -q
grep -q '"entity":"household:H001"' "$T/out" && ok "table param changes the result" || not_ok "poverty_line override: $(cat "$T/out" "$T/err")"

run --as-of 2020-02-30
[ "$rc" -eq 2 ] && grep -q -- "--as-of .2020-02-30.: no such date" "$T/err" && ok "bad --as-of" || not_ok "bad --as-of: $(cat "$T/err")"
run_hk "$T/out" "$T/err" run "$PACK" --db "$T/none.db"
[ "$rc" -eq 2 ] && grep -q "none.db: no such registry db" "$T/err" && ok "missing db" || not_ok "missing db: $(cat "$T/err")"
echo "not a db" >"$T/bad.db"
run_hk "$T/out" "$T/err" run "$PACK" --db "$T/bad.db"
[ "$rc" -eq 2 ] && grep -q "bad.db: not a registry db" "$T/err" && ok "a file that is not a db" || not_ok "bad db: $(cat "$T/err")"
run_hk "$T/out" "$T/err" run "$T/nopack" --db "$DB"
[ "$rc" -eq 2 ] && grep -q "no such pack" "$T/err" && ok "missing pack" || not_ok "missing pack: $(cat "$T/err")"

run -o "$T/f.jsonl" --format jsonl -q
[ "$rc" -eq 1 ] && [ ! -s "$T/out" ] && [ "$(wc -l <"$T/f.jsonl")" -eq 1 ] && ! ls "$T"/f.jsonl.tmp* >/dev/null 2>&1 &&
	ok "-o writes the file whole" || not_ok "-o"

# a rule that fails: the others run, the run is incomplete (exit 3)
cp -r "$PACK" "$T/pk"
cat >"$T/pk/rules/broken.lua" <<'LUA'
return { id = "sample.broken", title = "t", category = "sample", severity = "low", entity = "household",
	check = function(ctx) local x = nil; return x.field end }
LUA
run_hk "$T/out" "$T/err" run "$T/pk" --db "$DB" --format jsonl
[ "$rc" -eq 3 ] && grep -q "rule sample.broken failed: .*broken.lua:2: attempt to index a nil value (local 'x')" "$T/err" &&
	grep -q size-mismatch "$T/out" && grep -q INCOMPLETE "$T/err" &&
	ok "a failing rule: file:line and reason, others still run, exit 3" || not_ok "failing rule: rc=$rc $(cat "$T/err")"
echo 'return { id = "sample.bad-meta", title = "t", category = "sample", severity = "urgent", entity = "household", check = function() end }' >"$T/pk/rules/broken.lua"
run_hk "$T/out" "$T/err" run "$T/pk" --db "$DB" --format jsonl
[ "$rc" -eq 3 ] && grep -q "broken.lua: severity 'urgent' is not one of" "$T/err" && ok "bad rule metadata reported, exit 3" ||
	not_ok "bad metadata: rc=$rc $(cat "$T/err")"

echo 'return { id = "sample.named", title = "t", category = "sample", severity = "low", entity = "household",
	check = function(ctx) ctx:one("SELECT 1 AS x WHERE :a = :b", { a = 1 }) end }' >"$T/pk/rules/broken.lua"
run_hk "$T/out" "$T/err" run "$T/pk" --db "$DB" --rules sample.named
[ "$rc" -eq 3 ] && grep -q "broken.lua:2: ctx:one: no value for the named parameter :b" "$T/err" &&
	ok "named parameters: a missing value is an error" || not_ok "named params: $(cat "$T/err")"

[ "$(sha256sum <"$DB")" = "$sum0" ] && ok "registry unchanged by the runs" || not_ok "registry changed"
