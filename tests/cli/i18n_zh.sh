# The Chinese interface has no English left (issue 14, docs/i18n.md): under
# --lang zh, `huikan help`, every command's --help, each error of the
# malformed-import corpus (tests/malformed) and each ledger refusal contain no
# English word (the check and its allow-list: tests/cli/i18n_lib.bash).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/i18n_lib.bash"
I18N_TAG=i18n_zh

i18n_words "$T/allow"
[ "$(wc -l <"$T/allow")" -gt 150 ] && ok "i18n_zh: allow-list of $(wc -l <"$T/allow") names (commands, tables, columns, codes)" ||
	not_ok "i18n_zh: allow-list too short: $(wc -l <"$T/allow")"
expect_english_checker

zh() { "$HUIKAN" --lang zh "$@"; }

# ---- help and every command's --help ----
zh help >"$T/help" 2>&1
expect_chinese "huikan help" "$T/help"
cmds=$(awk '/^  [a-z]/ { print $1 }' "$T/help")
[ "$(echo "$cmds" | wc -w)" -ge 20 ] && ok "i18n_zh: help lists $(echo "$cmds" | wc -w) commands" ||
	not_ok "i18n_zh: help lists only: $cmds"
for c in $cmds; do
	zh "$c" --help >"$T/h" 2>&1
	expect_chinese "huikan $c --help" "$T/h"
done
zh --help >"$T/h" 2>&1
expect_chinese "huikan --help" "$T/h"
zh run --bogus >"$T/h" 2>&1
expect_chinese "an unknown option" "$T/h"

# ---- each error of the malformed-import corpus ----
db="$T/reg.db"
"$HUIKAN" import --db "$db" --quiet "$ROOT/tests/fixtures/small" >/dev/null 2>&1 ||
	not_ok "i18n_zh: the fixture does not import"
n=0
(
	cd "$ROOT/tests/malformed" || exit 1
	for dir in */; do
		case=${dir%/}
		args=()
		[ -f "$case/args" ] && read -r -a args <"$case/args"
		zh import --db "$db" "${args[@]}" "$case" >/dev/null 2>"$T/m.$case"
		echo "$case"
	done
) >"$T/cases"
while read -r case; do
	n=$((n + 1))
	expect_chinese "malformed $case" "$T/m.$case"
done <"$T/cases"
[ "$n" -ge 30 ] && ok "i18n_zh: $n malformed cases checked" || not_ok "i18n_zh: only $n malformed cases"

# ---- ledger refusals ----
ADMIN="管理员 <admin@county.gov.cn>"
LI="李伟 <li@county.gov.cn>"
ZHAO="赵敏 <zhao@county.gov.cn>"
WANG="王芳 <wang@county.gov.cn>"
L="$T/ledger.git"
export HUIKAN_LEDGER=$L
"$HUIKAN" ledger init "$L" --office county --admin "$ADMIN" --unsigned >/dev/null &&
	"$HUIKAN" ledger role add officer "$LI" --as "$ADMIN" >/dev/null &&
	"$HUIKAN" ledger role add officer "$ZHAO" --as "$ADMIN" >/dev/null &&
	"$HUIKAN" ledger role add unit 乌石镇 --as "$ADMIN" >/dev/null ||
	not_ok "i18n_zh: ledger set-up failed"
fid() { printf 'F-%s' "$(printf '%s\n%s' "$1" "$2" | sha256sum | cut -c1-12)"; }
for i in 1 2 3; do
	printf '{"rule":"precision.vehicle","entity":"household:H%d","category":"precision","severity":"high","message":"有车","evidence":{"village_code":"450922108201"}}\n' "$i"
done >"$T/f.jsonl"
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as-of 2020-06-30 --as "$ADMIN" >/dev/null ||
	not_ok "i18n_zh: ledger record failed"
F1=$(fid precision.vehicle household:H1)
F2=$(fid precision.vehicle household:H2)
"$HUIKAN" assign "$F2" --unit 乌石镇 --due 2030-08-31 --as "$LI" >/dev/null &&
	"$HUIKAN" submit "$F2" --note 已整改 --as "$LI" >/dev/null || not_ok "i18n_zh: assign and submit failed"

