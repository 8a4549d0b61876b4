# Text that is not UTF-8 (typed on a GBK terminal, read from a GBK file)
# never goes into the ledger, whose files are UTF-8 JSON: a step's texts and
# a role's unit are refused (exit 2) naming the option and showing the
# bytes, a findings file is refused naming file, line and column, and the
# ledger is left as it was.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

export HUIKAN_LEDGER=$T/l.git HUIKAN_USER=$ADMIN
new_ledger "$HUIKAN_LEDGER" && write_findings "$T/f.jsonl" 2 &&
	"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack poverty --as-of 2021-03-01 >/dev/null ||
	{ not_ok "ledger_utf8: setup failed"; exit 1; }
F1=$(fid precision.vehicle household:H1)
GBK=$(printf '\262\342\312\324') # 测试 in GBK
head_of() { git --git-dir="$HUIKAN_LEDGER" rev-parse main; }

# refused STEP OPTION ARGS...: the step exits 2, names OPTION and the bytes, and adds no commit
refused() {
	local name=$1 opt=$2 before
	shift 2
	before=$(head_of)
	run_hk "$T/out" "$T/err" "$@"
	if [ "$rc" -eq 2 ] && grep -qF -- "$opt '" "$T/err" && grep -qF '\xb2\xe2\xca\xd4' "$T/err" &&
		grep -q "not UTF-8 text" "$T/err" && [ "$(head_of)" = "$before" ]; then
		ok "$name: refused, naming $opt"
	else
		not_ok "$name: rc $rc, $(head -c 300 "$T/err")"
	fi
}
refused "assign --measure" --measure assign "$F1" --unit "$UNIT" --due 2030-01-01 --measure "$GBK" --as "$OLGA"
refused "assign --person" --person assign "$F1" --unit "$UNIT" --due 2030-01-01 --person "$GBK" --as "$OLGA"
"$HUIKAN" assign "$F1" --unit "$UNIT" --due 2030-01-01 --as "$OLGA" >/dev/null
refused "submit --note" --note submit "$F1" --note "$GBK" --as "$UNIT_GUY"
"$HUIKAN" submit "$F1" --note done --as "$UNIT_GUY" >/dev/null
refused "reject --reason" --reason reject "$F1" --reason "$GBK" --as "$OLGA"
refused "role add unit" WHO ledger role add unit "$GBK"

printf '{"rule":"precision.vehicle","entity":"household:H1","category":"precision","severity":"high","message":"x","evidence":{}}\n{"rule":"precision.vehicle","entity":"household:H2","category":"precision","severity":"high","message":"%s","evidence":{}}\n' "$GBK" >"$T/g.jsonl"
before=$(head_of)
run_hk "$T/out" "$T/err" ledger record --findings "$T/g.jsonl" --pack poverty --as-of 2021-03-02
check "a findings file that is not UTF-8: exit 2" test "$rc" -eq 2
check "... naming file, line and column" grep -qF "$T/g.jsonl:2:105: bytes that are not UTF-8: '\xb2\xe2\xca\xd4'" "$T/err"
check "... and nothing recorded" test "$(head_of)" = "$before"
run_hk "$T/out" "$T/err" ledger verify --full
check "the ledger verifies" test "$rc" -eq 0
