# Unit tests of the shared rule helpers in plugins/ and of the poverty pack's
# lib/poverty.lua (tests/plugins/test_*.lua),
# run with the standalone Lua 5.4 interpreter: the helpers are pure Lua.
. "$(dirname "$0")/lib.bash"

if ! command -v lua5.4 >/dev/null; then
	not_ok "lua5.4 interpreter not found"
	exit 0
fi
for f in "$ROOT"/tests/plugins/test_*.lua; do
	name=$(basename "$f" .lua)
	if ! LUA_PATH="$ROOT/plugins/?.lua;$ROOT/audits/poverty/lib/?.lua;$ROOT/tests/plugins/?.lua" lua5.4 "$f" >"$T/out" 2>&1; then
		not_ok "$name: $(tail -n 3 "$T/out" | tr '\n' ' ')"
	fi
	sed "s/^\(not \)\{0,1\}ok - /&$name: /" "$T/out"
done

# The SQL prefilters of idcard.lua against its Lua functions, in the sqlite3
# shell: sql_invalid selects exactly the numbers idcard.problem rejects, and
# sql_age_maybe keeps everyone idcard.person_age puts in a range.
if command -v sqlite3 >/dev/null; then
	LUA_PATH="$ROOT/plugins/?.lua" lua5.4 "$ROOT/tests/plugins/sql_corpus.lua" "$T"
	sqlite3 :memory: <"$T/invalid.sql" >"$T/invalid.got"
	n=$(wc -l <"$T/invalid.want")
	if [ "$n" -gt 500 ] && diff "$T/invalid.want" "$T/invalid.got" >/dev/null; then
		ok "sql_invalid selects exactly the $n invalid numbers of 3000"
	else
		not_ok "sql_invalid differs from idcard.problem ($n invalid): $(diff "$T/invalid.want" "$T/invalid.got" | head -5 | tr '\n' ' ')"
	fi
	sqlite3 :memory: <"$T/age.sql" | sort >"$T/age.got"
	sort "$T/age.want" >"$T/age.want.sorted"
	lost=$(comm -23 "$T/age.want.sorted" "$T/age.got" | wc -l)
	kept=$(wc -l <"$T/age.want")
	check "sql_age_maybe keeps all $kept people in range (lost $lost)" test "$lost" -eq 0 -a "$kept" -gt 500
	extra=$(comm -13 "$T/age.want.sorted" "$T/age.got" | wc -l)
	check "sql_age_maybe is a narrow prefilter ($extra extra of $(wc -l <"$T/age.got"))" test "$extra" -lt "$kept"
else
	not_ok "sqlite3 shell not found"
fi
