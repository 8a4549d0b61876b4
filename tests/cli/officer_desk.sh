# The officer's desk (issue 15): bulk steps chosen by filters (one commit,
# --dry-run, findings that do not qualify listed with why), the plan of an
# assignment, a past due date refused unless confirmed, filters that check
# their values and take place names (--db), ready to close (待销号), short ids,
# evidence written back out byte for byte.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
export HUIKAN_LEDGER="$T/L" HUIKAN_NOW=2021-03-01T08:00:00Z TZ=UTC0
"$HUIKAN" import --quiet --db "$T/r.db" "$ROOT/tests/fixtures/small" >/dev/null || { not_ok "import"; exit 1; }
new_ledger "$T/L"
"$HUIKAN" ledger role add unit 杨梅镇人民政府 --as "$ADMIN" >/dev/null
# 6 findings in 杨梅镇 (450921102, villages 201..203), 3 in another town (450921101)
: >"$T/f.jsonl"
for i in 1 2 3 4 5 6; do
	printf '{"rule":"precision.vehicle","entity":"household:Y%d","category":"precision","severity":"high","message":"owns a car","evidence":{"village_code":"45092110220%d"}}\n' "$i" $(((i - 1) % 3 + 1)) >>"$T/f.jsonl"
done
for i in 1 2 3; do
	printf '{"rule":"funds.idle","entity":"household:O%d","category":"funds","severity":"medium","message":"idle funds","evidence":{"village_code":"45092110100%d"}}\n' "$i" "$i" >>"$T/f.jsonl"
done
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as "$ADMIN" --as-of 2021-03-01 >/dev/null || not_ok "record"
# rc_grep N PATTERN FILE: the exit code was N and FILE holds PATTERN
rc_grep() { test "$rc" -eq "$1" && grep -q -- "$2" "$3"; }
Y1=$(fid precision.vehicle household:Y1)
Y2=$(fid precision.vehicle household:Y2)
O1=$(fid funds.idle household:O1)

# --- filters that check their values ---
run_hk "$T/out" "$T/err" findings --town 杨梅镇
check "a town name without --db is refused (exit 2)" test "$rc" -eq 2
check "saying --db is needed" grep -q -- "--town '杨梅镇': not a code; to name a town by name give the registry with --db FILE" "$T/err"
run_hk "$T/out" "$T/err" findings --town 杨梅镇 --db "$T/r.db"
check "--town NAME with --db lists the town's 6 findings" test "$rc" -eq 0 -a "$(tail -n +2 "$T/out" | wc -l)" -eq 6
check "with --db the rows carry the town's name" test "$(tail -n +2 "$T/out" | cut -f14 | sort -u)" = "杨梅镇"
run_hk "$T/out" "$T/err" findings --village 熊胆村委会 --db "$T/r.db"
check "--village NAME gives that village's 2 findings" test "$rc" -eq 0 -a "$(tail -n +2 "$T/out" | wc -l)" -eq 2
run_hk "$T/out" "$T/err" findings --village 乌石镇 --db "$T/r.db"
check "an unknown place name is an error (exit 2)" test "$rc" -eq 2
check "listing the known villages with names" grep -q "known villages: 450921101001, .*450921102201 熊胆村委会" "$T/err"
run_hk "$T/out" "$T/err" findings --village 4509219
check "an unknown village code is an error" rc_grep 2 "--village '4509219': no village or town of this ledger has that code" "$T/err"
run_hk "$T/out" "$T/err" findings --unit 温泉
check "a partial unit name is an error (exit 2)" test "$rc" -eq 2
check "listing the ledger's units" grep -q -- "--unit '温泉': not a unit of this ledger; its units: $UNIT, 杨梅镇人民政府" "$T/err"
run_hk "$T/out" "$T/err" findings --status opn
check "an unknown status is an error listing the statuses" rc_grep 2 "not a status; the statuses: open, assigned, submitted, absent, closed, waived, reappeared, active, ready" "$T/err"

run_hk "$T/out" "$T/err" show "$Y1" --db "$T/r.db"
check "show --db names the town and the village" rc_grep 0 "^town      450921102 杨梅镇" "$T/out"
run_hk "$T/out" "$T/err" stats --db "$T/r.db"
check "stats --db names the towns" grep -qP '^town\t450921102\t.*\t杨梅镇$' "$T/out"

# --- short ids ---
run_hk "$T/out" "$T/err" show "${Y1:2:6}"
check "show takes a 6-digit prefix" rc_grep 0 "^finding   $Y1" "$T/out"
run_hk "$T/out" "$T/err" show "${Y1:0:7}"
check "a prefix of 5 digits is refused" rc_grep 2 "a unique prefix of at least 6 of them" "$T/err"
# two ids sharing a prefix: find the longest common prefix among the ids
ids=$("$HUIKAN" findings | tail -n +2 | cut -f1 | sort)
amb=$(printf '%s\n' $ids | cut -c3-8 | sort | uniq -d | head -1)
if [ -n "$amb" ]; then
	run_hk "$T/out" "$T/err" show "$amb"
	check "an ambiguous prefix lists the candidates" grep -q "is ambiguous: F-$amb" "$T/err"
