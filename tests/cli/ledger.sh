# The ledger end to end: init, roles, recording runs, rectification steps,
# refusals with reasons, queries, and stock git reading it.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export HUIKAN_LEDGER="$T/L"
export HUIKAN_USER="$ADMIN"

run_hk "$T/out" "$T/err" ledger init --unsigned "$T/L" --office county --admin "$ADMIN"
check "init creates a ledger" test "$rc" -eq 0 -a -f "$T/L/HEAD"
check "init makes a bare repository" test "$(git --git-dir="$T/L" rev-parse --is-bare-repository)" = true
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/L" --office county --admin "$ADMIN"
check "init refuses a non-empty directory" grep -q "exists and is not empty" "$T/err"
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/L2" --office "a/b" --admin "$ADMIN"
check "init refuses a bad office name" test "$rc" -eq 2 -a ! -e "$T/L2"
run_hk "$T/out" "$T/err" ledger init --unsigned "$T/L2" --office x --admin "no email"
check "init refuses an identity without e-mail" grep -q 'not of the form "Name <email>"' "$T/err"

for r in "officer:$OLGA" "officer:$OSCAR" "inspector:$IRIS" "unit:$UNIT"; do
	"$HUIKAN" ledger role add "${r%%:*}" "${r#*:}" >/dev/null || not_ok "role add $r"
done
run_hk "$T/out" "$T/err" ledger role add officer "Eve <eve@x.cn>" --as "$OLGA"
check "a non-admin cannot grant roles" grep -q "is not an admin" "$T/err"
"$HUIKAN" ledger role list >"$T/roles"
check "role list shows the roles" grep -q "^officer	$OSCAR\$" "$T/roles"
check "role list shows units" grep -q "^unit	$UNIT\$" "$T/roles"
"$HUIKAN" ledger role add officer "Tmp <tmp@x.cn>" >/dev/null && "$HUIKAN" ledger role remove officer "Tmp <tmp@x.cn>" >/dev/null
check "role remove revokes" bash -c "! '$HUIKAN' ledger role list | grep -q tmp@x.cn"

write_findings "$T/f.jsonl" 5
F1=$(fid precision.vehicle household:H1)
F2=$(fid precision.vehicle household:H2)
F3=$(fid precision.vehicle household:H3)
F5=$(fid precision.vehicle household:H5)
run_hk "$T/out" "$T/err" ledger record --findings "$T/f.jsonl" --pack poverty --rules precision.vehicle
check "record: 5 found" grep -q ": 5 found, 0 absent, 0 reappeared, 0 unchanged" "$T/out"
check "finding ids are F- + 12 hex of SHA-256(rule, entity)" test -n "$(git --git-dir="$T/L" ls-tree -r --name-only main | grep "/$F1/finding.json")"
before=$(git --git-dir="$T/L" rev-parse main:findings)
run_hk "$T/out" "$T/err" ledger record --findings "$T/f.jsonl" --pack poverty --rules precision.vehicle
check "re-running unchanged: 5 unchanged" grep -q ": 0 found, 0 absent, 0 reappeared, 5 unchanged" "$T/out"
check "re-running unchanged changes no finding" test "$(git --git-dir="$T/L" rev-parse main:findings)" = "$before"
head -n 4 "$T/f.jsonl" >"$T/f4.jsonl"
run_hk "$T/out" "$T/err" ledger record --findings "$T/f4.jsonl" --pack poverty --rules precision.vehicle
check "a finding not produced becomes absent" grep -q ": 0 found, 1 absent, 0 reappeared, 4 unchanged" "$T/out"
: >"$T/empty.jsonl"
run_hk "$T/out" "$T/err" ledger record --findings "$T/empty.jsonl" --pack poverty --rules other.rule
check "findings of rules not run are left alone" grep -q ": 0 found, 0 absent, 0 reappeared, 0 unchanged" "$T/out"
run_hk "$T/out" "$T/err" ledger record --findings "$T/f.jsonl" --pack poverty --rules precision.vehicle
check "an absent finding produced again reappears" grep -q ": 0 found, 0 absent, 1 reappeared, 4 unchanged" "$T/out"
"$HUIKAN" findings --format csv >"$T/list"
check "the relapse is counted" grep -q "^$F5,reappeared,.*,1,owns a car" "$T/list"
printf '{"rule":"precision.vehicle","entity":"household:H1","id":"F-000000000000"}\n' >"$T/bad.jsonl"
run_hk "$T/out" "$T/err" ledger record --findings "$T/bad.jsonl" --pack poverty
check "record refuses a wrong id, naming file and line" grep -q "bad.jsonl:1: id 'F-000000000000'" "$T/err"
printf '{"rule":"r","entity":"e"}\n{"rule":"r",\n' >"$T/bad.jsonl"
run_hk "$T/out" "$T/err" ledger record --findings "$T/bad.jsonl" --pack poverty
check "record refuses bad JSON, naming file, line and column" grep -q "bad.jsonl:2:13: " "$T/err"

