# tests/cli/ledger_lib.bash - helpers for the ledger CLI tests (sourced after lib.bash).

ADMIN="Ann Admin <ann@county.gov.cn>"
OLGA="Olga Officer <olga@county.gov.cn>"
OSCAR="Oscar Officer <oscar@county.gov.cn>"
IRIS="Iris Inspector <iris@city.gov.cn>"
UNIT_GUY="Wang Unit <wang@edu.gov.cn>"
UNIT="县教育局"

# fid RULE ENTITY: the finding id huikan gives (F- + 12 hex of SHA-256 of "rule\nentity").
fid() { printf 'F-%s' "$(printf '%s\n%s' "$1" "$2" | sha256sum | cut -c1-12)"; }

# write_findings FILE N [PREFIX]: N findings of rule precision.vehicle on households PREFIX1..N.
write_findings() {
	local file=$1 n=$2 prefix=${3:-H}
	awk -v n="$n" -v p="$prefix" 'BEGIN { for (i = 1; i <= n; i++)
		printf "{\"rule\":\"precision.vehicle\",\"entity\":\"household:%s%d\",\"category\":\"precision\",\"severity\":\"high\",\"message\":\"owns a car\",\"evidence\":{\"village_code\":\"4509211012%02d\",\"price\":%d}}\n", p, i, i % 100, 30000 + i }' >"$file"
}

# new_ledger DIR: a ledger with an admin, two officers, an inspector and a unit.
new_ledger() {
	"$HUIKAN" ledger init --unsigned "$1" --office county --admin "$ADMIN" >/dev/null &&
	"$HUIKAN" ledger role add officer "$OLGA" --ledger "$1" --as "$ADMIN" >/dev/null &&
	"$HUIKAN" ledger role add officer "$OSCAR" --ledger "$1" --as "$ADMIN" >/dev/null &&
	"$HUIKAN" ledger role add inspector "$IRIS" --ledger "$1" --as "$ADMIN" >/dev/null &&
	"$HUIKAN" ledger role add unit "$UNIT" --ledger "$1" --as "$ADMIN" >/dev/null
}
