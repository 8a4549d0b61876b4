#!/usr/bin/env bash
# Hostile packs, beyond hostile rules (tests/cli/hostile.sh): pack.lua, a
# rule file's top level and a --param table constructor that hang inside one
# C call are killed at their wall clock (+1 s) with the file named; symlinks
# out of the pack (lib/cfg.lua -> ../secret.env, -> /etc/os-release), FIFOs
# and oversized files are refused, never read; a symlink inside the pack to
# a file inside it works; the canary of each run still reports.
. "$(dirname "$0")/lib.bash"

DB=$T/h.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/hostile/registry" >/dev/null 2>&1 || not_ok "tests/hostile/registry does not import"
sum0=$(sha256sum <"$DB")
BUDGET=(--timeout 2 --max-instructions 2e7 --max-memory 64)

# newpack DIR: a pack with the canary and a lib/real.lua
newpack() {
	mkdir -p "$1/rules" "$1/lib"
	echo 'return { name = "p", params = { limit = 10 } }' >"$1/pack.lua"
	cp "$ROOT/tests/hostile/rules/zz_canary.lua" "$1/rules/"
	echo 'return { answer = 42 }' >"$1/lib/real.lua"
}

# timed VAR CMD...: runs CMD (stdout $T/out, stderr $T/err), rc in $rc, seconds in VAR
timed() {
	local var=$1 start
	shift
	start=$(date +%s.%N)
	timeout 60 "$@" >"$T/out" 2>"$T/err"
	rc=$?
	printf -v "$var" '%s' "$(echo "$(date +%s.%N) - $start" | bc)"
}

# within SECS BOUND: SECS <= BOUND + BASE, BASE being what an honest run of a
# pack takes here (process start, sanitizers, the canary): the bounds are the
# budget + 1 s of the hanging code itself, not of a loaded machine's start-up.
within() { awk -v s="$1" -v b="$2" -v base="$BASE" 'BEGIN {exit !(s <= b + base)}'; }
P=$T/p0
newpack "$P"
timed BASE "$HUIKAN" run "$P" --db "$DB" "${BUDGET[@]}"
[ "$rc" -le 1 ] || not_ok "an honest pack: rc=$rc $(head -c 300 "$T/err")"

# 1. pack.lua hangs in C (string.rep of an empty string): killed, exit 2.
P=$T/p1
newpack "$P"
echo 'local s = ("").rep("", 1 << 50) return { name = "p" }' >"$P/pack.lua"
timed secs "$HUIKAN" run "$P" --db "$DB" "${BUDGET[@]}"
if [ "$rc" -eq 2 ] && grep -q "pack.lua: time budget exceeded (2 s wall clock)" "$T/err" && within "$secs" 3.5; then
	ok "pack.lua hanging in C is killed at its budget (${secs}s): $(head -c 120 "$T/err")"
else
	not_ok "pack.lua hanging in C: rc=$rc ${secs}s $(head -c 300 "$T/err")"
fi

# 2. a rule file's top level hangs in C: that file did not load, the next one
# (read by a new process) did, and the canary runs.
P=$T/p2
newpack "$P"
cp "$ROOT/tests/hostile/load_time_c_hang.lua" "$P/rules/a_hang.lua"
cat >"$P/rules/b_after.lua" <<'LUA'
return { id = "b.after", title = "after", category = "x", severity = "info", entity = "household",
	check = function(ctx) ctx:report{ entity = "household:after", message = "loaded after the hang" } end }
LUA
timed secs "$HUIKAN" run "$P" --db "$DB" "${BUDGET[@]}" --format jsonl
if [ "$rc" -eq 3 ] && grep -q "did not load: .*a_hang.lua: time budget exceeded" "$T/err" &&
	grep -q '"household:after"' "$T/out" && grep -q '"household:canary"' "$T/out" && within "$secs" 4.5; then
	ok "rule file hanging at load in C is killed (${secs}s), the files after it load and run"
else
	not_ok "rule file hanging at load: rc=$rc ${secs}s $(head -c 400 "$T/err")"
fi

# 3. --param table constructors that hang in C (they get no globals, but
# strings have methods): killed at the constructor's 2 s budget.
P=$T/p3
newpack "$P"
echo 'return { name = "p", params = { limit = 10, t = { 1 } } }' >"$P/pack.lua"
for expr in '{("").rep("", 1 << 50)}' '{("").rep("", 1 << 50, "")}' '{("a"):rep(6000000):find(("a"):rep(2999999) .. "b", 1, true)}'; do
	timed secs "$HUIKAN" run "$P" --db "$DB" "${BUDGET[@]}" --param "t=$expr"
	if [ "$rc" -eq 2 ] && grep -q -- "--param t: time budget exceeded (2 s wall clock)" "$T/err" && within "$secs" 3.5; then
		ok "--param t=$expr killed at its budget (${secs}s)"
	else
		not_ok "--param t=$expr: rc=$rc ${secs}s $(head -c 300 "$T/err")"
	fi
