#!/usr/bin/env bash
# huikan test: a bad case fails alone and the others run; an unknown table or
# column in a test row is an error; --case runs one case; --accept writes the
# findings as the expected ones after showing the difference.
. "$(dirname "$0")/lib.bash"

"$HUIKAN" new pack "$T/pk" >/dev/null && "$HUIKAN" new rule "$T/pk" local.big >/dev/null || not_ok "new pack/rule"
RULE=$T/pk/rules/local.big.lua
TESTF=$T/pk/rules/local.big.test.lua
sed -i 's/WHERE 0 -- TODO.*/WHERE size > 4/' "$RULE"
H='village_code = "450902001001", status = "poor", registered_year = 2016'
cat >"$TESTF" <<LUA
local function h(id, size) return { id = id, size = size, $H } end
return {
	{ name = "big", data = { households = { h("H1", 5) } }, expect = { "household:H1" } },
	{ name = "typo in a field", data = { households = { h("H1", 5) } }, expects = { "household:H1" } },
	{ name = "typo in a column", data = { households = { { id = "H1", sise = 5, $H } } }, expect = {} },
	{ name = "typo in a table", data = { househlds = { h("H1", 5) } }, expect = {} },
	{ name = "small", data = { households = { h("H2", 2) } }, expect = {} },
}
LUA
run_hk "$T/out" "$T/err" test "$T/pk"
grep -q "^not ok - local.big: typo in a field" "$T/out" && grep -q "case 'typo in a field': unknown field 'expects'" "$T/out" &&
	grep -q "^not ok - local.big: typo in a column" "$T/out" &&
	grep -q "data.households\[1\].sise: no column 'sise' in table households (columns: id, village_code," "$T/out" &&
	grep -q "data.househlds: no such table in the registry (tables: regions, households" "$T/out" &&
	[ "$(tail -n 1 "$T/out")" = "2 passed, 3 failed" ] && [ "$rc" -eq 1 ] &&
	ok "bad cases fail alone, with the field, column or table at fault; the others run" ||
	not_ok "bad cases: rc=$rc $(cat "$T/out" "$T/err")"

run_hk "$T/out" "$T/err" test "$T/pk" --case small -v
[ "$rc" -eq 0 ] && [ "$(cat "$T/out")" = "$(printf 'ok - local.big: small\n1 passed, 0 failed')" ] && ok "--case NAME runs that case alone" ||
	not_ok "--case: rc=$rc $(cat "$T/out" "$T/err")"
run_hk "$T/out" "$T/err" test "$T/pk" --case nosuch
[ "$rc" -eq 2 ] && grep -q "no case of that name" "$T/err" && ok "--case: unknown name" || not_ok "--case nosuch: rc=$rc $(cat "$T/out" "$T/err")"

# --accept rewrites only the failing case's expect list
cat >"$TESTF" <<LUA
-- a comment that stays
local function h(id, size) return { id = id, size = size, $H } end
return {
	{ name = "two big", data = { households = { h("H1", 5), h("H2", 6), h("H3", 1) } },
	  expect = { "household:H1", { entity = "household:H3", message = "x" } } },  -- trailing comment
	{ name = "small", expect = {}, data = { households = { h("H2", 2) } } },
}
LUA
cp "$TESTF" "$T/before.lua"
run_hk "$T/out" "$T/err" test "$T/pk" --accept
[ "$rc" -eq 0 ] && grep -q "^accepted - local.big: two big" "$T/out" && grep -q "^    - household:H3   (expected, not found)" "$T/out" &&
	grep -q "^    + household:H2   (found, not expected)" "$T/out" &&
	grep -q "accepted: .*case 'two big': expect = { \"household:H1\", \"household:H2\" }" "$T/out" &&
	[ "$(tail -n 1 "$T/out")" = "2 passed, 0 failed" ] && ok "--accept shows the difference and accepts" ||
	not_ok "--accept: rc=$rc $(cat "$T/out" "$T/err")"
