# Honest concurrent steps are not tampering: the county closes a submitted
# finding while a town office rejects it, both at the same Lamport clock. After
# sync both offices agree on the state (the first in replay order wins), show
# the other step as superseded, and verify clean. A step that is illegal in
# its own causal past is still reported.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export LSAN_OPTIONS="suppressions=$ROOT/tests/cli/lsan-libgit2.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

new_ledger "$T/A"
write_findings "$T/f.jsonl" 3
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --ledger "$T/A" --as "$ADMIN" >/dev/null
F1=$(fid precision.vehicle household:H1)
"$HUIKAN" assign "$F1" --unit "$UNIT" --allow-past-due --due 2026-12-01 --ledger "$T/A" --as "$OLGA" >/dev/null
"$HUIKAN" submit "$F1" --note "sold the car" --ledger "$T/A" --as "$UNIT_GUY" >/dev/null
# the data was fixed: the next run no longer reproduces F1, so it may be closed
tail -n 2 "$T/f.jsonl" >"$T/f2.jsonl"
"$HUIKAN" ledger record --findings "$T/f2.jsonl" --pack poverty --rules precision.vehicle --ledger "$T/A" \
	--as "$ADMIN" >/dev/null
git clone -q --bare "$T/A" "$T/B"
git --git-dir="$T/B" config huikan.office town

# the same moment: neither office has seen the other's step
run_hk "$T/out" "$T/err" close "$F1" --note "verified" --ledger "$T/A" --as "$OLGA"
check "the county closes" test "$rc" -eq 0
run_hk "$T/out" "$T/err" reject "$F1" --reason "no proof of sale" --ledger "$T/B" --as "$IRIS"
check "the town rejects" test "$rc" -eq 0
evname() { git --git-dir="$1" ls-tree -r --name-only main | grep "/$F1/events/" | sort | tail -1 | sed 's|.*/||'; }
close_ev=$(evname "$T/A")
reject_ev=$(evname "$T/B")
check "both steps have the same Lamport clock" test "${close_ev%%-*}" = "${reject_ev%%-*}"

"$HUIKAN" ledger sync "$T/B" --ledger "$T/A" --as "$ADMIN" >/dev/null
"$HUIKAN" ledger sync "$T/A" --ledger "$T/B" --as "$ADMIN" >/dev/null
check "both offices reach the same head" \
	test "$(git --git-dir="$T/A" rev-parse main)" = "$(git --git-dir="$T/B" rev-parse main)"
for o in A B; do
	run_hk "$T/v$o" "$T/ve$o" ledger verify --ledger "$T/$o"
	check "ledger verify of office $o exits 0" test "$rc" -eq 0
	[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/v$o"
	"$HUIKAN" show "$F1" --ledger "$T/$o" >"$T/show$o"
	"$HUIKAN" show "$F1" --ledger "$T/$o" --format json >"$T/json$o"
	"$HUIKAN" findings --ledger "$T/$o" --status closed,assigned,submitted --format csv >"$T/list$o"
done
check "both offices show the same state" cmp -s "$T/showA" "$T/showB"
check "both offices list the same findings" cmp -s "$T/listA" "$T/listB"
check "the first in replay order (county) wins: closed" grep -q '^status    closed' "$T/showA"
check "show marks the rejection superseded by the close" \
	grep -q -- "-- no effect, superseded by the concurrent closed event $close_ev of $OLGA: a finding that is closed cannot be rejected" "$T/showA"
check "show does not call the rejection illegal" test "$(grep -c '!! illegal' "$T/showA")" -eq 0
check "show --format json carries the superseded mark" \
	grep -q "\"type\":\"rejected\".*\"illegal\":null,\"superseded\":\"superseded by the concurrent closed event $close_ev" "$T/jsonA"
check "the rejection is kept in the ledger" git --git-dir="$T/A" cat-file -e "main:$(git --git-dir="$T/A" ls-tree -r --name-only main | grep "/$reject_ev")"

# forged: steps no honest office writes, illegal given their own causal past
dir=$(dirname "$(git --git-dir="$T/A" ls-tree -r --name-only main | grep "/$F1/finding.json")")
close_hash=$(echo "$close_ev" | sed 's/.*-\([0-9a-f]*\)\.json$/\1/')
assign_hash=$(git --git-dir="$T/A" ls-tree -r --name-only main | grep "/$F1/events/" | sort | sed -n 2p |
	sed 's/.*-\([0-9a-f]*\)\.json$/\1/')
forge() { # forge LAMPORT OFFICE TYPE ACTOR PREV EXTRA: prints PATH=BLOB of a well-formed event
	local ev h blob
	ev=$(printf '{"type":"%s","lamport":%d,"office":"%s","actor":"%s","time":"2099-01-01T00:00:00Z","finding":"%s","prev":"%s"%s}' \
		"$3" "$1" "$2" "$4" "$F1" "$5" "$6")
	h=$(printf '%s\n' "$ev" | sha256sum | cut -c1-12)
	blob=$(printf '%s\n' "$ev" | git --git-dir="$T/A" hash-object -w --stdin)
	printf '%s/events/%010d-%s-%s.json=%s' "$dir" "$1" "$2" "$h" "$blob"
}
e1=$(forge 90 town rejected "$IRIS" "$close_hash" ',"reason":"after the close"')
e2=$(forge 91 town closed "$OSCAR" "$assign_hash" ',"note":"closed without a submission"')
idx="$T/idx"
GIT_INDEX_FILE=$idx git --git-dir="$T/A" read-tree main
for e in "$e1" "$e2"; do
	GIT_INDEX_FILE=$idx git --git-dir="$T/A" update-index --add --cacheinfo "100644,${e#*=},${e%%=*}"
done
tree=$(GIT_INDEX_FILE=$idx git --git-dir="$T/A" write-tree)
c=$(printf 'forged\n\nHuikan-Lamport: 92\n' | git --git-dir="$T/A" commit-tree "$tree" -p main)
git --git-dir="$T/A" update-ref refs/heads/main "$c"
run_hk "$T/out" "$T/err" ledger verify --ledger "$T/A"
check "forged steps: verify exits 1" test "$rc" -eq 1
check "a rejection that follows the close is reported" \
	grep -q "(rejected by $IRIS): a finding that is closed cannot be rejected" "$T/out"
check "a close that follows the assignment is reported" \
	grep -q "(closed by $OSCAR): a finding that is assigned cannot be closed" "$T/out"
check "the concurrent rejection is not reported" test "$(grep -c "$reject_ev" "$T/out")" -eq 0
"$HUIKAN" show "$F1" --ledger "$T/A" >"$T/show"
check "show calls the forged steps illegal" test "$(grep -c '!! illegal, ignored' "$T/show")" -eq 2
