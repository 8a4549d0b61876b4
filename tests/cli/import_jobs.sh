#!/usr/bin/env bash
# `huikan import -j N`: a new db loaded by several processes, each a share of
# the tables, gives the db one process gives (same .dump, same counts on
# stdout), says so in its summary, and leaves no part file behind, whether it
# succeeds or fails. Errors and warnings in any table are written as one
# process writes them (the same lines), and nothing is kept. Bad -j values
# are usage errors.
. "$(dirname "$0")/lib.bash"

src="$T/reg"
if ! "$HUIKAN" demo-data --out "$src" --households 1500 --seed 3 >/dev/null 2>"$T/demo.err"; then
	not_ok "demo-data: $(head -3 "$T/demo.err")"
	exit 0
fi
rm -f "$src/truth.jsonl"

for j in 1 2 3; do
	mkdir -p "$T/j$j"
	run_hk "$T/j$j/out" "$T/j$j/err" import -j "$j" --db "$T/j$j/r.db" "$src"
	check "import -j $j exits 0" test "$rc" -eq 0
	sqlite3 "$T/j$j/r.db" .dump >"$T/j$j/dump"
done
check "import -j 2: .dump identical to -j 1" cmp -s "$T/j1/dump" "$T/j2/dump"
check "import -j 3: .dump identical to -j 1" cmp -s "$T/j1/dump" "$T/j3/dump"
check "import -j 2: the same rows added (stdout)" cmp -s "$T/j1/out" "$T/j2/out"
check "import -j 2: PRAGMA integrity_check ok" test "$(sqlite3 "$T/j2/r.db" 'PRAGMA integrity_check')" = ok
check "import -j 2: the summary names 2 processes" grep -q ', 2 processes' "$T/j2/err"
check "import -j 3: the summary names 3 processes" grep -q ', 3 processes' "$T/j3/err"
check "import -j 1: one process, nothing said about processes" bash -c "! grep -q processes '$T/j1/err'"
check "import -j N: no part file left" test -z "$(ls "$T"/j1 "$T"/j2 "$T"/j3 | grep -F .part)"
check "import -j 2: the Chinese summary" bash -c "'$HUIKAN' --lang zh import -j 2 --db '$T/zh.db' '$src' 2>&1 >/dev/null | grep -q '，2 个进程'"

# errors in a big table and in a small one, a warning in a third: the same
# lines as one process, exit 2, no db, no part file
cp -r "$src" "$T/bad"
awk -F, -v OFS=, 'NR == 7 { $6 = "1990-13-45" } { print }' "$src/members.csv" >"$T/bad/members.csv"
awk -F, -v OFS=, 'NR == 3 { $4 = "five" } { print }' "$src/households.csv" >"$T/bad/households.csv"
awk -F, -v OFS=, 'NR == 4 { $6 = "2019-02-30" } { print }' "$src/payments.csv" >"$T/bad/payments.csv"
awk -F, -v OFS=, 'NR == 1 { $0 = $0 ",extra_col" } NR > 1 { $0 = $0 "," } { print }' "$src/visits.csv" >"$T/bad/visits.csv"
for j in 1 2; do
	mkdir -p "$T/b$j"
	run_hk "$T/b$j/out" "$T/b$j/err" import -j "$j" --db "$T/b$j/r.db" "$T/bad"
	check "bad import -j $j exits 2" test "$rc" -eq 2
	check "bad import -j $j: no db, no part file" test -z "$(ls -A "$T/b$j" | grep -v -e '^out$' -e '^err$')"
	sort "$T/b$j/err" >"$T/b$j/sorted"
done
check "bad import: members.csv line 7 named" grep -q 'members.csv:7:' "$T/b2/err"
check "bad import: households.csv line 3 named" grep -q 'households.csv:3:' "$T/b2/err"
check "bad import: payments.csv line 4 named" grep -q 'payments.csv:4:' "$T/b2/err"
check "bad import: the unknown column of visits.csv warned" grep -q 'extra_col' "$T/b2/err"
check "bad import -j 2: the same lines as -j 1" cmp -s "$T/b1/sorted" "$T/b2/sorted"
[ -s "$T/b1/sorted" ] && ! cmp -s "$T/b1/sorted" "$T/b2/sorted" && diff "$T/b1/sorted" "$T/b2/sorted" | sed 's/^/# /' | head -10

# a warning only: imported, the warning written once
cp -r "$src" "$T/warn"
cp "$T/bad/visits.csv" "$T/warn/visits.csv"
run_hk "$T/wout" "$T/werr" import -j 2 --db "$T/w.db" "$T/warn"
check "warned import -j 2 exits 0" test "$rc" -eq 0
check "warned import -j 2: the warning written once" test "$(grep -c extra_col "$T/werr")" -eq 1
check "warned import -j 2: the same rows as -j 1" cmp -s "$T/wout" "$T/j1/out"

# an existing db: one process (rows added to what is there)
run_hk "$T/eout" "$T/eerr" import -j 2 --db "$T/j1/r.db" "$T/bad/members.csv"
check "import -j 2 into an existing db: the error, exit 2" test "$rc" -eq 2
check "import -j 2 into an existing db: untouched" \
	test "$(sqlite3 "$T/j1/r.db" .dump | sha256sum)" = "$(sha256sum <"$T/j1/dump")"

for bad in 0 9 x ""; do
	run_hk "$T/uout" "$T/uerr" import -j "$bad" --db "$T/u.db" "$src"
	check "import -j '$bad': usage error" test "$rc" -eq 2
	check "import -j '$bad': says what it wants" grep -q "from 1 to 8, not '$bad'" "$T/uerr"
	check "import -j '$bad': no db" test ! -e "$T/u.db"
done
