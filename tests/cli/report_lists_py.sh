# The four lists as 整改 offices keep them (issue 15), read back with an
# independent reader (tests/cli/xlsx_read.py: Python's zipfile + XML): the
# columns of 问题清单 任务清单 责任清单 时限清单 exactly, 序号, statuses in words,
# 发现日期 = the audit date of the run that found it, the plan of the
# assignment, a summary per unit and the red and black lists, checked against
# the ledger (huikan findings, show --format json, stats). Under --lang zh
# (the lists follow the language; tests/cli/report.sh checks --lang en); the
# rule beside its title: recorded by `ledger record --pack`, given by
# `report --findings --pack`.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"
command -v python3 >/dev/null || { not_ok "python3 is missing (scripts/packages.txt)"; exit 0; }
export HUIKAN_LEDGER="$T/L" HUIKAN_NOW=2021-03-01T08:00:00Z TZ=UTC0
"$HUIKAN" import --quiet --db "$T/r.db" "$ROOT/tests/fixtures/small" >/dev/null || { not_ok "import"; exit 0; }
new_ledger "$T/L"
for u in 杨梅镇人民政府 县民政局; do "$HUIKAN" ledger role add unit "$u" --as "$ADMIN" >/dev/null; done
: >"$T/f.jsonl"
for i in 1 2 3 4 5 6; do
	printf '{"rule":"precision.vehicle","entity":"household:Y%d","category":"precision","severity":"high","message":"户%d 有车","evidence":{"village_code":"45092110220%d"}}\n' "$i" "$i" $(((i - 1) % 3 + 1)) >>"$T/f.jsonl"
done
# recorded on 2021-03-01 (HUIKAN_NOW), audit date 2020-06-30
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as "$ADMIN" --as-of 2020-06-30 >/dev/null || not_ok "record"
Y=(); for i in 1 2 3 4 5 6; do Y+=("$(fid precision.vehicle household:Y$i)"); done
"$HUIKAN" assign "${Y[0]}" "${Y[1]}" "${Y[2]}" --unit 杨梅镇人民政府 --person 王五 --due 2021-06-30 --measure "核实车辆并清退" \
	--goal "应退尽退" --lead-unit 杨梅镇人民政府 --support-unit 县公安局 --leader 李镇长 --deadline-kind immediate --as "$OLGA" >/dev/null &&
	"$HUIKAN" assign "${Y[3]}" "${Y[4]}" --unit 县民政局 --due 2021-01-31 --allow-past-due --deadline-kind ongoing --as "$OLGA" >/dev/null &&
	"$HUIKAN" submit "${Y[0]}" --note "已清退" --as "$UNIT_GUY" >/dev/null &&
	grep -v 'household:Y1"' "$T/f.jsonl" >"$T/f2.jsonl" &&
	"$HUIKAN" ledger record --findings "$T/f2.jsonl" --pack poverty --as "$ADMIN" --as-of 2020-09-30 >/dev/null &&
	"$HUIKAN" close "${Y[0]}" --as "$OSCAR" >/dev/null || not_ok "steps"
run_hk "$T/out" "$T/err" report --lang zh --xlsx "$T/r.xlsx" --csv "$T/csv" --db "$T/r.db" --quiet
check "report --xlsx --db" test "$rc" -eq 0
rc_grep() { test "$rc" -eq "$1" && grep -q -- "$2" "$3"; }
x() { python3 "$ROOT/tests/cli/xlsx_read.py" "$T/r.xlsx" "$@"; }
check "the sheets" test "$(x --sheets | paste -sd' ' -)" = "汇总 问题清单 任务清单 责任清单 时限清单 单位汇总 红黑榜"
hdr() { x "$1" | head -n 1 | tr '\t' ' '; }
check "问题清单 columns" test "$(hdr 问题清单)" = "序号 问题类型 问题描述 乡镇 村 发现日期 责任单位 责任人 整改时限 状态 编号"
check "任务清单 columns" test "$(hdr 任务清单)" = "序号 问题 整改措施 整改目标 牵头单位 配合单位 责任领导 完成时限 进展 编号"
check "责任清单 columns" test "$(hdr 责任清单)" = "序号 问题 责任领导 责任单位 责任人 监督单位 编号"
check "时限清单 columns" test "$(hdr 时限清单)" = "序号 问题 时限类型 整改时限 剩余天数 逾期天数 状态 编号"
check "单位汇总 columns" test "$(hdr 单位汇总)" = "序号 责任单位 交办数 已销号 逾期 销号率"
check "红黑榜 columns" test "$(hdr 红黑榜)" = "榜单 名次 责任单位 交办数 已销号 逾期 销号率"

# rows against the ledger
"$HUIKAN" findings >"$T/findings.tsv"
check "问题清单 has every finding of huikan findings, 序号 1..n" \
	test "$(x 问题清单 | tail -n +2 | cut -f1,11 | tr '\t' ' ')" = "$(tail -n +2 "$T/findings.tsv" | cut -f1 | awk '{ print NR, $1 }')"
row() { x "$1" | awk -F'\t' -v id="$2" '$NF == id' | cut -f"$3" | tr '\t' '|'; }
check "问题清单 row: type, text, town and village names, audit date, unit, person, due, status in words" \
	test "$(row 问题清单 "${Y[1]}" 2-10)" = "家庭成员名下有车辆 (precision.vehicle)|户2 有车|杨梅镇|和勃村委会|2020-06-30|杨梅镇人民政府|王五|2021-06-30|整改中"
check "问题清单: a closed finding reads 已销号, an open one 待整改" \
	test "$(row 问题清单 "${Y[0]}" 10)/$(row 问题清单 "${Y[5]}" 10)" = "已销号/待整改"