else
	run_hk "$T/out" "$T/err" show "F-000000"
	check "an unknown prefix says so" rc_grep 2 "no finding of this ledger has an id starting with F-000000" "$T/err"
fi

# --- bulk assign of one town, in one commit ---
head0=$(git --git-dir="$T/L" rev-parse main)
run_hk "$T/out" "$T/err" assign --town 杨梅镇 --db "$T/r.db" --unit 杨梅镇人民政府 --person 王五 --due 2021-06-30 \
	--measure "核实车辆信息并清退" --goal "数据准确" --lead-unit 杨梅镇人民政府 --support-unit 县公安局 --leader 李镇长 \
	--deadline-kind dated --dry-run --as "$OLGA"
check "--dry-run lists the 6 findings that would be assigned" test "$rc" -eq 0 -a "$(grep -c 'would be assigned (now open)' "$T/out")" -eq 6
check "--dry-run writes nothing" test "$(git --git-dir="$T/L" rev-parse main)" = "$head0"
run_hk "$T/out" "$T/err" assign --town 杨梅镇 --db "$T/r.db" --unit 杨梅镇人民政府 --person 王五 --due 2021-06-30 \
	--measure "核实车辆信息并清退" --goal "数据准确" --lead-unit 杨梅镇人民政府 --support-unit 县公安局 --leader 李镇长 \
	--deadline-kind 限期整改 --as "$OLGA"
check "a town's findings are assigned" test "$rc" -eq 0 -a "$(grep -c ' assigned (commit' "$T/out")" -eq 6
check "in one commit" test "$(git --git-dir="$T/L" rev-list --count "$head0"..main)" -eq 1
check "whose subject counts them" test "$(git --git-dir="$T/L" log -1 --format=%s main)" = "assign 6 findings to 杨梅镇人民政府 / 王五, due 2021-06-30"
check "whose message says how they were chosen" git --git-dir="$T/L" log -1 --format=%B main | grep -q "chosen by --town 杨梅镇"
ev=$(git --git-dir="$T/L" show --name-only --format= main | grep "/$Y1/events/" | head -1)
check "the event holds the plan" sh -c "git --git-dir='$T/L' show 'main:$ev' | grep -q '\"measure\":\"核实车辆信息并清退\",\"goal\":\"数据准确\",\"lead_unit\":\"杨梅镇人民政府\",\"support_unit\":\"县公安局\",\"leader\":\"李镇长\",\"deadline_kind\":\"dated\"'"
# editing the plan later keeps what is not given
run_hk "$T/out" "$T/err" assign "${Y1:2:8}" --measure "收回补助" --as "$OLGA"
check "a later assign edits the plan" test "$rc" -eq 0
ev=$(git --git-dir="$T/L" show --name-only --format= main | grep "/$Y1/events/" | head -1)
check "keeping unit, due, person and the rest" sh -c "git --git-dir='$T/L' show 'main:$ev' | grep -q '\"unit\":\"杨梅镇人民政府\",\"person\":\"王五\",\"due\":\"2021-06-30\",\"measure\":\"收回补助\",\"goal\":\"数据准确\"'"
# show (text) gives the plan of each assignment, in the reader's language
run_hk "$T/out" "$T/err" show "$Y1"
check "show lists the plan of the assignment" sh -c "grep -qx '      measure: 核实车辆信息并清退' '$T/out' && grep -qx '      goal: 数据准确' '$T/out' && grep -qx '      lead unit: 杨梅镇人民政府' '$T/out' && grep -qx '      supporting units: 县公安局' '$T/out' && grep -qx '      leader: 李镇长' '$T/out' && grep -qx '      deadline: by a date' '$T/out' && grep -qx '      measure: 收回补助' '$T/out'"
run_hk "$T/out" "$T/err" --lang zh show "$Y1"
check "... and in Chinese" sh -c "grep -qx '      整改措施：核实车辆信息并清退' '$T/out' && grep -qx '      整改方式：限期整改' '$T/out'"

# --- refusals of assign ---
run_hk "$T/out" "$T/err" assign "$O1" --unit "$UNIT" --due 2021-02-01 --as "$OLGA"
check "a due date already past is refused (exit 2)" test "$rc" -eq 2
check "saying which option confirms it" grep -q -- "--due 2021-02-01 is already past (today is 2021-03-01): give a later date, or confirm this one with --allow-past-due" "$T/err"
run_hk "$T/out" "$T/err" assign "$O1" --unit "$UNIT" --due 2021-02-01 --allow-past-due --as "$OLGA"
check "--allow-past-due confirms it" test "$rc" -eq 0
run_hk "$T/out" "$T/err" assign "$O1" --deadline-kind soon --as "$OLGA"
check "an unknown --deadline-kind is refused" rc_grep 2 "use immediate (立行立改), dated (限期整改) or ongoing (长期坚持)" "$T/err"
run_hk "$T/out" "$T/err" assign "$(fid funds.idle household:O2)" --measure x --as "$OLGA"
check "a first assignment without --unit/--due is refused" rc_grep 2 "it is not assigned yet: give --unit and --due" "$T/err"