refusal() { # refusal NAME ARGS...: a step that is refused (exit 2), its output checked
	local name=$1; shift
	zh "$@" >"$T/r" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		not_ok "i18n_zh: refusal $name: not refused (exit 0): $(head -3 "$T/r")"
	else
		expect_chinese "refusal $name (exit $rc)" "$T/r"
	fi
}
refusal "submit an open finding" submit "$F1" --note 已整改 --as "$LI"
refusal "reject an open finding" reject "$F1" --reason 不实 --as "$LI"
refusal "reopen an open finding" reopen "$F1" --reason 复查 --as "$LI"
refusal "close an open finding" close "$F1" --as "$ZHAO"
refusal "the submitter closes" close "$F2" --as "$LI"
refusal "close while the last run reproduces it" close "$F2" --as "$ZHAO"
refusal "assign by one who is no officer" assign "$F1" --unit 乌石镇 --due 2030-08-31 --as "$WANG"
refusal "assign to an unknown unit" assign "$F1" --unit 温泉镇 --due 2030-08-31 --as "$LI"
refusal "a due date already past" assign "$F1" --unit 乌石镇 --due 2019-01-01 --as "$LI"
refusal "assign without --unit" assign "$F1" --due 2030-08-31 --as "$LI"
refusal "waive without a reason" waive "$F1" --as "$LI"
refusal "a role added by one who is no admin" ledger role add officer "$WANG" --as "$LI"
refusal "an unknown finding" show F-000000000000
refusal "a bulk close where none qualifies" close --rule 'precision.*' --as "$ZHAO"
refusal "an older run" ledger record --findings "$T/f.jsonl" --pack poverty --as-of 2019-06-30 --as "$ADMIN"
refusal "an unknown status" findings --status 办结
refusal "no ledger named" findings --ledger "$T/none"

# ---- the views: findings, stats, show, the run's table and summary ----
zh findings >"$T/v" 2>&1
expect_chinese "findings" "$T/v"
head -1 "$T/v" | grep -q '^问题编号	状态	' && grep -q '	待验收	' "$T/v" && ok "i18n_zh: findings: headers and statuses in words" ||
	not_ok "i18n_zh: findings: $(head -2 "$T/v")"
"$HUIKAN" findings --lang en | grep -q $'\tsubmitted\t' && ok "i18n_zh: findings --lang en keeps the status codes" ||
	not_ok "i18n_zh: findings --lang en lost its codes"
zh findings --format json | grep -q '"status":"submitted"' && ok "i18n_zh: findings --format json keeps keys and codes under --lang zh" ||
	not_ok "i18n_zh: json changed with the language"
zh stats >"$T/v" 2>&1
expect_chinese "stats" "$T/v"
zh show "$F2" >"$T/v" 2>&1
expect_chinese "show" "$T/v"
zh run poverty --db "$db" --as-of 2020-06-30 >"$T/v" 2>"$T/v2"
expect_chinese "run's table" "$T/v"
expect_chinese "run's summary" "$T/v2"
zh rules poverty >"$T/v" 2>&1
expect_chinese "rules" "$T/v"

# ---- times: shown in $TZ, Asia/Shanghai when TZ is unset; stored in UTC ----
L2="$T/clock.git"
HUIKAN_NOW=2021-03-01T20:00:00Z "$HUIKAN" ledger init "$L2" --office county --admin "$ADMIN" --unsigned >/dev/null &&
	HUIKAN_NOW=2021-03-01T20:00:00Z "$HUIKAN" ledger record --ledger "$L2" --findings "$T/f.jsonl" --pack poverty \
		--as-of 2020-06-30 --as "$ADMIN" >/dev/null || not_ok "i18n_zh: clock ledger"
env -u TZ "$HUIKAN" show "$F1" --ledger "$L2" >"$T/t1"
TZ=UTC0 "$HUIKAN" show "$F1" --ledger "$L2" >"$T/t2"
grep -q '^  2021-03-02 04:00:00  found ' "$T/t1" && grep -q '^  2021-03-01 20:00:00  found ' "$T/t2" &&
	ok "i18n_zh: show gives times in \$TZ, Beijing time when TZ is unset" ||
	not_ok "i18n_zh: show times: $(grep found "$T/t1" "$T/t2")"
git --git-dir="$L2" log -1 --format=%B main >/dev/null
git --git-dir="$L2" grep -q '"time":"2021-03-01T20:00:00Z"' main -- findings && ok "i18n_zh: the ledger stores the time in UTC" ||
	not_ok "i18n_zh: stored time is not UTC"