plan=$("$HUIKAN" show "${Y[1]}" --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
e = [e for e in d["events"] if e["type"] == "assigned"][-1]
print("|".join([e["measure"], e["goal"], e["lead_unit"], e["support_unit"], e["leader"], e["due"]]))')
check "任务清单 row = the plan of the ledger's assigned event" test "$(row 任务清单 "${Y[1]}" 3-8)" = "$plan"
check "任务清单 进展 in words" test "$(row 任务清单 "${Y[1]}" 9)" = "整改中"
check "任务清单: 牵头单位 defaults to the unit" test "$(row 任务清单 "${Y[3]}" 5)" = "县民政局"
check "责任清单 row: leader, unit, person, the office that supervises" \
	test "$(row 责任清单 "${Y[1]}" 3-6)" = "李镇长|杨梅镇人民政府|王五|county"
check "责任清单: one row per assigned finding" test "$(x 责任清单 | tail -n +2 | wc -l)" -eq 5
check "时限清单 row: kind, due, days left, status" test "$(row 时限清单 "${Y[1]}" 3-7)" = "立行立改|2021-06-30|121||整改中"
check "时限清单: an overdue one gives its days overdue" test "$(row 时限清单 "${Y[3]}" 3-7)" = "长期坚持|2021-01-31||29|整改中"
"$HUIKAN" stats >"$T/stats.tsv"
want=$(awk -F'\t' '$1 == "unit" && $2 != "-" { print $2, $3, $5, $7 }' "$T/stats.tsv" | sort)
check "单位汇总 = huikan stats by unit (assigned, closed, overdue)" test "$(x 单位汇总 | tail -n +2 | cut -f2-5 | tr '\t' ' ' | sort)" = "$want"
check "单位汇总 closure rate" test "$(x 单位汇总 | awk -F'\t' '$2 == "杨梅镇人民政府" { print $6 }')" = "0.333"
check "红黑榜: the best unit on the red list, the worst on the black" \
	test "$(x 红黑榜 | tail -n +2 | cut -f1-3 | tr '\t' ' ' | paste -sd, -)" = "红榜 1 杨梅镇人民政府,黑榜 1 县民政局"
check "the CSV lists carry the same columns" test "$(head -n 1 "$T/csv/时限清单.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" = "序号,问题,时限类型,整改时限,剩余天数,逾期天数,状态,编号"

# report --findings: the dashboard and the 问题清单 of one run, without a ledger
"$HUIKAN" run "$ROOT/audits/poverty" --db "$T/r.db" --as-of 2020-06-30 --format jsonl -o "$T/run.jsonl" -q 2>/dev/null
mkdir "$T/noledger"
(cd "$T/noledger" && env -u HUIKAN_LEDGER "$HUIKAN" report --lang zh --findings "$T/run.jsonl" --db "$T/r.db" --as-of 2020-06-30 \
	--html "$T/one.html" --xlsx "$T/one.xlsx" --quiet >"$T/out" 2>"$T/err")
rc=$?
check "report --findings needs no ledger" test "$rc" -eq 0 -a -s "$T/one.html" -a -s "$T/one.xlsx"
n=$(grep -c . "$T/run.jsonl")
check "its 问题清单 has every finding of the run ($n)" test "$(python3 "$ROOT/tests/cli/xlsx_read.py" "$T/one.xlsx" 问题清单 | tail -n +2 | wc -l)" -eq "$n"
check "发现日期 is the run's audit date, 状态 待整改" test "$(python3 "$ROOT/tests/cli/xlsx_read.py" "$T/one.xlsx" 问题清单 | tail -n +2 | cut -f6,10 | sort -u | tr '\t' ' ')" = "2020-06-30 待整改"
check "its ids are the run's ids" test "$(python3 "$ROOT/tests/cli/xlsx_read.py" "$T/one.xlsx" 问题清单 | tail -n +2 | cut -f11 | sort)" = "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$T/run.jsonl" | sort)"
check "villages are named from --db" grep -q "熊胆村委会" <(python3 "$ROOT/tests/cli/xlsx_read.py" "$T/one.xlsx" 问题清单 | cut -f5)
# without --pack the rules are their ids; with it, each with its title (from the pack)
check "report --findings: rules by id without --pack" test "$(python3 "$ROOT/tests/cli/xlsx_read.py" "$T/one.xlsx" 问题清单 | tail -n +2 | cut -f2 | grep -c ' (')" -eq 0
(cd "$T/noledger" && env -u HUIKAN_LEDGER "$HUIKAN" report --lang zh --findings "$T/run.jsonl" --pack "$ROOT/audits/poverty" \
	--csv "$T/one-csv" --quiet >"$T/out" 2>"$T/err")
rc=$?
check "report --findings --pack: each rule's Chinese title beside its id" test "$rc" -eq 0 -a \
	"$(tail -n +2 "$T/one-csv/问题清单.csv" | cut -d, -f2 | grep -c -v -P '^\p{Han}.* \([a-z0-9_.-]+\)$')" -eq 0
run_hk "$T/out" "$T/err" report --pack poverty --html "$T/bad.html"
check "--pack without --findings is refused" rc_grep 2 "give --findings too" "$T/err"
printf '{"rule":"a","entity":"household:1"}\n{"rule":\n' >"$T/bad.jsonl"
run_hk "$T/out" "$T/err" report --findings "$T/bad.jsonl" --html "$T/bad.html"
check "a bad findings file is an error naming file and line, nothing written" rc_grep 2 "bad.jsonl:2" "$T/err"
check "(no half report)" test ! -e "$T/bad.html"
run_hk "$T/out" "$T/err" report --findings "$T/run.jsonl" --run x --html "$T/bad.html"
check "--findings with --run is refused" rc_grep 2 "not with --ledger or --run" "$T/err"
