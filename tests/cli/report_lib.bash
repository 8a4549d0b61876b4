# tests/cli/report_lib.bash - builds a small demo county ledger with every kind
# of state for the report tests (sourced after lib.bash, not run):
#   run 1 (the poverty pack), findings assigned (some overdue), submitted with
#   evidence, waived; run 2 without two submitted findings (absent), which are
#   then closed; run 3 with one of them again (reappeared: a relapse). One
#   note starts like a formula and is longer than an Excel cell holds.
# Sets $L (the ledger), $F (run 1's findings, JSON lines), $IDS (their ids).
# Returns non-zero (after saying why on stderr) when a step fails.

report_ledger() {
	local csv=$T/csv db=$T/r.db
	L=$T/ledger.git
	F=$T/run1.jsonl
	export HUIKAN_LEDGER=$L HUIKAN_USER="Admin Ann <ann@county.example>" HUIKAN_NOW=2021-03-01T08:00:00Z
	"$HUIKAN" demo-data --out "$csv" --households 2500 --seed 1 --as-of 2020-06-30 >/dev/null &&
		"$HUIKAN" import --db "$db" "$csv" >/dev/null 2>&1 &&
		"$HUIKAN" ledger init --unsigned "$L" --office luchuan --admin "$HUIKAN_USER" >/dev/null || return 1
	"$HUIKAN" run poverty --db "$db" --as-of 2020-06-30 --format jsonl -o "$F" -q --ledger "$L" 2>/dev/null
	[ $? -eq 1 ] || { echo "report_ledger: run 1 failed" >&2; return 1; }
	mapfile -t IDS < <(sed 's/^{"id":"\([^"]*\)".*/\1/' "$F")
	[ "${#IDS[@]}" -gt 40 ] || { echo "report_ledger: only ${#IDS[@]} findings" >&2; return 1; }
	{
		"$HUIKAN" ledger role add officer "Olga Officer <olga@county.example>" &&
			"$HUIKAN" ledger role add officer "$HUIKAN_USER" &&
			"$HUIKAN" ledger role add unit 县教育局 && "$HUIKAN" ledger role add unit 县扶贫办 &&
			"$HUIKAN" assign "${IDS[@]:0:12}" --unit 县教育局 --person 张三 --allow-past-due --due 2020-12-01 \
				--measure "入户核实并更正数据" --goal "数据准确" --support-unit 县统计局 --leader 王局长 \
				--deadline-kind immediate &&
			"$HUIKAN" assign "${IDS[@]:12:3}" --unit 县教育局 --person 李四 --allow-past-due --due 2021-02-20 &&
			"$HUIKAN" assign "${IDS[@]:15:8}" --unit 县扶贫办 --allow-past-due --due 2099-01-01 &&
			echo "photo bytes" >"$T/照片.jpg" &&
			"$HUIKAN" submit "${IDS[0]}" --note "已整改 <fixed> & checked" --evidence "$T/照片.jpg" \
				--as "Zhang San <zs@town.example>" &&
			"$HUIKAN" submit "${IDS[1]}" --note "已补录" --as "Zhang San <zs@town.example>" &&
			"$HUIKAN" submit "${IDS[2]}" --note "=SUM(1,2) 公式? $(printf '长%.0s' $(seq 12000))" \
				--as "Zhang San <zs@town.example>" &&
			"$HUIKAN" waive "${IDS[30]}" --reason "误报 false positive"
	} >/dev/null || { echo "report_ledger: rectification steps failed" >&2; return 1; }
	# run 2: the same rules without IDS[0] and IDS[1]; run 3: IDS[1] again
	grep -v -e "\"${IDS[0]}\"" -e "\"${IDS[1]}\"" "$F" >"$T/run2.jsonl"
	grep -v -e "\"${IDS[0]}\"" "$F" >"$T/run3.jsonl"
	local rules
	rules=$(sed 's/^{"id":"[^"]*","rule":"\([^"]*\)".*/\1/' "$F" | sort -u | paste -sd, -)
	{
		HUIKAN_NOW=2021-03-02T08:00:00Z "$HUIKAN" ledger record --findings "$T/run2.jsonl" --pack poverty --rules "$rules" &&
			HUIKAN_NOW=2021-03-02T09:00:00Z "$HUIKAN" close "${IDS[0]}" --note "验收通过" \
				--as "Olga Officer <olga@county.example>" &&
			HUIKAN_NOW=2021-03-02T09:00:00Z "$HUIKAN" close "${IDS[1]}" --as "Olga Officer <olga@county.example>" &&
			HUIKAN_NOW=2021-03-03T08:00:00Z "$HUIKAN" ledger record --findings "$T/run3.jsonl" --pack poverty --rules "$rules"
	} >/dev/null 2>"$T/steps.err" || { echo "report_ledger: runs 2-3: $(head -c 400 "$T/steps.err")" >&2; return 1; }
	return 0
}