# ---- the report: the 按规则 chart names each rule by its title in the chosen language ----
L3="$T/run.git"
"$HUIKAN" ledger init "$L3" --office county --admin "$ADMIN" --unsigned >/dev/null &&
	"$HUIKAN" run poverty --db "$db" --as-of 2020-06-30 --ledger "$L3" --as "$ADMIN" -q -o /dev/null
zh report --ledger "$L3" --html "$T/zh.html" --quiet >/dev/null 2>&1
"$HUIKAN" --lang en report --ledger "$L3" --html "$T/en.html" --quiet >/dev/null 2>&1
rule_labels() { # the labels of the bars of chart-rule
	tr '<' '\n' <"$1" | awk '/^svg.*id="chart-rule"/ { on = 1 } on && /^\/svg>/ { exit }
		on && /^text[^>]*class="label"/ { sub(/^[^>]*>/, ""); print }'
}
rule_labels "$T/zh.html" >"$T/rl.zh"
rule_labels "$T/en.html" >"$T/rl.en"
# every bar: a title (Chinese under zh, English under en) and the rule id, or the folded rest (其他 N 条规则)
if [ "$(wc -l <"$T/rl.zh")" -ge 3 ] && ! grep -vE '^[^ a-z]*[^ -~][^ ]* [a-z]+\.[a-z0-9-]+$|^其他 ' "$T/rl.zh" >/dev/null &&
	grep -qE '^[a-z].* [a-z]+\.[a-z0-9-]+$' "$T/rl.en" && ! grep -qE '^[a-z]+\.[a-z0-9-]+$' "$T/rl.en"; then
	ok "i18n_zh: report: the 按规则 chart shows each rule's title of the chosen language beside its id ($(wc -l <"$T/rl.zh") bars)"
else
	not_ok "i18n_zh: report chart-rule labels: zh: $(head -3 "$T/rl.zh" | tr '\n' '|') en: $(head -3 "$T/rl.en" | tr '\n' '|')"
fi

# ---- run --explain / --profile and `rules PACK RULE`: their labels in Chinese ----
# (the rules' SQL, SQLite's plan lines and a pack's own text are shown as written)
zh run "$ROOT/audits/poverty/rules/funds.idle.lua" --db "$db" --as-of 2020-06-30 --explain --profile -o /dev/null \
	>/dev/null 2>"$T/explain" || true
grep -q '^规则 funds.idle：[0-9]* 条语句' "$T/explain" && grep -q '^性能分析：各规则用时$' "$T/explain" &&
	grep -q '查询计划' "$T/explain" && ok "i18n_zh: run --explain --profile: Chinese headings" ||
	not_ok "i18n_zh: run --explain --profile: $(head -5 "$T/explain")"
grep -v -e '|' -e '`--' -e '^ *[0-9.]*s  ' "$T/explain" | grep -v '^huikan run：' >"$T/explain.labels"
expect_chinese "run --explain --profile labels" "$T/explain.labels"
zh rules poverty funds.idle >"$T/rule"
awk -F'：' '/^  [^ ]/ { print $1 }' "$T/rule" >"$T/rule.labels"
[ "$(wc -l <"$T/rule.labels")" -ge 8 ] && grep -q '^  类别：  *资金使用 (funds)$' "$T/rule" &&
	grep -q '(规则默认值)$' "$T/rule" && ok "i18n_zh: rules PACK RULE: Chinese labels, codes with their words" ||
	not_ok "i18n_zh: rules PACK RULE: $(head -6 "$T/rule")"
expect_chinese "rules PACK RULE labels" "$T/rule.labels"

# ---- errors from the system (errno) and from libgit2, under zh ----
zh import --db "$T/no/such/dir/x.db" "$ROOT/tests/fixtures/small" >/dev/null 2>"$T/e.enoent"
grep -q '没有那个文件或目录' "$T/e.enoent" && ok "i18n_zh: ENOENT in Chinese: $(head -c 200 "$T/e.enoent")" ||
	not_ok "i18n_zh: ENOENT: $(cat "$T/e.enoent")"
expect_chinese "an error with ENOENT" "$T/e.enoent"
zh import --db /etc/passwd/x.db "$ROOT/tests/fixtures/small" >/dev/null 2>"$T/e.enotdir"
grep -q '不是目录' "$T/e.enotdir" && ok "i18n_zh: ENOTDIR in Chinese: $(head -c 200 "$T/e.enotdir")" ||
	not_ok "i18n_zh: ENOTDIR: $(cat "$T/e.enotdir")"
