#!/usr/bin/env bash
# Runs the importer fuzz target for a bounded time and says what it found.
#
# usage: tests/fuzz/run.sh FUZZER SECONDS WORK-DIR
#
# Reads the committed seeds (tests/fuzz/corpus/) and the inputs of earlier
# runs (WORK-DIR/corpus/, where new ones are written); a crash, a sanitizer
# report, a leak or a broken promise of the importer leaves the input in
# WORK-DIR/crash-* (replay it with `FUZZER FILE`). Prints "ok - ..." or
# "not ok - ..." (counted by tests/run.sh) and the fuzzer's statistics as
# "# " lines; exits 0 when nothing was found. FUZZ_ARGS adds libFuzzer
# options (make check passes a fixed -seed and -runs so that its run is
# repeatable: a finding there is the same on every machine).
set -u
fuzzer=${1:?usage: tests/fuzz/run.sh FUZZER SECONDS WORK-DIR}
seconds=${2:?seconds}
work=${3:?work dir}
seeds=$(cd "$(dirname "$0")" && pwd)/corpus
mkdir -p "$work/corpus"
log=$work/fuzz.log
# -timeout: one input taking 10 s is a hang; -rss_limit_mb: a leak that
# grows; -max_len: the seeds are cut to 4 KiB, allow growth past that.
start=$SECONDS
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
	-artifact_prefix="$work/" -print_final_stats=1 ${FUZZ_ARGS:-} "$work/corpus" "$seeds" >"$log" 2>&1
rc=$?
took=$((SECONDS - start))
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
seed=$(sed -n 's/^INFO: Seed: *//p' "$log" | head -1)
echo "# fuzz_import: ${runs:-?} inputs in ${took} s, ${cov:-cov: ?}, corpus $(ls "$work/corpus" | wc -l) + $(ls "$seeds" | wc -l) seeds, -seed=${seed:-?}"
crash=$(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | head -1)
if [ "$rc" -eq 0 ] && [ -z "$crash" ]; then
	echo "ok - fuzz_import: ${runs:-?} mutated CSV inputs, no crash, sanitizer report or broken promise"
	exit 0
fi
echo "not ok - fuzz_import: exit $rc, input ${crash:-none saved}; the report:"
grep -E 'ERROR: |SUMMARY: |fuzz_import: |^ *#[0-9] ' "$log" | head -n 12 | sed 's/^/#   /'
[ -n "$crash" ] && echo "#   input: $(head -c 200 "$crash" | od -An -c | tr -s ' \n' ' ' | head -c 400)"
exit 1
