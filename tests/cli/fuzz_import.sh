# The importer under libFuzzer for a bounded time (tests/fuzz/): builds
# build/fuzz/fuzz_import with clang (make), runs it from the committed seeds
# for $HUIKAN_FUZZ_SECONDS (default 25) and fails on any crash, sanitizer
# report, leak, hang or broken promise of the importer (an internal error on
# input, a failed import that changed the db). `make fuzz` runs longer.
. "$(dirname "$0")/lib.bash"

cd "$ROOT" || exit 1
# a make of its own, not a part of the make that runs the tests
if ! env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s build/fuzz/fuzz_import >"$T/build.log" 2>&1; then
	not_ok "fuzz_import: cannot build the fuzz target (clang and libclang-rt-dev, scripts/packages.txt): $(tail -c 400 "$T/build.log")"
	exit 1
fi
ok "fuzz_import: built"
# a fixed seed and number of inputs: the same run on every machine (the time
# is only a bound); `make fuzz` explores with a random seed
FUZZ_ARGS="-seed=${HUIKAN_FUZZ_SEED:-1} -runs=${HUIKAN_FUZZ_RUNS:-2000}" \
	tests/fuzz/run.sh build/fuzz/fuzz_import "${HUIKAN_FUZZ_SECONDS:-60}" "$T/fuzz"
