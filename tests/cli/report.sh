#!/usr/bin/env bash
# huikan report on a generated demo county ledger (tests/cli/report_lib.bash):
# the XLSX read back (unzip + XML, tests/cli/xlsx_rows.mjs) has the rows of
# `huikan findings` and the figures of `huikan stats`, dates as dates, frozen
# headers and widths; the CSV files carry a BOM and the same rows; the HTML is
# one self-contained file; --run gives the state after that run; errors name
# what is wrong and leave nothing half-written. The lists follow --lang: under
# zh Chinese sheets, headers and statuses and each rule's Chinese title beside
# its id; under en the English ones (the CSV files keep their names).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/report_lib.bash"

run_hk "$T/o" "$T/e" report --help
[ "$rc" -eq 0 ] && grep -q "usage:" "$T/o" && ok "report --help" || not_ok "report --help: rc $rc"
run_hk "$T/o" "$T/e" report
[ "$rc" -eq 2 ] && grep -q -- "--html FILE" "$T/e" && ok "report without an output: usage error" ||
	not_ok "report without output: rc $rc $(cat "$T/e")"
run_hk "$T/o" "$T/e" report --html "$T/x.html" --as-of 2021-13-45
[ "$rc" -eq 2 ] && grep -q "2021-13-45" "$T/e" && ok "report --as-of checks the date" || not_ok "--as-of: rc $rc $(cat "$T/e")"

report_ledger || { not_ok "the demo ledger did not build"; exit 0; }
if ! command -v node >/dev/null || ! command -v unzip >/dev/null; then
	not_ok "report tests need node and unzip (scripts/packages.txt)"
	exit 0
fi
xrows() { node "$ROOT/tests/cli/xlsx_rows.mjs" "$T/r.xlsx" "$@"; }
# csv_rows FILE: a CSV file as TSV (RFC 4180 quotes), BOM dropped
csv_rows() {
	node -e '
	const t = require("fs").readFileSync(process.argv[1], "utf8").replace(/^\uFEFF/, "");
	let row = [], f = "", q = false, out = [];
	for (let i = 0; i < t.length; i++) {
		const c = t[i];
		if (q) { if (c === "\"" && t[i + 1] === "\"") { f += c; i++; } else if (c === "\"") q = false; else f += c; }
		else if (c === "\"") q = true; else if (c === ",") { row.push(f); f = ""; }
		else if (c === "\n") { row.push(f.replace(/\r$/, "")); out.push(row.map(x => x.replace(/[\t\r\n]/g, " ")).join("\t")); row = []; f = ""; }
		else f += c;
	}
	process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));' "$1"
}

run_hk "$T/o" "$T/e" report --lang zh --html "$T/r.html" --xlsx "$T/r.xlsx" --csv "$T/csv"
if [ "$rc" -eq 0 ] && [ -s "$T/r.html" ] && [ -s "$T/r.xlsx" ] && grep -q "167 个问题" "$T/e"; then
	ok "report --html --xlsx --csv writes all three ($(head -c 120 "$T/e"))"
else
	not_ok "report: rc $rc $(head -c 300 "$T/e")"
	exit 0
fi

# the workbook: the four lists as offices keep them (序号 first, 编号 = id last)
sheets=$(xrows - --sheets | paste -sd' ' -)
[ "$sheets" = "汇总 问题清单 任务清单 责任清单 时限清单 单位汇总 红黑榜" ] && ok "workbook sheets: $sheets" || not_ok "sheets: $sheets"
"$HUIKAN" findings --lang zh >"$T/findings.tsv" # the workbook shows the recorded (Chinese) message; statuses in words (已销号)
# 问题清单 = huikan findings: id rule message village unit person due
tail -n +2 "$T/findings.tsv" | awk -F'\t' -v OFS='\t' '{ print $1, $3, $11, $5, $6, $7, $8 }' >"$T/want"
# (问题类型: the rule's title beside its id, "标题 (rule.id)")
xrows 问题清单 | tail -n +2 | awk -F'\t' -v OFS='\t' '{ r = $2; sub(/.* \(/, "", r); sub(/\)$/, "", r); print $11, r, $3, $5, $7, $8, $9 }' >"$T/got"
if [ "$(wc -l <"$T/want")" -eq 167 ] && cmp -s "$T/want" "$T/got"; then
	ok "问题清单 rows equal huikan findings (167 rows: id, rule, message, village, unit, person, due)"
