#!/usr/bin/env bash
# Rules on a kernel without seccomp (issue 11): tests/tools/noseccomp runs
# huikan under a filter that answers seccomp(2) with ENOSYS and
# prctl(PR_SET_SECCOMP) with EINVAL, as a kernel built without seccomp does.
# The run must say so once and go on with the budgets and the in-process
# sandbox alone: honest rules report as usual, a hang inside one C call is
# still killed at its wall-clock budget, a rule reaching for io is still
# stopped, and the db is unchanged.
. "$(dirname "$0")/lib.bash"

NOSEC=$ROOT/build/asan/tools/noseccomp
if [ ! -x "$NOSEC" ]; then
	not_ok "no-seccomp test: $NOSEC is not built (make asan builds it)"
	exit 0
fi
PACK=$ROOT/tests/hostile
DB=$T/h.db
"$HUIKAN" import --db "$DB" "$PACK/registry" >/dev/null 2>&1 || not_ok "tests/hostile/registry does not import"
sum0=$(sha256sum <"$DB")
WARN="this kernel has no seccomp"

# the control: on this kernel the filter is installed and nothing is said
"$HUIKAN" run "$PACK" --db "$DB" -j 2 --rules 'zz.canary' --format jsonl >"$T/out0" 2>"$T/err0"
check "with seccomp: no warning" test "$(grep -c "$WARN" "$T/err0")" -eq 0

# honest rules, two processes at once: one warning, the same findings
"$NOSEC" "$HUIKAN" run "$PACK" --db "$DB" -j 2 --rules 'zz.canary or h.io-open' --format jsonl >"$T/out" 2>"$T/err"
rc=$?
check "without seccomp: the warning is given exactly once" test "$(grep -c "$WARN" "$T/err")" -eq 1
grep -q "could not install" "$T/err" && not_ok "without seccomp: a process refused to run: $(grep 'could not install' "$T/err" | head -1)" ||
	ok "without seccomp: no process refuses to run"
check "without seccomp: the canary reports as with it" cmp -s "$T/out0" <(grep -v h.io-open "$T/out")
if [ "$rc" -eq 3 ] && grep -q "rule h.io-open failed: .*global 'io'" "$T/err"; then
	ok "without seccomp: a rule reaching for io is still stopped by the sandbox"
else
	not_ok "without seccomp: h.io-open: exit $rc: $(head -c 400 "$T/err")"
fi

# a hang inside one C call: killed by the parent at the wall-clock budget
start=$(date +%s)
timeout 60 "$NOSEC" "$HUIKAN" run "$PACK" --db "$DB" -j 1 --timeout 3 --rules 'h.rep-empty or zz.canary' \
	--format jsonl >"$T/out" 2>"$T/err"
rc=$?
secs=$(($(date +%s) - start))
if [ "$rc" -eq 3 ] && grep -q "rule h.rep-empty failed: .*time budget exceeded" "$T/err" &&
	grep -q '"entity":"household:canary"' "$T/out" && [ "$secs" -le 20 ]; then
	ok "without seccomp: a hang in C is killed at its budget, the canary still reports (${secs}s)"
else
	not_ok "without seccomp: h.rep-empty: exit $rc after ${secs}s: $(head -c 400 "$T/err")"
fi
check "without seccomp: the db is unchanged" test "$(sha256sum <"$DB")" = "$sum0"