diff "$T/before.lua" "$TESTF" >"$T/diff"
[ "$(grep -c '^[<>]' "$T/diff")" -eq 2 ] && grep -q '^>.*expect = { "household:H1", "household:H2" } },  -- trailing comment$' "$T/diff" &&
	ok "--accept changed only that expect list" || not_ok "accept diff: $(cat "$T/diff")"
run_hk "$T/out" "$T/err" test "$T/pk"
[ "$rc" -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "2 passed, 0 failed" ] && ok "after --accept the tests pass" || not_ok "after accept: $(cat "$T/out")"
ls "$T/pk/rules" | grep -q accept- && not_ok "a temporary file was left" || ok "no temporary file left"

# --accept on a fixture directory rewrites its found lines
rm "$TESTF"
mkdir -p "$T/pk/rules/local.big.test"
printf 'id,village_code,size,status,registered_year\nH1,450902001001,5,poor,2016\nH2,450902001001,9,poor,2016\n' >"$T/pk/rules/local.big.test/households.csv"
printf '# only one\nas_of 2020-06-30\nfound household:H1\n' >"$T/pk/rules/local.big.test/expect"
run_hk "$T/out" "$T/err" test "$T/pk" --accept
[ "$rc" -eq 0 ] && [ "$(cat "$T/pk/rules/local.big.test/expect")" = "$(printf '# only one\nas_of 2020-06-30\nfound household:H1\nfound household:H2')" ] &&
	ok "--accept rewrites an expect file's found lines" || not_ok "accept fixture: rc=$rc $(cat "$T/out" "$T/pk/rules/local.big.test/expect")"
# an unknown column in a fixture CSV is an error too
printf 'id,village_code,size,status,registered_year,sise\nH1,450902001001,5,poor,2016,3\n' >"$T/pk/rules/local.big.test/households.csv"
run_hk "$T/out" "$T/err" test "$T/pk"
[ "$rc" -eq 1 ] && grep -q "sise" "$T/out" && ok "unknown column in a fixture CSV fails the case" || not_ok "fixture column: rc=$rc $(cat "$T/out")"

# a case's rows that do not import are named as the case writes them
# (data.households[2], not the line of the CSV made from them), every line
# of the message indented under the case
"$HUIKAN" new pack "$T/rows" >/dev/null && "$HUIKAN" new rule "$T/rows" local.a >/dev/null
cat >"$T/rows/rules/local.a.test.lua" <<'LUA'
return {
	{ name = "bad rows", data = { households = {
		{ id = "H1", village_code = "450902001001", size = 1, status = "poor", registered_year = 2016 },
		{ id = "H2", village_code = "450902001001", size = 2.5, status = "poor", registered_year = 2016 },
		{ id = "H3", village_code = "450902001001", size = 2, status = "poorish", registered_year = 2016 } } },
	  expect = {} },
}
LUA
run_hk "$T/out" "$T/err" test "$T/rows"
check "a row of a case that does not import: data.households[2]" \
	grep -q "^    the case's registry does not import: data.households\[2\]: column size: not an integer: '2.5'$" "$T/out"
check "... and the next line indented too, data.households[3]" \
	grep -q "^    data.households\[3\]: column status: unknown code 'poorish'" "$T/out"

# an expect file's as_of that is no date says so (not "not 'as_of DATE', ...")
printf 'id,village_code,size,status,registered_year\nH1,450902001001,5,poor,2016\n' >"$T/pk/rules/local.big.test/households.csv"
printf 'as_of 2020-06-31\nfound household:H1\n' >"$T/pk/rules/local.big.test/expect"
run_hk "$T/out" "$T/err" test "$T/pk"
check "an expect file's impossible as_of: the case fails" test "$rc" -eq 1
check "... saying the date does not exist, with file and line" \
	grep -q "local.big.test/expect:1: as_of '2020-06-31': no such date" "$T/out"
