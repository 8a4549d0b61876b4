#!/usr/bin/env bash
# `make bench`: runs every benchmark script bench/<name>.sh with the huikan binary
# and prints what each measured. Benchmarks write scratch data under build/bench.
#
# usage: bench/run.sh HUIKAN-BINARY [NAME...]
set -u
cd "$(dirname "$0")/.."
bin=$(realpath "${1:?usage: bench/run.sh HUIKAN-BINARY [NAME...]}")
shift
export HUIKAN_HOME="$PWD"
export LC_ALL=C.UTF-8
mkdir -p build/bench
status=0
for b in bench/*.sh; do
	name=$(basename "$b" .sh)
	[ "$name" = run ] && continue
	if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
	printf '\n== bench %s\n' "$name"
	bash "$b" "$bin" || { echo "bench $name failed"; status=1; }
done
exit $status
