#!/usr/bin/env bash
# Writes the seed corpus of the importer fuzz target (tests/fuzz/corpus/) from
# the malformed-input cases (tests/malformed/) and the small valid registry
# (tests/fixtures/small/): one seed per CSV file, its first line being the
# "TABLE [ENCODING]" line that fuzz_import.c reads, cut to 4 KiB. Run it again
# when those files change; the seeds are committed so `make fuzz` and
# tests/cli/fuzz_import.sh need nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/fuzz/corpus
rm -rf "$out"
mkdir -p "$out"
seed() { # seed NAME FILE [WORDS]: the seed NAME from FILE, table = FILE's stem
	local stem
	stem=$(basename "$2" .csv)
	{ printf '%s%s\n' "$stem" "${3:+ $3}"; head -c 4096 "$2"; } >"$out/$1"
}
for f in tests/fixtures/small/*.csv; do
	seed "valid-$(basename "$f" .csv)" "$f"
done
seed "valid-households-add" tests/fixtures/small/households.csv add
for f in tests/malformed/*/*.csv; do
	case=$(basename "$(dirname "$f")")
	words=
	grep -q 'utf-8' "$(dirname "$f")/args" 2>/dev/null && words=utf-8
	seed "malformed-$case-$(basename "$f" .csv)" "$f" "$words"
done
seed "valid-households-gb18030" tests/malformed/forced-utf8-on-gb18030/*.csv gb18030
echo "$(ls "$out" | wc -l) seeds in $out"
