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
