#!/usr/bin/env bash
# The main job on the bundled demo county (陆川县, 450922), run by `make demo`:
# generate the synthetic registry, import it, and run what huikan has on it.
# Everything goes to demo/ at the top of the tree (ignored by git).
#
# usage: scripts/demo.sh HUIKAN-BINARY
set -euo pipefail
bin=$(realpath "${1:?usage: scripts/demo.sh HUIKAN-BINARY}")
cd "$(dirname "$0")/.."
out=demo
as_of=2020-06-30
mkdir -p "$out"

step() { printf '\n== %s\n' "$*" >&2; }

step "generating the demo county 陆川县 (450922) as CSV files in $out/csv"
rm -rf "$out/csv"
"$bin" demo-data --out "$out/csv" --county 450922 --as-of "$as_of"

step "importing it into $out/registry.sqlite"
"$bin" import --replace --db "$out/registry.sqlite" "$out/csv"

printf '\nthe demo registry is %s/registry.sqlite; try:\n' "$out" >&2
printf '  sqlite3 %s/registry.sqlite "select status, count(*) from households group by status"\n' "$out" >&2
