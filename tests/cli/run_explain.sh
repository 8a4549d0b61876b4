#!/usr/bin/env bash
# huikan run --explain (statements, plans, calls, rows, time, full-scan
# warnings) and --profile (time per rule and per query).
. "$(dirname "$0")/lib.bash"

mkdir -p "$T/csv"
awk 'BEGIN { print "id,village_code,size,status,registered_year,income_per_capita";
	for (i = 1; i <= 12000; i++) printf "H%05d,450902001001,%d,poor,2016,%d\n", i, 1 + i % 7, 100000 + i }' >"$T/csv/households.csv"
"$HUIKAN" import "$T/csv" --db "$T/r.db" >/dev/null 2>&1 || not_ok "import"
"$HUIKAN" new pack "$T/pk" >/dev/null
cat >"$T/pk/rules/t.scan.lua" <<'LUA'
return {
	id = "t.scan", title = "scan", category = "t", severity = "info", entity = "household",
	check = function(ctx, params)
		for _ = 1, 3 do
			for h in ctx:rows("SELECT h.id FROM households h WHERE h.income_per_capita = ?", 10000700) do
				ctx:report{ entity = "household:" .. h.id, message = "x" }
				break
			end
			break
		end
		local n = 0
		for _ in ctx:rows("SELECT id FROM households WHERE village_code = ? LIMIT 5", "450902001001") do n = n + 1 end
		for _ in ctx:rows("SELECT id FROM households WHERE village_code = ? LIMIT 5", "450902001001") do n = n + 1 end
	end,
}
LUA
run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" --explain --rules t.scan
[ "$rc" -eq 1 ] && grep -q "^rule t.scan: 2 statement(s)" "$T/err" &&
	grep -q "^  statement 1: 1 call(s), 1 row(s), [0-9.]*s in SQLite$" "$T/err" &&
	grep -q "^    | SELECT h.id FROM households h WHERE h.income_per_capita = ?$" "$T/err" &&
	grep -q "^    \`--SCAN h$" "$T/err" &&
	grep -q "^    warning: full scan of households (12000 rows) without an index (as h)$" "$T/err" &&
	grep -q "^  statement 2: 2 call(s), 10 row(s)" "$T/err" &&
	grep -q "SEARCH households USING INDEX ix_households_village_code (village_code=?)" "$T/err" &&
	grep -q "^1 warning(s)$" "$T/err" && grep -q "household:H00007" "$T/out" &&
	ok "--explain: text, plan, calls, rows, time, a full-scan warning" || not_ok "--explain: rc=$rc $(cat "$T/err")"
run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" --profile -q
grep -q "^profile: time per rule$" "$T/err" && grep -Eq "^  t.scan +[0-9.]+s +[0-9.]+s +[0-9.]+s +2$" "$T/err" &&
	grep -q "^profile: queries, slowest first$" "$T/err" &&
	grep -Eq "^ +[0-9.]+s +2 +10  t.scan  SELECT id FROM households WHERE village_code = \? LIMIT 5$" "$T/err" &&
	ok "--profile: per rule and per query" || not_ok "--profile: $(cat "$T/err")"
run_hk "$T/out2" "$T/err" run "$T/pk" --db "$T/r.db" -q
cmp -s "$T/out" "$T/out2" && ! grep -q "profile\|QUERY PLAN" "$T/err" && ok "without the options: same findings, no report" ||
	not_ok "plain run differs"