expect_chinese "an error with ENOTDIR" "$T/e.enotdir"
"$HUIKAN" --lang en import --db "$T/no/such/dir/x.db" "$ROOT/tests/fixtures/small" >/dev/null 2>"$T/e.en"
grep -q 'No such file or directory' "$T/e.en" && ok "i18n_zh: under en the C library's text" || not_ok "i18n_zh: en errno: $(cat "$T/e.en")"
mkdir -p "$T/notgit"
zh findings --ledger "$T/notgit" >/dev/null 2>"$T/e.git"
sed 's/（git 报告：.*//' "$T/e.git" >"$T/e.git.ours"
grep -q '（git 报告：.*notgit' "$T/e.git" && ok "i18n_zh: libgit2's message quoted after a Chinese explanation: $(head -c 200 "$T/e.git")" ||
	not_ok "i18n_zh: libgit2 error: $(cat "$T/e.git")"
expect_chinese "the words around libgit2's message" "$T/e.git.ours"

# ---- messages found English in a user's walk-through (2026-12-06) ----
zh stats --as-of 2020-02-30 >/dev/null 2>"$T/e.date"
grep -q 'YYYY-MM-DD、YYYY/M/D 或 YYYYMMDD' "$T/e.date" && ok "i18n_zh: the date forms in Chinese" ||
	not_ok "i18n_zh: date forms: $(cat "$T/e.date")"
mkdir -p "$T/kg"
printf 'id_number,household_id,name,relation,sex\n450921199001011234,H001,张三,head,X\n' >"$T/kg/members.csv"
zh import --keep-going --db "$T/kg.db" "$ROOT/tests/fixtures/small/households.csv" "$ROOT/tests/fixtures/small/regions.csv" "$T/kg" >/dev/null 2>"$T/e.kg"
grep -q '1 行被拒绝' "$T/e.kg" && ok "i18n_zh: the --keep-going summary in Chinese" || not_ok "i18n_zh: keep-going summary: $(cat "$T/e.kg")"
sed -n '/被拒绝/p' "$T/e.kg" | sed 's/data.rejected-row//; s/import_rejects//' >"$T/e.kg.ours"
expect_chinese "the --keep-going summary" "$T/e.kg.ours"
grep -q "^$T/kg/members.csv:2:5：列 性别 (sex)：未知代码 'X'" "$T/e.kg" && ok "i18n_zh: a row kept aside is listed in Chinese" ||
	not_ok "i18n_zh: rejected row: $(cat "$T/e.kg")"
check "... and recorded in English in import_rejects (data, not the reader's language)" \
	sh -c "sqlite3 '$T/kg.db' 'SELECT message FROM import_rejects' | grep -q \"^$T/kg/members.csv:2:5: column 性别 (sex): unknown code 'X'\""
git clone -q --bare "$L" "$T/copy.git" 2>/dev/null
zh ledger sync "$T/copy.git" --as "$ADMIN" >"$T/sync" 2>&1
grep -q '无需推送' "$T/sync" && ok "i18n_zh: ledger sync says what was pushed in words: $(head -c 200 "$T/sync")" ||
	not_ok "i18n_zh: sync: $(cat "$T/sync")"

# tables in Chinese line up on a terminal (a Chinese character is two columns)
starts() { # starts FILE LINE: display columns where the words of line LINE begin
	python3 -c '
import sys, unicodedata
line = open(sys.argv[1], encoding="utf-8").read().split("\n")[int(sys.argv[2]) - 1]
w, prev, out = 0, " ", []
for ch in line:
    if ch != " " and prev == " ":
        out.append(w)
    prev = ch
    w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
print(out[:3])' "$1" "$2"
}
zh schema households >"$T/sch"
check "schema TABLE: the Chinese header stands over its columns" test "$(starts "$T/sch" 3)" = "$(starts "$T/sch" 4)"
zh schema >"$T/sch"
check "schema: the header ends where the column counts end" \
	test "$(sed -n 1p "$T/sch" | python3 -c 'import sys,unicodedata; l=sys.stdin.read().rstrip("\n"); print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l))')" = \
	"$(sed -n 2p "$T/sch" | python3 -c 'import sys,unicodedata; l=sys.stdin.read().rstrip("\n"); print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l))')"
