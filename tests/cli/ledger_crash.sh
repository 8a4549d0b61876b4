# Crash safety: 50 commands (runs of 2,500 findings, written as one pack, and
# rectification steps) killed with SIGKILL at random moments. Afterwards the
# ledger verifies clean, git fsck is clean, and every command that reported
# success is in the history.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export HUIKAN_LEDGER="$T/L"
N=${LEDGER_CRASH_N:-50}

new_ledger "$T/L"
write_findings "$T/all.jsonl" 2500
head -n 2300 "$T/all.jsonl" >"$T/some.jsonl"
"$HUIKAN" ledger record --findings "$T/all.jsonl" --pack poverty --as "$ADMIN" >/dev/null
ids=()
for i in 1 2 3 4 5 6; do ids+=("$(fid precision.vehicle household:H$i)"); done

: >"$T/reported"
killed=0
killed_runs=0
late=0 # kill -9 succeeded on a process that had exited already: not a kill
SLEEP_MIN_MS=${LEDGER_CRASH_SLEEP_MIN_MS:-0} # raise it to see the check of real kills fail
for i in $(seq 1 "$N"); do
	case $((i % 3)) in
	0) args=(ledger record --findings "$T/$([ $((i % 2)) -eq 0 ] && echo all || echo some).jsonl" --pack poverty
		--rules precision.vehicle --as "$ADMIN") ;;
	1) args=(assign "${ids[$((i % 6))]}" --unit "$UNIT" --allow-past-due --due "2026-12-$(printf %02d $((i % 28 + 1)))" --as "$OLGA") ;;
	2) args=(ledger role add unit "unit-$i" --as "$ADMIN") ;;
	esac
	"$HUIKAN" "${args[@]}" >"$T/o.$i" 2>&1 &
	pid=$!
	sleep "$(awk -v ms=$((SLEEP_MIN_MS + RANDOM % 600)) 'BEGIN { printf "%.3f", ms / 1000 }')"
	# a process that already exited is a zombie until waited for, so kill
	# succeeds on it too: only the wait status (128 + SIGKILL) says it was killed
	kill -9 "$pid" 2>/dev/null
	hit=$?
	wait "$pid" 2>/dev/null
	if [ $? -eq 137 ]; then
		killed=$((killed + 1))
		[ $((i % 3)) -eq 0 ] && killed_runs=$((killed_runs + 1))
	elif [ "$hit" -eq 0 ]; then
		late=$((late + 1))
	fi
	grep -o '(commit [0-9a-f]*)' "$T/o.$i" | tr -d '()' | cut -d' ' -f2 >>"$T/reported"
done
echo "# $killed of $N commands killed ($killed_runs runs), $late had exited already," \
	"$(sort -u "$T/reported" | wc -l) reported success"
check "some commands were killed ($killed)" test "$killed" -gt 0
check "some runs (records of 2,300-2,500 findings) were killed ($killed_runs)" test "$killed_runs" -gt 0
missing=0
for c in $(sort -u "$T/reported"); do
	git --git-dir="$T/L" merge-base --is-ancestor "$c" main 2>/dev/null || missing=$((missing + 1))
done
check "every command that reported success is in the ledger" test "$missing" -eq 0
run_hk "$T/out" "$T/err" ledger verify
check "ledger verify is clean after the kills" test "$rc" -eq 0
check "git fsck --strict is clean after the kills" git --git-dir="$T/L" fsck --strict --no-progress
run_hk "$T/out" "$T/err" assign "${ids[0]}" --unit "$UNIT" --allow-past-due --due 2027-01-01 --as "$OLGA"
check "the ledger takes new steps after the kills" test "$rc" -eq 0
"$HUIKAN" findings --format csv >"$T/before"
rm -f "$T/L/huikan-index.sqlite"*
"$HUIKAN" findings --format csv >"$T/after"
check "the index after the kills agrees with a rebuild" cmp -s "$T/before" "$T/after"
