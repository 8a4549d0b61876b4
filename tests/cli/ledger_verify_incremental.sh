# `ledger verify` is incremental from the last clean verify (issue 17): it
# walks only the commits since refs/huikan/verified and replays the findings
# they touched; `--full` replays everything. A bad commit after the verified
# head is caught incrementally; a reset below the verified head is reported
# (the verified commit is no longer an ancestor); a tamper hidden before a
# moved verified head is still caught by --full.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

# commit_edit LEDGER MESSAGE PATH=BLOB...|-PATH: commits an edited tree on main (git plumbing).
commit_edit() {
	local g=$1 msg=$2 idx="$T/index.$$"
	shift 2
	rm -f "$idx"
	GIT_INDEX_FILE=$idx git --git-dir="$g" read-tree main
	for e in "$@"; do
		case "$e" in
		-*) printf '0 %040d\t%s\n' 0 "${e#-}" | GIT_INDEX_FILE=$idx git --git-dir="$g" update-index --index-info ;;
		*) GIT_INDEX_FILE=$idx git --git-dir="$g" update-index --add --cacheinfo "100644,${e#*=},${e%%=*}" ;;
		esac
	done
	local tree commit
	tree=$(GIT_INDEX_FILE=$idx git --git-dir="$g" write-tree)
	commit=$(printf '%s\n\nHuikan-Lamport: 99\n' "$msg" | git --git-dir="$g" commit-tree "$tree" -p main)
	git --git-dir="$g" update-ref refs/heads/main "$commit"
	rm -f "$idx"
}

new_ledger "$T/L"
export HUIKAN_LEDGER="$T/L"
write_findings "$T/f.jsonl" 30
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as "$ADMIN" >/dev/null
F1=$(fid precision.vehicle household:H1)
F2=$(fid precision.vehicle household:H2)

run_hk "$T/out" "$T/err" ledger verify
check "a first verify walks the whole history" grep -q "the whole history, 6 commits" "$T/err"
check "and is clean" test "$rc" -eq 0
check "it records the head as verified" \
	test "$(git --git-dir="$T/L" rev-parse refs/huikan/verified)" = "$(git --git-dir="$T/L" rev-parse main)"

"$HUIKAN" assign "$F1" "$F2" --unit "$UNIT" --allow-past-due --due 2026-12-01 --as "$OLGA" >/dev/null
run_hk "$T/out" "$T/err" ledger verify
check "after one step verify walks that one commit" grep -q "1 new commits since" "$T/err"
check "and is clean" test "$rc" -eq 0
run_hk "$T/out" "$T/err" ledger verify
check "nothing new: verify walks no commit" grep -q "0 new commits since" "$T/err"
run_hk "$T/out" "$T/err" ledger verify --full
check "--full walks the whole history" grep -q "the whole history, 7 commits" "$T/err"
check "--full is clean too" test "$rc" -eq 0

# a bad commit after the verified head: caught by the incremental walk
cp -r "$T/L" "$T/L1"
p=$(git --git-dir="$T/L1" ls-tree -r --name-only main | grep "/$F1/events/" | sort | tail -1)
blob=$(git --git-dir="$T/L1" cat-file -p "main:$p" | sed 's/2026-12-01/2027-12-01/' | git --git-dir="$T/L1" hash-object -w --stdin)
commit_edit "$T/L1" "fix typo" "$p=$blob"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L1"
check "a changed event after the verified head: exit 1" test "$rc" -eq 1
check "reported as changed by the incremental walk" grep -q "$p was changed" "$T/out"
check "which walked one commit" grep -q "1 new commits since" "$T/err"
check "the verified head stays where it was" \
	test "$(git --git-dir="$T/L1" rev-parse refs/huikan/verified)" = "$(git --git-dir="$T/L1" rev-parse main~1)"

# an event of a finding touched only by the new commit's siblings: a role
# removed in a new commit makes every finding with steps replay again
"$HUIKAN" ledger role remove officer "$OLGA" --as "$ADMIN" >/dev/null
run_hk "$T/out" "$T/err" ledger verify
check "a role change verifies incrementally" grep -q "1 new commits since" "$T/err"
check "and clean (the step was legal when it was written)" test "$rc" -eq 0

# a reset below the verified head: noticed without --full
cp -r "$T/L" "$T/L2"
git --git-dir="$T/L2" update-ref refs/heads/main main~2
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L2"
check "a reset below the verified head: exit 1" test "$rc" -eq 1
check "reported: the verified commit is no longer in the history" grep -q "history was rewritten" "$T/out"
check "and the whole history is walked" grep -q "the whole history" "$T/err"

# a tamper before the verified head, the verified ref and config moved over
# it: the incremental verify trusts the moved mark, --full does not
cp -r "$T/L" "$T/L3"
p=$(git --git-dir="$T/L3" ls-tree -r --name-only main | grep "/$F2/events/" | sort | tail -1)
blob=$(git --git-dir="$T/L3" cat-file -p "main:$p" | sed 's/2026-12-01/2027-12-01/' | git --git-dir="$T/L3" hash-object -w --stdin)
commit_edit "$T/L3" "fix typo" "$p=$blob"
git --git-dir="$T/L3" update-ref refs/huikan/verified main
git --git-dir="$T/L3" config huikan.verified "$(git --git-dir="$T/L3" rev-parse main)"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/L3"
check "a tamper hidden by a moved verified head: the incremental verify walks nothing" grep -q "0 new commits" "$T/err"
run_hk "$T/out" "$T/err" ledger verify --full --ledger "$T/L3"
check "--full catches the tamper before the verified head (exit 1)" test "$rc" -eq 1
check "--full names it" grep -q "$p was changed" "$T/out"
run_hk "$T/out" "$T/err" ledger sync /nonexistent --full
check "--full belongs to verify" test "$rc" -eq 2
