# huikan demo-data: the synthetic demo county (docs/demo.md).
# Determinism, every table, every rule of docs/rules.md in truth.jsonl with
# entity keys that name real rows, scaling, bad arguments, and the import.
. "$(dirname "$0")/lib.bash"

N=3000
run_hk "$T/out" "$T/err" demo-data --help
check "demo-data --help prints usage" grep -q "usage:" "$T/out"

run_hk "$T/out" "$T/err" demo-data --out "$T/a" --households $N --seed 11
check "demo-data --households $N exits 0" test "$rc" -eq 0
[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/err" | head -5
run_hk "$T/out" "$T/err" demo-data --out "$T/b" --households $N --seed 11
run_hk "$T/out" "$T/err" demo-data --out "$T/c" --households $N --seed 12

sums() { (cd "$1" && sha256sum -- *.csv truth.jsonl); }
check "same seed gives byte-identical files" test "$(sums "$T/a")" = "$(sums "$T/b")"
check "another seed gives different files" test "$(sums "$T/a" | sha256sum)" != "$(sums "$T/c" | sha256sum)"
check "no partial files left" test -z "$(ls "$T/a" | grep -v -e '\.csv$' -e '^truth\.jsonl$')"

# Every table of docs/registry.md is there, with a header of contract columns.
tables=$(awk '/^### /{t=$2} /^\| [a-z_]+ \(/ && t=="Compared"{print $2} /^### [a-z_]+ \(/{print $2}' \
	"$ROOT/docs/registry.md" | sort -u)
missing=""
badhdr=""
for t in $tables; do
	f="$T/a/$t.csv"
	if [ ! -s "$f" ]; then missing="$missing $t"; continue; fi
	for col in $(head -1 "$f" | tr ',' ' '); do
		grep -qw -- "$col" "$ROOT/docs/registry.md" || badhdr="$badhdr $t.$col"
	done
done
check "all $(echo $tables | wc -w) tables of registry.md written${missing:+ (missing:$missing)}" \
	test -z "$missing" -a "$(echo $tables | wc -w)" -ge 18
check "headers use contract column names${badhdr:+ (unknown:$badhdr)}" test -z "$badhdr"

# Every rule id of docs/rules.md occurs in truth.jsonl (rows: | id | title | entity | ... |).
awk -F'|' '/^\| (precision|assignment|funds)\./{gsub(/ /,"",$2); gsub(/ /,"",$4); print $2, $4}' \
	"$ROOT/docs/rules.md" >"$T/rules"
check "docs/rules.md lists rules" test "$(wc -l <"$T/rules")" -ge 40
sed -E 's/^\{"rule":"([^"]*)","entity":"([^"]*)"\}$/\1 \2/' "$T/a/truth.jsonl" >"$T/truth"
check "truth.jsonl lines are {\"rule\":...,\"entity\":...}" \
	test "$(grep -c . "$T/truth")" -eq "$(grep -c '^[a-z.-]* [a-z]*:' "$T/truth")"
check "truth.jsonl is sorted and unique" sh -c "sort -u '$T/a/truth.jsonl' | cmp -s - '$T/a/truth.jsonl'"
# (the cross-county rules are planted only in a slice of several counties:
# demo-data --city, tests/cli/demo_city.sh and province.sh)
absent=$(while read -r id kind; do case $id in *-cross-county) continue ;; esac
	grep -q "^$id " "$T/truth" || printf ' %s' "$id"; done <"$T/rules")
check "every rule id of docs/rules.md but the cross-county ones is in truth.jsonl at $N households${absent:+ (absent:$absent)}" \
	test -z "$absent"

# Entity keys: the kind named in docs/rules.md, and a key that is a row of the
# data (households.id, members.id_number, cadres.id, regions.code of a
# village or town, funds/payments/projects/loans.id, payments.bank_account;
# a person outside the registry, as missed-welfare finds, is in welfare.csv).
keys() { awk -F, -v c="$2" -v w="${3:-}" -v l="${4:-0}" \
	'NR>1 && (w=="" || $l==w) {print $c}' "$T/a/$1.csv" | sort -u >"$T/k.$5"; }