# --- bulk waive: the ones that do not qualify are listed with why ---
"$HUIKAN" waive "$Y2" --reason "误报" --as "$OLGA" >/dev/null
head1=$(git --git-dir="$T/L" rev-parse main)
run_hk "$T/out" "$T/err" waive --rule precision.vehicle --village 450921102201 --reason "政策允许" --as "$OLGA"
check "bulk waive by village changes what qualifies" rc_grep 0 "2 of 2 findings waived in one commit" "$T/out"
run_hk "$T/out" "$T/err" reopen --rule 'precision.*' --reason "复查" --as "$IRIS" --dry-run
check "reopen --dry-run: the waived ones qualify" test "$(grep -c 'would be reopened (now waived)' "$T/out")" -eq 3
check "the others are skipped with why" grep -q "skipped (assigned): a finding that is assigned cannot be reopened" "$T/out"
run_hk "$T/out" "$T/err" close --status assigned --as "$OSCAR"
check "a batch where nothing qualifies is refused (exit 2)" rc_grep 2 "none of the 4 findings chosen qualifies" "$T/err"
check "listing each with why" test "$(grep -c 'skipped (assigned): a finding that is assigned cannot be closed' "$T/out")" -eq 4
run_hk "$T/out" "$T/err" waive --unit 温泉 --reason x --as "$OLGA"
check "a bulk step's filters are checked too" rc_grep 2 "--unit '温泉': not a unit of this ledger" "$T/err"

# --- ready to close (待销号) and evidence out ---
printf '%%PDF-1.4\n\x00\x01\xff binary\n' >"$T/scan.pdf"
head -c 3000 /dev/urandom >"$T/photo.jpg"
Y3=$(fid precision.vehicle household:Y3)
"$HUIKAN" submit "$Y3" --note "已整改" --evidence "$T/scan.pdf" --evidence "$T/photo.jpg" --as "$UNIT_GUY" >/dev/null
grep -v 'household:Y3"' "$T/f.jsonl" >"$T/f2.jsonl"
"$HUIKAN" ledger record --findings "$T/f2.jsonl" --pack poverty --as "$ADMIN" --as-of 2021-03-02 >/dev/null
run_hk "$T/out" "$T/err" findings --status ready
check "--status ready lists the submitted finding the last run no longer reproduces" test "$(tail -n +2 "$T/out" | cut -f1)" = "$Y3"
check "findings shows ready = 1 for it" test "$(awk -F'\t' -v id="$Y3" '$1 == id { print $12 }' "$T/out")" = 1
run_hk "$T/out" "$T/err" stats
check "stats counts it as ready" test "$(awk -F'\t' '$1 == "total" { print $10 }' "$T/out")" = 1
run_hk "$T/out" "$T/err" show "$Y3"
check "show says ready to close" grep -q "ready to close, 待销号" "$T/out"
check "show lists the evidence by name and size" grep -qE "^  photo.jpg  3000 bytes" "$T/out"
mkdir "$T/out.d"
run_hk "$T/out" "$T/err" evidence "${Y3:2:6}" -o "$T/out.d"
check "evidence writes every file" test "$rc" -eq 0 -a -f "$T/out.d/scan.pdf" -a -f "$T/out.d/photo.jpg"
check "byte-identical" cmp -s "$T/scan.pdf" "$T/out.d/scan.pdf"
check "byte-identical (binary)" cmp -s "$T/photo.jpg" "$T/out.d/photo.jpg"
mkdir "$T/out2.d"
run_hk "$T/out" "$T/err" evidence "$Y3" -o "$T/out2.d/"
check "evidence -o DIR/ prints each path with one slash" grep -qx "$T/out2.d/scan.pdf" "$T/out"
run_hk "$T/out" "$T/err" evidence "$Y3" -o "$T/out.d"
check "an existing file is not replaced" rc_grep 2 "scan.pdf exists: not replaced" "$T/err"
run_hk "$T/out" "$T/err" evidence "$Y3" photo.jpg -o -
check "one file to standard output" cmp -s "$T/photo.jpg" "$T/out"
run_hk "$T/out" "$T/err" evidence "$Y3" nothing.pdf
check "an unknown name lists the files" rc_grep 2 "has no evidence file named 'nothing.pdf'; its files: scan.pdf, photo.jpg" "$T/err"
run_hk "$T/out" "$T/err" close --status ready --as "$OSCAR"
check "close --status ready closes what is ready" rc_grep 0 "$Y3 closed (commit" "$T/out"
