#!/usr/bin/env bash
# Typed parameters: money (yuan given, fen received), date, percent, integer,
# list; shown with their units by huikan rules, checked by --param.
. "$(dirname "$0")/lib.bash"

"$HUIKAN" import "$ROOT/tests/fixtures/small" --db "$T/r.db" >/dev/null 2>&1 || not_ok "import fixture"
"$HUIKAN" new pack "$T/pk" >/dev/null
cat >"$T/pk/rules/t.lua" <<'LUA'
return {
	id = "t.params", title = "params", category = "t", severity = "info", entity = "household",
	params = {
		min_income = { type = "money", default = 5000, doc = "income per person below it" },
		since = { type = "date", default = "2019-01-01" },
		share = { type = "percent", default = 30 },
		gap = { type = "integer", default = 45, unit = "days" },
		kinds = { type = "list", default = { "car", "truck" } },
		plain = 3,
	},
	check = function(ctx, params)
		ctx:report{ entity = "household:H001", message = "params",
			evidence = { min_income = params.min_income, since = params.since, share = params.share,
				gap = params.gap, kinds = params.kinds, plain = params.plain,
				income_type = math.type(params.min_income) } }
	end,
}
LUA
run_hk "$T/out" "$T/err" rules "$T/pk" t.params
grep -Eq "^    min_income +money +5000 yuan  \(rule default\)$" "$T/out" && grep -q "income per person below it" "$T/out" &&
	grep -Eq "^    gap +integer +45 days" "$T/out" && grep -Eq "^    share +percent +30 %" "$T/out" &&
	grep -Eq "^    since +date +\"2019-01-01\"" "$T/out" && grep -Fq "{\"car\",\"truck\"}" "$T/out" &&
	grep -Eq "^    plain +integer +3  \(rule default\)$" "$T/out" && ok "rules shows typed parameters with units" ||
	not_ok "rules typed: $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" rules "$T/pk" t.params --json
grep -q '"param_types":{"gap":{"type":"integer","unit":"days"},"kinds":{"type":"list"},"min_income":{"type":"money","unit":"yuan"}' "$T/out" &&
	ok "rules --json: param_types" || not_ok "rules json: $(cat "$T/out")"

run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" --format jsonl -q
grep -q '"min_income":500000' "$T/out" && grep -q '"income_type":"integer"' "$T/out" && grep -q '"since":"2019-01-01"' "$T/out" &&
	grep -q '"kinds":\["car","truck"\]' "$T/out" && ok "money default in yuan reaches the rule as integer fen" ||
	not_ok "run typed: $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" --format jsonl -q --param min_income=1234.5 --param since=2020/3/1 \
	--param share=12.5% --param kinds=car,machinery,7
grep -q '"min_income":123450' "$T/out" && grep -q '"since":"2020-03-01"' "$T/out" && grep -q '"share":12.5' "$T/out" &&
	grep -q '"kinds":\["car","machinery",7\]' "$T/out" && ok "--param: yuan to fen, date, percent, list" ||
	not_ok "--param typed: $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" -q --param min_income=abc
check "--param min_income=abc: says once what an amount is" \
	grep -qx "huikan run: --param min_income=abc: not an amount of yuan (like 1000 or 1000.50)" "$T/err"
run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" -q --param min_income=12.345
check "--param min_income=12.345: says why" \
	grep -qx "huikan run: --param min_income=12.345: more than 2 decimals in an amount of yuan" "$T/err"
for bad in "min_income=12.345:more than 2 decimals" "min_income=abc:not an amount of yuan" "since=2020-02-30:not a date" \
	"share=120:not a percent" "gap=4.5:not an integer"; do
	run_hk "$T/out" "$T/err" run "$T/pk" --db "$T/r.db" -q --param "${bad%%:*}"
	[ "$rc" -eq 2 ] && grep -q "${bad#*:}" "$T/err" && ok "--param ${bad%%:*} refused" || not_ok "--param ${bad%%:*}: rc=$rc $(cat "$T/err")"
done
# a test file's params are given like --param: yuan
cat >"$T/pk/rules/t.test.lua" <<'LUA'
return { { name = "yuan", params = { min_income = 10 }, data = { households = { { id = "H001", village_code = "1", size = 1,
	status = "poor", registered_year = 2016 } } }, expect = { "household:H001" } } }
LUA
run_hk "$T/out" "$T/err" test "$T/pk"
[ "$rc" -eq 0 ] && ok "test params are converted like --param" || not_ok "test params: $(cat "$T/out" "$T/err")"
# a bad declaration is a broken rule file naming the parameter
sed -i 's/default = 5000,/default = "lots",/' "$T/pk/rules/t.lua"
run_hk "$T/out" "$T/err" rules "$T/pk"
grep -q "t.lua: params.min_income: a money parameter needs default = a number of yuan (got string)" "$T/err" &&
	ok "a bad typed declaration names the parameter" || not_ok "bad declaration: $(cat "$T/err")"
# the shipped pack declares its money thresholds as money
run_hk "$T/out" "$T/err" rules poverty --json
for p in loan_max income_max approval_threshold business_min_capital vehicle_min_price; do
	grep -q "\"$p\":{\"type\":\"money\",\"unit\":\"yuan\"}" "$T/out" && ok "poverty: $p is money" || not_ok "poverty: $p not money"
done