keys households 1 "" 0 household
keys members 1 "" 0 person
keys welfare 1 "" 0 welfare && sort -u -o "$T/k.person" "$T/k.person" "$T/k.welfare"
keys cadres 1 "" 0 cadre
keys regions 1 village 3 village
keys regions 1 town 3 town
keys funds 1 "" 0 fund
keys payments 1 "" 0 payment
keys projects 1 "" 0 project
keys loans 1 "" 0 loan
keys payments 7 "" 0 account
bad=$(while read -r id entity; do
	want=$(awk -v r="$id" '$1==r{print $2}' "$T/rules")
	kind=${entity%%:*} key=${entity#*:}
	if [ "$kind" != "$want" ] || ! grep -qxF -- "$key" "$T/k.$kind"; then printf ' %s=%s' "$id" "$entity"; fi
done <"$T/truth" | head -c 300)
check "entity keys have the rule's kind and name a row${bad:+ (bad:$bad)}" test -z "$bad"

# Counts scale with --households.
rows() { echo $(($(wc -l <"$1") - 1)); }
run_hk "$T/out" "$T/err" demo-data --out "$T/half" --households $((N / 2)) --seed 11
check "households.csv has --households rows" test "$(rows "$T/a/households.csv")" -eq $N
check "half the households at --households $((N / 2))" test "$(rows "$T/half/households.csv")" -eq $((N / 2))
m=$(rows "$T/a/members.csv") m2=$(rows "$T/half/members.csv")
check "about 4.3 members per household ($m for $N)" test "$m" -gt $((N * 40 / 10)) -a "$m" -lt $((N * 46 / 10))
check "members scale with households ($m2 for $((N / 2)))" \
	test "$m2" -gt $((m * 45 / 100)) -a "$m2" -lt $((m * 55 / 100))
c=$(rows "$T/a/cadres.csv")
check "cadres scale (6601 per 19889 households: $c for $N)" test "$c" -ge $((N * 6601 / 19889))

# Bad arguments: exit 2 and a message that names the problem.
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --county 999999
check "unknown county exits 2" test "$rc" -eq 2
check "unknown county names the code and where divisions were looked for" \
	sh -c "grep -q '999999' '$T/err' && grep -q 'divisions' '$T/err'"
check "unknown county leaves no files" test -z "$(ls "$T/x" 2>/dev/null)"
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --households -5
check "negative --households exits 2" test "$rc" -eq 2
check "negative --households is named" grep -q -- "--households: '-5'" "$T/err"
run_hk "$T/out" "$T/err" demo-data --out "$T/x" --as-of 2020-02-30
check "impossible --as-of exits 2" test "$rc" -eq 2
check "bad --as-of is named" grep -q -- "--as-of '2020-02-30': no such date" "$T/err"
run_hk "$T/out" "$T/err" demo-data --households 10
check "missing --out exits 2" test "$rc" -eq 2

# The importer takes the generated data as it is.
run_hk "$T/out" "$T/err" import --help
if [ "$rc" -eq 0 ]; then
	run_hk "$T/out" "$T/err" import --quiet --db "$T/a.db" "$T/a"
	check "huikan import loads the demo data" test "$rc" -eq 0
	[ "$rc" -eq 0 ] || sed 's/^/# /' "$T/err" | head -5
	check "imported household count" test "$(sqlite3 "$T/a.db" 'SELECT count(*) FROM households')" -eq $N
else
	echo "# huikan import not available: import check skipped"
fi

# An independent re-derivation of 19 rules from the CSV files alone must agree
# with the truth (tests/demo/selfcheck.lua).
if command -v lua5.4 >/dev/null; then
	lua5.4 "$ROOT/tests/demo/selfcheck.lua" "$T/a" 2020-06-30 >"$T/self" 2>&1
	check "selfcheck.lua: re-derived findings equal the truth" test $? -eq 0
	grep -v '^ok ' "$T/self" | head -5 | sed 's/^/# /'
fi

# End to end, when the audit pack runs: every rule's findings at the demo's
# as_of equal truth.jsonl exactly (recall and precision 1.0 per rule).
if [ -f "$T/a.db" ] && [ -f "$ROOT/audits/poverty/pack.lua" ]; then
	run_hk "$T/f.jsonl" "$T/err" run poverty --db "$T/a.db" --as-of 2020-06-30 --format jsonl -j 2
	if [ "$rc" -le 1 ]; then
		sed -E 's/^\{"id":"[^"]*","rule":"([^"]*)","entity":"([^"]*)".*/\1 \2/' "$T/f.jsonl" | sort -u >"$T/found"
		sort -u "$T/truth" >"$T/want"
		diffs=$(comm -3 "$T/found" "$T/want" | head -5 | tr '\n\t' ' +')
		check "audit pack findings equal truth.jsonl${diffs:+ (differ: $diffs)}" test -z "$diffs"
	else
		echo "# huikan run poverty failed (exit $rc): end-to-end check skipped"
		sed 's/^/# /' "$T/err" | head -3
	fi
fi
