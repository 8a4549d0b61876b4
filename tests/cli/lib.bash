# tests/cli/lib.bash - helpers for the CLI test scripts (sourced, not run).
#
# Scripts run the real binary ($HUIKAN) on real files in a scratch directory
# ($T, removed at exit) and report with ok/not_ok, which tests/run.sh counts.
set -u
: "${HUIKAN:?run through tests/run.sh, or set HUIKAN to the huikan binary}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
	local name=$1; shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# run_hk OUT ERR ARGS...: runs huikan, stdout to OUT, stderr to ERR; sets $rc.
run_hk() {
	local out=$1 err=$2; shift 2
	"$HUIKAN" "$@" >"$out" 2>"$err"
	rc=$?
}