done

# 4. symlinks out of the pack, a FIFO, an oversized file: refused and never
# read; a symlink inside the pack to a file inside it is fine.
P=$T/p4
newpack "$P"
echo 'KEY="s3cr3t-value"' >"$P/secret.env"
ln -s ../secret.env "$P/lib/cfg.lua"
ln -s /etc/os-release "$P/lib/osr.lua"
ln -s real.lua "$P/lib/alias.lua"
mkfifo "$P/lib/fifo.lua" "$P/rules/fifo.lua"
head -c 1100000 /dev/zero | tr '\0' ' ' >"$P/rules/big.lua"
ln -s /etc/os-release "$P/rules/etc.lua"
for m in cfg osr fifo alias; do
	cat >"$P/rules/req_$m.lua" <<LUA
return { id = "req.$m", title = "$m", category = "x", severity = "info", entity = "household",
	check = function(ctx)
		local ok, v = pcall(require, "$m")
		ctx:report{ entity = "household:$m", message = ok and ("loaded: " .. tostring(v.answer or v)) or ("refused: " .. tostring(v)) }
	end }
LUA
done
timed secs "$HUIKAN" run "$P" --db "$DB" "${BUDGET[@]}" --format jsonl
grep -q "s3cr3t\|VERSION_ID\|PRETTY_NAME" "$T/out" "$T/err" && not_ok "a secret reached the output" || ok "no secret in the output"
grep -q '"household:cfg".*refused: .*cfg.lua: a symlink to .*secret.env.*refused' "$T/out" && ok "lib/cfg.lua -> ../secret.env refused" ||
	not_ok "lib/cfg.lua -> ../secret.env: $(grep cfg "$T/out" | head -c 300)"
grep -q '"household:osr".*refused: .*osr.lua: a symlink to .*os-release.*refused' "$T/out" && ok "lib/osr.lua -> /etc/os-release refused" ||
	not_ok "lib/osr.lua -> /etc/os-release: $(grep osr "$T/out" | head -c 300)"
grep -q '"household:fifo".*refused: .*fifo.lua: not a regular file' "$T/out" && ok "lib/fifo.lua (a FIFO) refused, no hang" ||
	not_ok "lib/fifo.lua: $(grep fifo "$T/out" | head -c 300)"
grep -q '"household:alias".*loaded: 42' "$T/out" && ok "lib/alias.lua -> real.lua (inside the pack) loads" ||
	not_ok "lib/alias.lua: $(grep alias "$T/out" | head -c 300)"
grep -q "did not load: .*rules/fifo.lua: not a regular file" "$T/err" && ok "rules/fifo.lua refused" || not_ok "rules/fifo.lua: $(head -c 400 "$T/err")"
grep -q "did not load: .*rules/big.lua: larger than 1024 KiB" "$T/err" && ok "a rule file over 1 MiB refused" || not_ok "rules/big.lua: $(head -c 400 "$T/err")"
grep -q "did not load: .*rules/etc.lua: a symlink to .*os-release" "$T/err" && ok "rules/etc.lua -> /etc/os-release refused" || not_ok "rules/etc.lua: $(head -c 400 "$T/err")"
grep -q '"household:canary"' "$T/out" && within "$secs" 10 && ok "the canary reports (${secs}s)" || not_ok "canary: $(head -c 300 "$T/err")"

[ "$(sha256sum <"$DB")" = "$sum0" ] && ok "the db is unchanged" || not_ok "the db changed"

# 5. huikan test: a test file that hangs in C is killed at its budget and is
# one failing case; the tests of the other rules still run.
P=$T/p5
newpack "$P"
cp "$P/rules/zz_canary.lua" "$P/rules/aa.lua"
sed -i 's/zz.canary/aa.rule/' "$P/rules/aa.lua"
echo 'local s = ("").rep("", 1 << 50) return {}' >"$P/rules/aa.test.lua"
echo "return { { name = 'canary', fixture = '$ROOT/tests/hostile/registry', expect = { 'household:canary' } } }" >"$P/rules/zz_canary.test.lua"
timed secs "$HUIKAN" test "$P" "${BUDGET[@]}"
if [ "$rc" -eq 1 ] && grep -q "not ok - aa.rule: (test file)" "$T/out" && grep -q "aa.test.lua: time budget exceeded" "$T/out" &&
	grep -q "1 failed" "$T/out" && within "$secs" 6; then
	ok "huikan test: a test file hanging in C is killed (${secs}s): $(grep 'not ok' "$T/out" | head -c 150)"
else
	not_ok "huikan test with a hanging test file: rc=$rc ${secs}s $(head -c 300 "$T/out") $(head -c 300 "$T/err")"
fi
