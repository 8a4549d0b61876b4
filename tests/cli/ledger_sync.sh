# Two offices' ledgers that diverged sync both ways to the same state, with
# every event of both kept; a concurrent writer is never overwritten.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
# libgit2 leaks pcre2 match data in fetch/push: not ours (see the file)
export LSAN_OPTIONS="suppressions=$ROOT/tests/cli/lsan-libgit2.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

events() { git --git-dir="$1" ls-tree -r --name-only main | grep -E '/events/|^roles/' | sort; }

new_ledger "$T/A"
write_findings "$T/f.jsonl" 6
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$T/A" --as "$ADMIN" >/dev/null
git clone -q --bare "$T/A" "$T/B"
git --git-dir="$T/B" config huikan.office town
F1=$(fid precision.vehicle household:H1)
F2=$(fid precision.vehicle household:H2)
F3=$(fid precision.vehicle household:H3)

# the county acts on F1 and F3, the town on F2 and F3, and records its own run
"$HUIKAN" assign "$F1" "$F3" --unit "$UNIT" --allow-past-due --due 2026-12-01 --ledger "$T/A" --as "$OLGA" >/dev/null
"$HUIKAN" ledger role add unit 镇政府 --ledger "$T/B" --as "$ADMIN" >/dev/null
"$HUIKAN" assign "$F2" "$F3" --unit 镇政府 --allow-past-due --due 2026-11-15 --ledger "$T/B" --as "$OSCAR" >/dev/null
head -n 5 "$T/f.jsonl" >"$T/f5.jsonl"
"$HUIKAN" ledger record --findings "$T/f5.jsonl" --pack poverty --rules precision.vehicle --ledger "$T/B" --as "$ADMIN" >/dev/null
"$HUIKAN" ledger record --findings "$T/f5.jsonl" --pack poverty --rules precision.vehicle --ledger "$T/A" --as "$ADMIN" >/dev/null
events "$T/A" >"$T/ev-a"
events "$T/B" >"$T/ev-b"
cat "$T/ev-a" "$T/ev-b" | sort -u >"$T/ev-all"
check "the ledgers diverged" test "$(git --git-dir="$T/A" rev-parse main)" != "$(git --git-dir="$T/B" rev-parse main)"

run_hk "$T/out" "$T/err" ledger sync "$T/B" --ledger "$T/A" --as "$ADMIN"
check "sync A<-B merges and pushes" grep -q "merged, pushed$" "$T/out"
run_hk "$T/out" "$T/err" ledger sync "file://$T/A" --ledger "$T/B" --as "$ADMIN"
check "sync B<-A (file:// URL) needs nothing more" test "$rc" -eq 0
check "both ledgers reach the same head" test "$(git --git-dir="$T/A" rev-parse main)" = "$(git --git-dir="$T/B" rev-parse main)"
check "every event of both offices is kept" cmp -s "$T/ev-all" <(events "$T/A")
check "the merge is a two-parent commit" test "$(git --git-dir="$T/A" log -1 --format=%p main | wc -w)" -eq 2
if "$HUIKAN" ledger verify --ledger "$T/A" >"$T/va" 2>&1 && "$HUIKAN" ledger verify --ledger "$T/B" >"$T/vb" 2>&1; then
	ok "both ledgers verify"
else
	not_ok "both ledgers verify"
	sed 's/^/# A: /' "$T/va"
	sed 's/^/# B: /' "$T/vb" 2>/dev/null
fi
check "git fsck --strict after the merge" git --git-dir="$T/A" fsck --strict --no-progress
"$HUIKAN" findings --ledger "$T/A" --format csv >"$T/la"
"$HUIKAN" findings --ledger "$T/B" --format csv >"$T/lb"
check "both indexes agree" cmp -s "$T/la" "$T/lb"
"$HUIKAN" show "$F3" --ledger "$T/A" >"$T/show"
check "show lists both offices' steps" test "$(grep -c ' assigned ' "$T/show")" -eq 2

# diverge again, and sync the other way round first
"$HUIKAN" submit "$F1" --note done --ledger "$T/A" --as "$UNIT_GUY" >/dev/null
"$HUIKAN" submit "$F2" --note done --ledger "$T/B" --as "$UNIT_GUY" >/dev/null
"$HUIKAN" ledger sync "$T/A" --ledger "$T/B" --as "$ADMIN" >/dev/null
"$HUIKAN" ledger sync "$T/B" --ledger "$T/A" --as "$ADMIN" >/dev/null
check "second round: same head" test "$(git --git-dir="$T/A" rev-parse main)" = "$(git --git-dir="$T/B" rev-parse main)"
check "second round: both submissions kept" test "$(git --git-dir="$T/A" log --format=%s main | grep -c '^submit')" -eq 2

# sync to a new, empty bare repository (a server) and back
git init -q --bare "$T/server.git"
run_hk "$T/out" "$T/err" ledger sync "$T/server.git" --ledger "$T/A" --as "$ADMIN"
check "sync pushes to an empty remote" test "$(git --git-dir="$T/server.git" rev-parse main)" = "$(git --git-dir="$T/A" rev-parse main)"
"$HUIKAN" ledger init --unsigned "$T/other" --office elsewhere --admin "$ADMIN" >/dev/null
run_hk "$T/out" "$T/err" ledger sync "$T/other" --ledger "$T/A" --as "$ADMIN"
check "sync refuses a ledger founded apart" grep -q "founded apart" "$T/err"
check "a refused sync leaves both heads alone" test "$(git --git-dir="$T/other" log --oneline main | wc -l)" -eq 1
run_hk "$T/out" "$T/err" ledger sync "$T/nowhere" --ledger "$T/A" --as "$ADMIN"
check "sync names a missing remote" grep -q "nowhere: no such directory" "$T/err"

# a concurrent writer on the remote is not overwritten
"$HUIKAN" close "$F1" --ledger "$T/A" --as "$OSCAR" >/dev/null 2>&1 || true
"$HUIKAN" waive "$F2" --reason dup --ledger "$T/B" --as "$OLGA" >/dev/null &
"$HUIKAN" ledger sync "$T/B" --ledger "$T/A" --as "$ADMIN" >/dev/null
wait
"$HUIKAN" ledger sync "$T/B" --ledger "$T/A" --as "$ADMIN" >/dev/null
check "a step racing a sync is kept" test "$(git --git-dir="$T/A" log --format=%s main | grep -c '^waive')" -eq 1