else
	not_ok "问题清单 != huikan findings: $(diff "$T/want" "$T/got" | head -n 4)"
fi
untitled=$(xrows 问题清单 | tail -n +2 | cut -f2 | grep -v -c -P '^\p{Han}.* \([a-z0-9_.-]+\)$')
[ "$untitled" = 0 ] && ok "问题清单: every rule shown as its Chinese title beside its id ($(xrows 问题清单 | sed -n 2p | cut -f2))" ||
	not_ok "问题清单: $untitled rules without their Chinese title: $(xrows 问题清单 | tail -n +2 | cut -f2 | grep -v -P '^\p{Han}' | head -n 2)"
[ "$(xrows 问题清单 | tail -n +2 | cut -f1 | paste -sd, - | cut -c1-9)" = "1,2,3,4,5" ] && ok "序号 counts the rows" || not_ok "序号: $(xrows 问题清单 | sed -n 2p | cut -f1)"
# 任务清单 = the findings with a unit: due
awk -F'\t' -v OFS='\t' 'NR > 1 && $6 != "" { print $1, $8 }' "$T/findings.tsv" >"$T/want"
xrows 任务清单 | tail -n +2 | awk -F'\t' -v OFS='\t' '{ print $10, $8 }' >"$T/got"
[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && ok "任务清单: the $(wc -l <"$T/want") assigned findings with their due dates" ||
	not_ok "任务清单: $(diff "$T/want" "$T/got" | head -n 4)"
# 时限清单: active findings with a due date, by due; days overdue as in huikan findings
awk -F'\t' -v OFS='\t' 'NR > 1 && $8 != "" && $2 != "已销号" && $2 != "已豁免" { print $1, $9 }' "$T/findings.tsv" | sort >"$T/want"
xrows 时限清单 | tail -n +2 | awk -F'\t' -v OFS='\t' '{ print $8, $6 }' | sort >"$T/got"
[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && ok "时限清单: $(wc -l <"$T/want") deadlines, days overdue as huikan findings --overdue" ||
	not_ok "时限清单: $(diff "$T/want" "$T/got" | head -n 4)"
xrows 时限清单 | tail -n +2 | cut -f4 | sort -c && ok "时限清单 sorted by due date" || not_ok "时限清单 not sorted by due"
# 责任清单: one row per assigned finding: unit, person
awk -F'\t' -v OFS='\t' 'NR > 1 && $6 != "" { print $1, $6, $7 }' "$T/findings.tsv" >"$T/want"
xrows 责任清单 | tail -n +2 | awk -F'\t' -v OFS='\t' '{ print $7, $4, $5 }' >"$T/got"
[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && ok "责任清单: one row per assigned finding with its unit and person" ||
	not_ok "责任清单: $(diff "$T/want" "$T/got" | head -n 4)"
# 单位汇总 = huikan stats by unit (findings, closed, overdue)
"$HUIKAN" stats >"$T/stats.tsv"
awk -F'\t' -v OFS='\t' '$1 == "unit" && $2 != "-" { print $2, $3, $5, $7 }' "$T/stats.tsv" | sort >"$T/want"
xrows 单位汇总 | tail -n +2 | awk -F'\t' -v OFS='\t' '{ print $2, $3, $4, $5 }' | sort >"$T/got"
[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" && ok "单位汇总 equals huikan stats by unit" ||
	not_ok "单位汇总: $(diff "$T/want" "$T/got" | head -n 4)"
# 汇总 = huikan stats total
want=$(awk -F'\t' '$1 == "total" { print $3, $4, $5, $6, $7, $8 }' "$T/stats.tsv")
got=$(xrows 汇总 | sed -n '2,7p' | cut -f2 | paste -sd' ' -)
[ -n "$want" ] && [ "$want" = "$got" ] && ok "汇总 figures equal huikan stats ($got)" || not_ok "汇总: '$got' != stats '$want'"
# dates are dates, the header row frozen, widths set
t1=$(xrows 问题清单 --types | sed -n 2p | cut -f1,6 | tr '\t' ,) t2=$(xrows 任务清单 --types | sed -n 2p | cut -f8)
t3=$(xrows 时限清单 --types | sed -n 2p | cut -f4)
[ "$t1/$t2/$t3" = "n,d/d/d" ] && ok "dates are Excel dates, 序号 a number" || not_ok "cell types: $t1/$t2/$t3"
bad=""
for s in 汇总 问题清单 任务清单 责任清单 时限清单 单位汇总; do
	m=$(xrows "$s" --meta)
	n=$(xrows "$s" | head -n 1 | awk -F'\t' '{ print NF }')
	case "$m" in "frozen=1 cols=$n "*) ;; *) bad="$bad $s: $m ($n columns);" ;; esac
done
[ -z "$bad" ] && ok "every sheet: header row frozen, every column has a width" || not_ok "sheet layout:$bad"
grep -q "整改措施" <(xrows 任务清单 | head -n 1) && ok "Chinese headers" || not_ok "headers"
# statuses in words (never a code such as assigned), the summary's labels Chinese
st=$(xrows 问题清单 | tail -n +2 | cut -f10 | sort -u | paste -sd' ' -)
! grep -q '[a-z]' <<<"$st" && [ -n "$st" ] && ok "问题清单 statuses in Chinese words: $st" || not_ok "问题清单 statuses: $st"
lbl=$(xrows 汇总 | tail -n +2 | cut -f1 | paste -sd'|' -)
! grep -q -i '[a-z]' <<<"$lbl" && ok "汇总 labels in Chinese" || not_ok "汇总 labels: $lbl"

# --lang en: the same lists in English; CSV files keep their names
run_hk "$T/o" "$T/e" report --lang en --xlsx "$T/en.xlsx" --csv "$T/csv-en"
xen() { node "$ROOT/tests/cli/xlsx_rows.mjs" "$T/en.xlsx" "$@"; }
sheets=$(xen - --sheets | paste -sd'|' -)
[ "$rc" -eq 0 ] && [ "$sheets" = "Summary|Findings|Tasks|Responsibilities|Deadlines|Units|Red and black lists" ] &&
	ok "--lang en: English sheets: $sheets" || not_ok "--lang en sheets: rc $rc '$sheets' $(head -c 200 "$T/e")"
head1=$(xen Findings | head -n 1 | tr '\t' '|')
[ "$head1" = "No.|Rule|Description|Town|Village|Found on|Responsible unit|Responsible person|Due date|Status|Finding id" ] &&
	ok "--lang en: English headers" || not_ok "--lang en headers: $head1"
st=$(xen Findings | tail -n +2 | cut -f10 | sort -u | paste -sd'|' -)
! grep -q -P '\p{Han}' <<<"$st" && grep -q 'closed' <<<"$st" && ok "--lang en: statuses in English words: $st" ||
	not_ok "--lang en statuses: $st"
untitled=$(xen Findings | tail -n +2 | cut -f2 | grep -v -c -P '^[a-zA-Z][^\p{Han}]* \([a-z0-9_.-]+\)$')
[ "$untitled" = 0 ] && ok "--lang en: every rule shown as its English title beside its id ($(xen Findings | sed -n 2p | cut -f2))" ||
	not_ok "--lang en: $untitled rules without their English title: $(xen Findings | tail -n +2 | cut -f2 | grep -P '\p{Han}|^[^ ]*$' | head -n 2)"
lbl=$(xen Summary | tail -n +2 | cut -f1 | paste -sd'|' -)
! grep -q -P '\p{Han}' <<<"$lbl" && ok "--lang en: summary labels in English" || not_ok "--lang en summary: $lbl"
[ -s "$T/csv-en/问题清单.csv" ] && [ "$(csv_rows "$T/csv-en/问题清单.csv" | head -n 1 | cut -f1,2 | tr '\t' '|')" = "No.|Rule" ] &&
	[ "$(csv_rows "$T/csv-en/问题清单.csv" | wc -l)" = "$(csv_rows "$T/csv/问题清单.csv" | wc -l)" ] &&
	ok "--lang en: the CSV files keep their names, with English headers and the same rows" ||
	not_ok "--lang en CSV: $(ls "$T/csv-en" | paste -sd' ' -) $(csv_rows "$T/csv-en/问题清单.csv" | head -n 1)"

# CSV: BOM, same rows as the workbook
bom=$(head -c 3 "$T/csv/问题清单.csv" | od -An -tx1 | tr -d ' ')
[ "$bom" = "efbbbf" ] && ok "CSV files start with a UTF-8 BOM" || not_ok "BOM: $bom"
bad=""
for s in 问题清单 任务清单 责任清单 时限清单 单位汇总 红黑榜; do
	# the closure rate (last column of 单位汇总 and 红黑榜) is 8.3 in CSV, 0.083 (shown 8.3%) in Excel: left out
	cut=cat
	[ "$s" = 单位汇总 ] && cut="cut -f1-5"
	[ "$s" = 红黑榜 ] && cut="cut -f1-6"
	# the long formula-like note: checked below
	cmp -s <(csv_rows "$T/csv/$s.csv" | grep -v "${IDS[2]}" | $cut | sed 's/\t*$//') <(xrows "$s" | grep -v "${IDS[2]}" | $cut | sed 's/\t*$//') ||
		bad="$bad $s: $(diff <(csv_rows "$T/csv/$s.csv" | $cut | sed 's/\t*$//') <(xrows "$s" | $cut | sed 's/\t*$//') | head -n 2 | tr '\n' ' ')"
done
[ -z "$bad" ] && ok "CSV lists equal the workbook's sheets" || not_ok "CSV vs XLSX:$bad"

# a note that looks like a formula and is longer than a cell: text in both,
# apostrophe in CSV, cut with … in the workbook
# (进展 = the status in words and the latest note; the note as a cell of its own: 任务清单's
# predecessor; here the whole cell is "待验收：=SUM...", so no apostrophe is due)
note_csv=$(csv_rows "$T/csv/任务清单.csv" | awk -F'\t' -v id="${IDS[2]}" '$10 == id { print $9 }')
note_x=$(xrows 任务清单 | awk -F'\t' -v id="${IDS[2]}" '$10 == id { print $9 }')
type_x=$(xrows 任务清单 --types | awk -F'\t' -v n="$(xrows 任务清单 | awk -F'\t' -v id="${IDS[2]}" '$10 == id { print NR }')" 'NR == n { print $9 }')
case "$note_csv" in "待验收：=SUM(1,2) 公式? 长长"*) c1=1 ;; *) c1=0 ;; esac
case "$note_x" in "待验收：=SUM(1,2) 公式? 长长"*"长…") c2=1 ;; *) c2=0 ;; esac
if [ "$c1$c2" = 11 ] && [ "$type_x" = s ] && [ "$(printf '%s' "$note_x" | wc -c)" -le 32767 ]; then
	ok "a long note in 进展 stays text; a 36 kB note is cut to $(printf '%s' "$note_x" | wc -c) bytes in the workbook"