# steps and refusals
run_hk "$T/out" "$T/err" assign "$F1" --unit "$UNIT" --allow-past-due --due 2026-12-31
check "only officers assign (with the reason)" grep -q "is not an officer of this ledger, so may not assign it" "$T/err"
run_hk "$T/out" "$T/err" assign "$F1" --unit 县卫健委 --allow-past-due --due 2026-12-31 --as "$OLGA"
check "assign names an unknown unit" grep -q "unit '县卫健委' is not a unit of this ledger" "$T/err"
run_hk "$T/out" "$T/err" assign "$F1" --unit "$UNIT" --allow-past-due --due 2026-02-30 --as "$OLGA"
check "assign refuses a bad date" grep -q -- "--due .2026-02-30.: no such date" "$T/err"
run_hk "$T/out" "$T/err" assign "$F1" "$F2" "$F3" --unit "$UNIT" --person 张三 --allow-past-due --due 2026-01-15 --as "$OLGA"
check "assign several findings" test "$rc" -eq 0 -a "$(grep -c assigned "$T/out")" -eq 3
echo "sold the car" >"$T/receipt.txt"
run_hk "$T/out" "$T/err" submit "$F1" --note "car sold" --evidence "$T/receipt.txt" --as "$UNIT_GUY"
check "submit with evidence" test "$rc" -eq 0
sha=$(sha256sum "$T/receipt.txt" | cut -c1-64)
check "evidence is a content-addressed blob" test "$(git --git-dir="$T/L" cat-file -p "main:evidence/${sha:0:2}/$sha")" = "sold the car"
run_hk "$T/out" "$T/err" close "$F1" --as "$OLGA"
check "nobody closes a finding a run still reproduces" grep -q "the last run still reproduces it" "$T/err"
run_hk "$T/out" "$T/err" close "$F1" --as "$UNIT_GUY"
check "only officers close" grep -q "is not an officer" "$T/err"
grep -v '"household:H1"' "$T/f.jsonl" >"$T/f-fixed.jsonl"
"$HUIKAN" ledger record --findings "$T/f-fixed.jsonl" --pack poverty --rules precision.vehicle >/dev/null
run_hk "$T/out" "$T/err" close "$F1" --as "$OLGA" --note "checked on site"
check "an officer closes a rectified, absent finding" test "$rc" -eq 0
run_hk "$T/out" "$T/err" reject "$F1" --reason "too late" --as "$IRIS"
check "illegal transitions are refused with the state" grep -q "(closed): a finding that is closed cannot be rejected" "$T/err"
"$HUIKAN" submit "$F2" --note "fixed" --as "$OSCAR" >/dev/null
grep -v '"household:H2"' "$T/f-fixed.jsonl" >"$T/f-fixed2.jsonl"
"$HUIKAN" ledger record --findings "$T/f-fixed2.jsonl" --pack poverty --rules precision.vehicle >/dev/null
run_hk "$T/out" "$T/err" close "$F2" --as "$OSCAR"
check "whoever submitted cannot close" grep -q "submitted the rectification and may not verify it" "$T/err"
run_hk "$T/out" "$T/err" reject "$F2" --reason "no receipt" --as "$IRIS"
check "an inspector rejects a submission" test "$rc" -eq 0
run_hk "$T/out" "$T/err" waive "$F3" --reason "tractor for farming" --as "$UNIT_GUY"
check "only officers waive" grep -q "is not an officer" "$T/err"
run_hk "$T/out" "$T/err" waive "$F3" --as "$OLGA"
check "waive needs a reason" test "$rc" -eq 2
run_hk "$T/out" "$T/err" waive "$F3" --reason "tractor for farming" --as "$OLGA"
check "an officer waives" test "$rc" -eq 0
run_hk "$T/out" "$T/err" reopen "$F1" --reason "car bought back" --as "$IRIS"
check "an inspector reopens" test "$rc" -eq 0
run_hk "$T/out" "$T/err" close F-nothex --as "$OLGA"
check "a bad id is a usage error" test "$rc" -eq 2
run_hk "$T/out" "$T/err" close F-000000000000 --as "$OLGA"
check "an unknown finding is named" grep -q "no finding F-000000000000" "$T/err"

