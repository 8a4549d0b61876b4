#!/usr/bin/env bash
# huikan schema (tables, columns, units, indexes) and huikan sql (read-only
# queries through the rules' sandboxed connection, --explain, tsv and json).
. "$(dirname "$0")/lib.bash"

"$HUIKAN" import "$ROOT/tests/fixtures/small" --db "$T/r.db" >/dev/null 2>&1 || not_ok "import fixture"

run_hk "$T/out" "$T/err" schema
[ "$rc" -eq 0 ] && grep -Eq "^households +贫困户 +18$" "$T/out" && [ "$(grep -c '^[a-z_]* ' "$T/out")" -ge 18 ] &&
	ok "schema lists the tables" || not_ok "schema: rc=$rc $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" schema households --db "$T/r.db"
grep -q "^households  贫困户  (4 rows)" "$T/out" &&
	grep -Eq "^income_per_capita +INTEGER +人均纯收入  money: fen" "$T/out" &&
	grep -Eq "^status +TEXT +yes +户状态  code: poor 未脱贫, exited 已脱贫, removed 已剔除$" "$T/out" &&
	grep -q "^  households(village_code)$" "$T/out" && grep -q "^  ix_households_village_code: CREATE INDEX" "$T/out" &&
	grep -q "^primary key: id$" "$T/out" && ok "schema TABLE: types, units, codes, indexes, rows" ||
	not_ok "schema TABLE: $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" schema 家庭成员
grep -Eq "^birth_date +TEXT .*date 'YYYY-MM-DD'" "$T/out" && ok "schema by Chinese name" || not_ok "schema zh: $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" schema househods
[ "$rc" -eq 2 ] && grep -q "no table 'househods' in the registry; tables: regions, households" "$T/err" &&
	ok "schema: unknown table" || not_ok "schema unknown: $(cat "$T/err")"

run_hk "$T/out" "$T/err" sql --db "$T/r.db" "SELECT id, income_per_capita, 'a	b' AS t, NULL AS n FROM households ORDER BY id LIMIT 2"
[ "$rc" -eq 0 ] && [ "$(sed -n 1p "$T/out")" = "$(printf 'id\tincome_per_capita\tt\tn')" ] &&
	[ "$(sed -n 2p "$T/out")" = "$(printf 'H001\t520050\ta\\tb\t')" ] && [ "$(wc -l <"$T/out")" -eq 3 ] &&
	ok "sql: tab-separated with a header, tabs escaped, NULL empty" || not_ok "sql tsv: rc=$rc $(cat -A "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" sql --db "$T/r.db" --format json "SELECT id, size, NULL AS n FROM households ORDER BY id LIMIT 1"
[ "$(tr -d '\n ' <"$T/out")" = '[{"id":"H001","size":3,"n":null}]' ] && ok "sql --format json" ||
	not_ok "sql json: $(cat "$T/out" "$T/err")"
echo "SELECT count(*) AS n FROM members;" | "$HUIKAN" sql --db "$T/r.db" >"$T/out" 2>"$T/err"
[ "$(sed -n 2p "$T/out")" -gt 0 ] 2>/dev/null && ok "sql: statement from stdin" || not_ok "sql stdin: $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" sql --db "$T/r.db" --explain "SELECT * FROM members WHERE id_number = '1'"
grep -q "^QUERY PLAN$" "$T/out" && grep -q "SEARCH members USING INDEX ix_members_id_number" "$T/out" &&
	ok "sql --explain: the plan" || not_ok "sql --explain: $(cat "$T/out" "$T/err")"
for bad in "DELETE FROM households" "SELECT readfile('/etc/passwd')" "PRAGMA query_only = 0" \
	"ATTACH '$T/x.db' AS x" "SELECT 1; SELECT 2"; do
	run_hk "$T/out" "$T/err" sql --db "$T/r.db" "$bad"
	[ "$rc" -eq 2 ] && [ ! -s "$T/out" ] && grep -q "^huikan sql: " "$T/err" && ok "sql refuses: $bad" ||
		not_ok "sql $bad: rc=$rc $(cat "$T/out" "$T/err")"
done
[ ! -e "$T/x.db" ] && ok "ATTACH created no file" || not_ok "ATTACH created a file"
run_hk "$T/out" "$T/err" sql --db "$T/r.db" "SELECT id FROM households WHERE nosuch = 1"
grep -q "SQL error: no such column: nosuch" "$T/err" && grep -q "^    SELECT id FROM households WHERE nosuch = 1$" "$T/err" &&
	grep -Eq "^ {36}\^$" "$T/err" && ok "sql error shows the statement and the failing part" ||
	not_ok "sql error: $(cat "$T/err")"
run_hk "$T/out" "$T/err" sql "SELECT 1"
[ "$rc" -eq 2 ] && grep -q "no --db" "$T/err" && ok "sql without --db" || not_ok "sql no db"
# the prompt, when stdin is a terminal (script gives it a pty): a statement
# over two lines, an error that does not end the prompt, an empty line quits
if command -v script >/dev/null; then
	printf 'SELECT 40 +\n2 AS answer;\nSELECT nosuch;\nSELECT 7 AS seven;\n\n' |
		timeout 20 script -qec "'$HUIKAN' sql --db '$T/r.db'" /dev/null 2>&1 | tr -d '\r' >"$T/tty"
	grep -q "^huikan>    ...> answer$" "$T/tty" && grep -q "^42$" "$T/tty" && grep -q "no such column: nosuch" "$T/tty" &&
		grep -q "^7$" "$T/tty" && ok "sql: the interactive prompt" || not_ok "sql prompt: $(cat -A "$T/tty" | head -20)"
fi