else
	not_ok "long formula-like note: csv ${note_csv:0:30} / xlsx ${note_x:0:30}... ($(printf '%s' "$note_x" | wc -c) bytes, type $type_x)"
fi

# HTML: one self-contained file
if grep -q -E '<link|<img|src=|@import|url\(|https?://' <(sed 's|xmlns="http://www.w3.org/2000/svg"||g' "$T/r.html"); then
	not_ok "HTML refers to something outside: $(sed 's|xmlns="http://www.w3.org/2000/svg"||g' "$T/r.html" | grep -o -E '.{20}(<link|<img|src=|@import|url\(|https?://).{30}' | head -n 2)"
else
	ok "HTML is self-contained (no link, src, url() or http reference)"
fi
! grep -q '<fixed>' "$T/r.html" && grep -q 'fixed' "$T/r.html" && ok "notes are escaped in the page (no raw <fixed>)" ||
	not_ok "note not escaped or missing"
[ "$(grep -c '<svg id="chart-' "$T/r.html")" -ge 6 ] && ok "HTML has its inline SVG charts" || not_ok "charts missing"
# open vs closed right after each run: run 1 all open; the waiver before run 2;
# the close after run 2; run 3 brings one closed finding back (a relapse)
runs=$(sed -n 's/.*<svg id="chart-runs"\(.*\)/\1/p' "$T/r.html" | grep -o 'data-series="[01]" data-value="[0-9]*"' |
	sed 's/data-series="\(.\)" data-value="\(.*\)"/\1:\2/' | paste -sd' ' -)
[ "$runs" = "0:167 1:0 0:166 1:0 0:165 1:1" ] && ok "open/closed per run: $runs" || not_ok "open/closed per run: '$runs'"

# --db: towns and villages get their names from the registry's regions
run_hk "$T/o" "$T/e" report --lang zh --db "$T/r.db" --xlsx "$T/named.xlsx" --html "$T/named.html"
town=$(awk -F'\t' '$1 == "town" && $2 != "-" { print $2; exit }' "$T/stats.tsv")
name=$(sqlite3 "$T/r.db" "SELECT name FROM regions WHERE code = '$town'")
# 问题清单's 乡镇 is the name of the town of the finding (in 问题清单 without --db: its code)
nth=$(xrows 问题清单 | awk -F'\t' -v t="$town" '$4 == t { print NR; exit }')
got=$(node "$ROOT/tests/cli/xlsx_rows.mjs" "$T/named.xlsx" 问题清单 | awk -v n="$nth" -F'\t' 'NR == n { print $4 }')
if [ "$rc" -eq 0 ] && [ -n "$name" ] && [ "$got" = "$name" ] && grep -q "$name $town" "$T/named.html"; then
	ok "report --db: town $town is named $name in the workbook and the charts"
else
	not_ok "report --db: rc $rc, town $town, name '$name', workbook '$got' $(head -c 200 "$T/e")"
fi
! grep -q 'chart-county' "$T/named.html" && ok "report of one county: no chart by county" ||
	not_ok "report of one county draws a chart by county"
run_hk "$T/o" "$T/e" report --db "$T/no-such.db" --html "$T/x.html"
[ "$rc" -eq 2 ] && grep -q "no-such.db" "$T/e" && [ ! -e "$T/x.html" ] && ok "report --db with a missing file: error naming it" ||
	not_ok "--db missing: rc $rc $(cat "$T/e")"

# --run: the state right after run 1 (nothing closed or waived yet), and errors
run1=$(git --git-dir="$L" log --reverse --format=%B | sed -n 's/^Huikan-Run: //p' | head -n 1)
run_hk "$T/o" "$T/e" report --run "$run1" --csv "$T/csv1"
got=$(csv_rows "$T/csv1/汇总.csv" | sed -n '2,7p' | cut -f2 | paste -sd' ' -)
[ "$rc" -eq 0 ] && [ "$got" = "167 167 0 0 0 0" ] && ok "report --run RUN1: the state after run 1 ($got)" ||
	not_ok "--run $run1: rc $rc '$got' $(head -c 200 "$T/e")"
# a past run's lists name the rules by the titles the ledger's runs recorded
run_hk "$T/o" "$T/e" report --lang zh --run "$run1" --csv "$T/csv1zh"
untitled=$(csv_rows "$T/csv1zh/问题清单.csv" | tail -n +2 | cut -f2 | grep -v -c -P '^\p{Han}.* \([a-z0-9_.-]+\)$')
[ "$rc" -eq 0 ] && [ "$untitled" = 0 ] && ok "report --run: rules with their titles ($(csv_rows "$T/csv1zh/问题清单.csv" | sed -n 2p | cut -f2))" ||
	not_ok "report --run titles: rc $rc, $untitled without: $(csv_rows "$T/csv1zh/问题清单.csv" | sed -n 2p)"
run_hk "$T/o" "$T/e" report --run 20990101T000000Z-nowhere-00000000 --html "$T/none.html"
[ "$rc" -eq 2 ] && grep -q "20990101T000000Z-nowhere" "$T/e" && [ ! -e "$T/none.html" ] &&
	ok "report --run with an unknown run: error naming it, nothing written" || not_ok "unknown run: rc $rc $(cat "$T/e")"
run_hk "$T/o" "$T/e" report --xlsx "$T/no/such/dir/r.xlsx"
[ "$rc" -eq 2 ] && grep -q "no/such/dir" "$T/e" && ok "unwritable --xlsx path: error naming it" ||
	not_ok "unwritable xlsx: rc $rc $(cat "$T/e")"
run_hk "$T/o" "$T/e" report --html "$T/no/such/dir/r.html"
[ "$rc" -eq 2 ] && grep -q "no/such/dir" "$T/e" && ok "unwritable --html path: error naming it" ||
	not_ok "unwritable html: rc $rc $(cat "$T/e")"
ls "$T" | grep -q '\.tmp' && not_ok "temporary files left: $(ls "$T" | grep '\.tmp')" || ok "no temporary file left behind"
run_hk "$T/o" "$T/e" report --ledger "$T/nope" --html "$T/x.html"
[ "$rc" -eq 2 ] && grep -q "$T/nope" "$T/e" && ok "missing ledger: error naming it" || not_ok "missing ledger: rc $rc $(cat "$T/e")"
