#!/usr/bin/env bash
# The test runner of `make check`: runs every C unit test (build/asan/tests/*,
# from a scratch working directory, so that none depends on the cwd),
# every CLI test script (tests/cli/*.sh) against the given huikan binary, and
# counts their "ok - ..." / "not ok - ..." lines. A test program that exits
# non-zero without reporting a failure (a crash, a sanitizer report) counts as
# one failure. Ends with the line "N passed, N failed".
#
# usage: tests/run.sh HUIKAN-BINARY [FILTER]
set -u
cd "$(dirname "$0")/.."
bin=$(realpath "${1:?usage: tests/run.sh HUIKAN-BINARY [FILTER]}")
filter=${2:-}
export HUIKAN="$bin"
export HUIKAN_HOME="$PWD"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:exitcode=98}
export LC_ALL=C.UTF-8
passed=0
failed=0
log=$(mktemp)
scratch=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$scratch"' EXIT

run_one() {
	local name=$1; shift
	local rc p f
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok - ' "$log")
	f=$(grep -c '^not ok - ' "$log")
	grep -E '^(not ok - |# )' "$log"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name: exited $rc without reporting a failure; its output:"
		tail -n 30 "$log" | sed 's/^/#   /'
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name: ran no test"
		f=1
	fi
	printf '%-40s %4d passed, %d failed\n' "$name" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
}

for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *"$filter"*) ;; *) continue ;; esac
	run_one "$(basename "$t")" bash -c 'cd "$1" && exec "$2"' _ "$scratch" "$PWD/$t"
done
for t in tests/cli/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in *"$filter"*) ;; *) continue ;; esac
	run_one "$(basename "$t")" bash "$t"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
