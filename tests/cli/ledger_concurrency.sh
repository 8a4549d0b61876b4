# Concurrency: 4 processes each issuing 100 rectification commands on one
# ledger; every one of the 400 events is in the ledger, none overwritten.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export HUIKAN_LEDGER="$T/L"
N=${LEDGER_CONCURRENCY_N:-100}

new_ledger "$T/L"
write_findings "$T/f.jsonl" 4
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as "$ADMIN" >/dev/null

worker() {
	local id=$1 fails=0
	for i in $(seq 1 "$N"); do
		"$HUIKAN" assign "$id" --unit "$UNIT" --allow-past-due --due "2026-12-$(printf %02d $((i % 28 + 1)))" --as "$OLGA" \
			>/dev/null 2>>"$T/errors" || fails=$((fails + 1))
	done
	echo "$fails" >"$T/fails.$id"
}
for p in 1 2 3 4; do
	worker "$(fid precision.vehicle household:H$p)" &
done
wait
check "no command failed" test "$(cat "$T"/fails.* | paste -sd+ | bc)" -eq 0
n=$(git --git-dir="$T/L" ls-tree -r --name-only main | grep -c '/events/.*\.json$')
check "all $((4 * N)) events are present (plus 4 found)" test "$n" -eq $((4 * N + 4))
check "one commit per command" test "$(git --git-dir="$T/L" log --format=%s main | grep -c '^assign')" -eq $((4 * N))
run_hk "$T/out" "$T/err" ledger verify
check "ledger verify is clean" test "$rc" -eq 0
check "git fsck --strict is clean" git --git-dir="$T/L" fsck --strict --no-progress
