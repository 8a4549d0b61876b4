#!/usr/bin/env bash
# Input holes of `run` and the commands around it (issue 9, items 6 and 15):
# a db that is not a registry (or of another schema version) is one clear
# error; a NUL or invalid UTF-8 in a finding fails that rule only, naming its
# file:line; text from data and packs never reaches the terminal raw; rule
# files at any depth, with a BOM or a shebang line, load; table-valued SQL
# functions work in rules; math.mininteger params stay integers; a
# pathological --rule glob is a usage error.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

ESC=$'\e'
DB=$T/r.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/fixtures/small" >/dev/null 2>&1 || not_ok "the fixture does not import"

# ---- item 6: a db that is not a registry --------------------------------------

PACK=$ROOT/tests/packs/sample
sqlite3 "$T/plain.db" "CREATE TABLE notes(x); CREATE TABLE other(y);"
run_hk "$T/out" "$T/err" run "$PACK" --db "$T/plain.db" --as-of 2020-06-30
if [ "$rc" -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
	grep -q "plain.db: not a huikan registry: a SQLite db with 2 table(s) but no huikan_meta" "$T/err" &&
	grep -q "huikan import --db" "$T/err" && ! grep -q "no such table" "$T/err"; then
	ok "run on a db that is not a registry: one error (exit 2) saying how to make one"
else
	not_ok "run on a plain db: rc=$rc $(head -c 400 "$T/err")"
fi
: >"$T/empty.db"
run_hk "$T/out" "$T/err" run "$PACK" --db "$T/empty.db" --as-of 2020-06-30
[ "$rc" -eq 2 ] && grep -q "empty.db: not a huikan registry: an empty db" "$T/err" &&
	ok "run on an empty file: not a registry, exit 2" || not_ok "run on an empty db: rc=$rc $(head -c 300 "$T/err")"

# registry_like NAME SQL MESSAGE WHAT: a copy of the registry changed by SQL;
# run on it must fail with exit 2 and the one line MESSAGE.
registry_like() {
	cp "$DB" "$T/$1.db"
	sqlite3 "$T/$1.db" "$2"
	run_hk "$T/out" "$T/err" run "$PACK" --db "$T/$1.db" --as-of 2020-06-30
	if [ "$rc" -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "$3" "$T/err"; then
		ok "run on a registry $4 says so"
	else
		not_ok "run on a registry $4: rc=$rc $(head -c 300 "$T/err")"
	fi
}
registry_like newer "UPDATE huikan_meta SET value = '2' WHERE key = 'schema_version'" \
	"schema version '2', newer than the version this huikan reads (1)" "of a newer schema version"
registry_like older "UPDATE huikan_meta SET value = '0' WHERE key = 'schema_version'" \
	"schema version '0', older than the version this huikan reads (1)" "of an older schema version"
registry_like part "DROP TABLE pairings" "not a complete huikan registry: it has no table 'pairings'" \
	"missing a table"
registry_like nocol "ALTER TABLE households DROP COLUMN housing_grade" \
	"not a complete huikan registry: table 'households' has no column 'housing_grade'" "missing a column"

run_hk "$T/out" "$T/err" export --db "$T/plain.db" --out "$T/exp"
[ "$rc" -eq 2 ] && grep -q "not a huikan registry" "$T/err" && grep -q "huikan import --db" "$T/err" &&
	ok "export --db of a plain db: not a registry" || not_ok "export: rc=$rc $(head -c 300 "$T/err")"
new_ledger "$T/L" || not_ok "ledger init"
export HUIKAN_USER="$ADMIN" HUIKAN_LEDGER="$T/L"
"$HUIKAN" run "$PACK" --db "$DB" --as-of 2020-06-30 --ledger "$T/L" -q -o /dev/null 2>/dev/null
run_hk "$T/out" "$T/err" report --html "$T/r.html" --db "$T/newer.db" --quiet
[ "$rc" -eq 2 ] && grep -q "newer.db: a huikan registry of schema version '2', newer" "$T/err" &&
	ok "report --db of a newer registry says so" || not_ok "report --db: rc=$rc $(head -c 300 "$T/err")"
run_hk "$T/out" "$T/err" report --html "$T/r.html" --db "$T/plain.db" --quiet
[ "$rc" -eq 2 ] && grep -q "plain.db: not a huikan registry" "$T/err" &&
	ok "report --db of a plain db: not a registry" || not_ok "report --db plain: rc=$rc $(head -c 300 "$T/err")"

# ---- item 15: a pack that reports hostile text ------------------------------------

P=$T/holes
deep=$P/rules/a/b/c/d/e/f/g/h/i/j
mkdir -p "$deep"
printf 'return { name = "holes\\27]0;pwned\\7", version = "1\\27[2J" }\n' >"$P/pack.lua"
cat >"$P/rules/nul.lua" <<'EOF'
return { id = "holes.nul", title = "NUL in a message", category = "holes", severity = "low",
  entity = "household",
  check = function(ctx)
    ctx:report{ entity = "household:H002", message = "visible\0hidden" }
  end }
EOF
cat >"$P/rules/utf8.lua" <<'EOF'
return { id = "holes.utf8", title = "invalid UTF-8 in evidence", category = "holes", severity = "low",
  entity = "household",
  check = function(ctx)
    ctx:report{ entity = "household:H003", message = "ok", evidence = { v = "\xff\xfe" } }
  end }
EOF
cat >"$P/rules/escapes.lua" <<'EOF'
return { id = "holes.escapes", title = "escapes", category = "holes", severity = "low", entity = "household",
  check = function(ctx)
    ctx:log("log \27[31mred")
    ctx:report{ entity = "household:H001", message = "m \27[2J\r end", evidence = { ["k\27"] = "v\27" } }
    ctx:report{ entity = "household:X\u{9b}1", message = "C1 in the entity" }
  end }
EOF
# a BOM, a shebang line, seven directories deeper than the old limit of 8
printf '\xef\xbb\xbf#!/usr/bin/env huikan\nreturn { id = "holes.deep", title = "deep", category = "holes",\n  severity = "low", entity = "household", params = { m = 0 },\n  check = function(ctx, params)\n    local j = ctx:one("SELECT count(*) AS n FROM json_each(\x27[1,2,3]\x27)")\n    local c = ctx:one("SELECT count(*) AS n FROM pragma_table_info(\x27households\x27)")\n    ctx:report{ entity = "household:H004", message = string.format("%%s %%d json %%d cols %%d",\n      math.type(params.m), params.m, j.n, c.n) }\n  end }\n' >"$deep/deep.lua"
cat >"$P/rules/lineno.lua" <<'EOF'
#!/usr/bin/env huikan
return { id = "holes.lineno", title = "error on line 4", category = "holes", severity = "low",
  entity = "household", check = function(ctx)
    error("line four") end }
EOF
cat >"$P/rules/pragma.lua" <<'EOF'
return { id = "holes.pragma", title = "state-changing pragma", category = "holes", severity = "low",
  entity = "household", check = function(ctx)
    for r in ctx:rows("SELECT * FROM pragma_journal_mode") do end end }
EOF

run_hk "$T/out" "$T/err" run "$P" --db "$DB" --as-of 2020-06-30 -j 1 --param m=-9223372036854775808
[ "$rc" -eq 3 ] && grep -q "^huikan run: rule holes.nul failed: .*rules/nul.lua:4: ctx:report: message contains a NUL byte (at byte 8)" "$T/err" &&
	ok "a NUL in a message fails its rule, naming file:line" || not_ok "NUL: rc=$rc $(grep nul "$T/err" | head -c 300)"
grep -q "^huikan run: rule holes.utf8 failed: .*rules/utf8.lua:4: ctx:report: evidence.v: not valid UTF-8 (byte 1 is 0xFF)" "$T/err" &&
	ok "invalid UTF-8 in evidence fails its rule at ctx:report, naming file:line" ||
	not_ok "invalid UTF-8: $(grep utf8 "$T/err" | head -c 300)"
grep -q "^huikan run: rule holes.lineno failed: .*rules/lineno.lua:4: line four" "$T/err" &&
	ok "a shebang line is skipped and line numbers stay right" || not_ok "shebang: $(grep lineno "$T/err" | head -c 300)"
grep -q "household:H004 *integer -9223372036854775808 json 3 cols 1[0-9]" "$T/out" &&
	ok "a rule 10 directories deep with a BOM and a shebang runs: json_each, pragma_table_info, math.mininteger param" ||
	not_ok "deep rule: $(grep -i deep "$T/out" "$T/err" | head -c 400)"
if ! grep -q "$ESC" "$T/out" "$T/err" && ! grep -q $'\r' "$T/out" &&
	grep -q 'm \\x1b\[2J\\r end' "$T/out" && grep -q 'household:X\\u009b1' "$T/out" &&
	grep -q 'log \\x1b\[31mred' "$T/err" && grep -q 'pack holes\\x1b\]0;pwned\\x07 1\\x1b\[2J' "$T/err"; then
	ok "table and stderr: escapes from messages, entities, ctx:log and the pack name made visible"
else
	not_ok "escapes reach the terminal: $(cat -v "$T/out" "$T/err" | grep -i 'holes\|x1b\|\^\[' | head -c 600)"
fi
run_hk "$T/out" "$T/err" run "$P" --db "$DB" --as-of 2020-06-30 --rules holes.pragma -q
[ "$rc" -eq 3 ] && grep -q "^huikan run: rule holes.pragma failed: .*PRAGMA journal_mode is not allowed" "$T/err" &&
	! grep -q "UPDATE is not allowed" "$T/err" &&
	ok "a pragma outside the read-only list stays denied as a table-valued function, named as such" ||
	not_ok "pragma_journal_mode: $(grep pragma "$T/err" | head -c 300)"
run_hk "$T/out" "$T/err" run "$P" --db "$DB" --as-of 2020-06-30 --rules "holes.nul or holes.escapes" --format jsonl -q
[ "$rc" -eq 3 ] && [ "$(wc -l <"$T/out")" -eq 2 ] && ! grep -q '"visible"' "$T/out" &&
	ok "no finding with a message cut at the NUL" || not_ok "a finding cut at the NUL: rc=$rc $(grep visible "$T/out")"
python3 - "$T/out" <<'EOF' && ok "jsonl stays exact: escapes written as JSON escapes" || not_ok "jsonl: $(cat -v "$T/out")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert rows[0]["message"] == "m \x1b[2J\r end", rows[0]
assert rows[0]["evidence"] == {"k\x1b": "v\x1b"}, rows[0]
assert rows[1]["entity"] == "household:X\x9b1", rows[1]
assert "\x1b" not in open(sys.argv[1], encoding="utf-8").read()
EOF

# --ledger: the rules that ran are recorded; the failed ones are named
run_hk "$T/out" "$T/err" run "$P" --db "$DB" --as-of 2020-06-30 --ledger "$T/L" -q -o /dev/null
[ "$rc" -eq 3 ] && grep -q "ledger .*: run .*: 3 found" "$T/err" && grep -q "rule holes.utf8 failed" "$T/err" &&
	ok "run --ledger records the findings of the other rules" || not_ok "--ledger: rc=$rc $(head -c 500 "$T/err")"
F=$(fid holes.escapes household:H001)
"$HUIKAN" findings >"$T/out" 2>"$T/err"
! grep -q "$ESC" "$T/out" && grep -q "$F	open	holes.escapes	household:H001	.*m \\\\x1b\[2J\\\\r end" "$T/out" &&
	ok "findings: escapes in the message made visible" || not_ok "findings: $(cat -v "$T/out" | head -c 500)"
"$HUIKAN" assign "$F" --unit "$UNIT" --allow-past-due --due 2021-01-31 --as "$OLGA" >/dev/null 2>&1 || not_ok "assign"
printf 'scan' >"$T/scan${ESC}[31m.pdf"
"$HUIKAN" submit "$F" --note "fixed${ESC}[2J" --evidence "$T/scan${ESC}[31m.pdf" --as "$UNIT_GUY" >/dev/null 2>"$T/err" ||
	not_ok "submit: $(cat -v "$T/err")"
"$HUIKAN" show "$F" >"$T/out" 2>"$T/err"
if [ -s "$T/out" ] && ! grep -q "$ESC" "$T/out" && grep -q 'message   m \\x1b\[2J\\r end' "$T/out" &&
	grep -q 'note: fixed\\x1b\[2J' "$T/out" && grep -q 'evidence scan\\x1b\[31m.pdf' "$T/out"; then
	ok "show: message, note and evidence names made visible"
else
	not_ok "show: $(cat -v "$T/out" "$T/err" | head -c 600)"
fi
"$HUIKAN" show "$F" --format json >"$T/out"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["finding"]["message"]=="m \x1b[2J\r end"' "$T/out" &&
	ok "show --format json stays exact" || not_ok "show json: $(cat -v "$T/out" | head -c 300)"

# rule files that cannot be walked are named, not skipped
mkdir -p "$P/rules/loop"
ln -s .. "$P/rules/loop/up"
run_hk "$T/out" "$T/err" rules "$P"
[ "$rc" -eq 3 ] && grep -q "rule file did not load: .*loop/up: a symlink loop" "$T/err" &&
	ok "a symlink loop under rules/ is reported, not followed" || not_ok "loop: rc=$rc $(head -c 300 "$T/err")"
grep -q "holes.deep" "$T/out" && ! grep -q "$ESC" "$T/out" && ok "rules lists the deep rule, pack text made visible" ||
	not_ok "rules: $(cat -v "$T/out" | head -c 300)"
rm "$P/rules/loop/up"

# ---- findings --rule: a pathological glob is a usage error ------------------------

run_hk "$T/out" "$T/err" findings --rule "$(printf '*%.0s' $(seq 1 60000))"
[ "$rc" -eq 2 ] && grep -q "60000 characters, at most 128" "$T/err" &&
	ok "findings --rule with a 60000-star glob: usage error" || not_ok "long glob: rc=$rc $(head -c 200 "$T/err")"
run_hk "$T/out" "$T/err" findings --rule '[a-'
[ "$rc" -eq 2 ] && grep -q "not a rule id or glob" "$T/err" && ok "findings --rule with a bracket: usage error" ||
	not_ok "bracket glob: rc=$rc $(head -c 200 "$T/err")"
run_hk "$T/out" "$T/err" findings --rule 'holes.*,*.lineno'
[ "$rc" -eq 0 ] && grep -q "holes.escapes" "$T/out" && ok "findings --rule globs still match" ||
	not_ok "globs: rc=$rc $(head -c 300 "$T/out" "$T/err")"
