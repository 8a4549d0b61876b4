# Unit tests of the shared rule helpers in plugins/ (tests/plugins/test_*.lua),
# run with the standalone Lua 5.4 interpreter: the helpers are pure Lua.
. "$(dirname "$0")/lib.bash"

if ! command -v lua5.4 >/dev/null; then
	not_ok "lua5.4 interpreter not found"
	exit 0
fi
for f in "$ROOT"/tests/plugins/test_*.lua; do
	name=$(basename "$f" .lua)
	if ! LUA_PATH="$ROOT/plugins/?.lua;$ROOT/tests/plugins/?.lua" lua5.4 "$f" >"$T/out" 2>&1; then
		not_ok "$name: $(tail -n 3 "$T/out" | tr '\n' ' ')"
	fi
	sed "s/^\(not \)\{0,1\}ok - /&$name: /" "$T/out"
done