# queries
"$HUIKAN" findings --overdue --as-of 2026-03-01 >"$T/overdue"
check "findings --overdue lists assigned findings past due" test "$(tail -n +2 "$T/overdue" | cut -f1 | sort | tr '\n' ' ')" = "$(printf '%s\n' "$F2" | sort | tr '\n' ' ')"
check "--overdue gives the days" grep -q "	45	" "$T/overdue"
"$HUIKAN" findings --status waived --format json >"$T/w"
check "findings --status --format json" grep -q "\"id\":\"$F3\",\"status\":\"waived\"" "$T/w"
# json is one JSON document (an array), jsonl an object a line
"$HUIKAN" findings --format json >"$T/fj"
check "findings --format json is one JSON array of every finding" \
	test "$(jq -r 'type + " " + (length | tostring)' "$T/fj")" = "array $("$HUIKAN" findings --format jsonl | wc -l)"
"$HUIKAN" findings --format json --status closed --rule no.such >"$T/fj0"
check "... an empty array when none" test "$(cat "$T/fj0")" = "[]"
check "stats --format json is one JSON array" test "$("$HUIKAN" stats --format json | jq -r type)" = array
check "findings --format jsonl: a JSON object a line" \
	test "$("$HUIKAN" findings --format jsonl | jq -r type | sort -u)" = object
check "findings --village" test "$("$HUIKAN" findings --village 4509211012 | tail -n +2 | wc -l)" -eq 5
check "findings --rule glob" test "$("$HUIKAN" findings --rule 'precision.*' | tail -n +2 | wc -l)" -eq 5
check "findings --unit" test "$("$HUIKAN" findings --unit "$UNIT" | tail -n +2 | wc -l)" -eq 3
"$HUIKAN" show "$F1" >"$T/show"
check "show gives the whole history" test "$(grep -cE '^  [0-9T:Z -]+  (found|absent|assigned|submitted|closed|reopened|reappeared) ' "$T/show")" -eq 6
check "show names the evidence" grep -q "evidence receipt.txt (13 bytes)" "$T/show"
"$HUIKAN" stats --as-of 2026-03-01 >"$T/stats"
check "stats totals" grep -q "^total	all	5	" "$T/stats"
check "stats by unit" grep -q "^unit	$UNIT	3	" "$T/stats"
check "stats overdue aging" grep -q "^overdue_aging	0	1	0	0$" "$T/stats"

# stock git reads it
git --git-dir="$T/L" log --format=%s main >"$T/log"
check "git log shows the runs" grep -q "^run poverty: 5 found, 0 absent, 0 reappeared, 0 unchanged" "$T/log"
check "git log shows the steps" grep -q "^close $F1: verified and closed (销号)" "$T/log"
check "git log has trailers" test "$(git --git-dir="$T/L" log -1 --format='%(trailers:key=Huikan-Event,valueonly)' main)" = reopened
check "git fsck --strict is clean" git --git-dir="$T/L" fsck --strict --no-progress
git clone -q --bare "$T/L" "$T/clone.git"
check "a clone made by git clone --bare answers queries" test "$("$HUIKAN" findings --ledger "$T/clone.git" | tail -n +2 | wc -l)" -eq 5
run_hk "$T/out" "$T/err" assign "$F5" --unit "$UNIT" --allow-past-due --due 2026-12-31 --as "$OSCAR" --ledger "$T/clone.git"
check "a step on the clone works" test "$rc" -eq 0
check "the clone stays fsck-clean" git --git-dir="$T/clone.git" fsck --strict --no-progress

run_hk "$T/out" "$T/err" ledger verify
check "verify: a legal history has no violation" test "$rc" -eq 0
"$HUIKAN" findings --format csv >"$T/list-before"
rm -f "$T/L/huikan-index.sqlite"*
run_hk "$T/out" "$T/err" ledger reindex
check "reindex rebuilds the index from git" grep -q "indexed 5 findings" "$T/out"
"$HUIKAN" findings --format csv >"$T/list-after"
check "the rebuilt index agrees with the incremental one" cmp -s "$T/list-before" "$T/list-after"
