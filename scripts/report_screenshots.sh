#!/usr/bin/env bash
# scripts/report_screenshots.sh - makes the screenshots of the HTML dashboard
# shown in docs/reports.md: a demo county (2,500 households), its poverty-pack
# findings in a ledger, one town's findings assigned in one bulk step with a
# rectification plan, a few submitted, closed and waived; the report opened in
# headless Chromium (--screenshot). Writes docs/img/report-dashboard.png and
# docs/img/report-history.png.
#
# usage: scripts/report_screenshots.sh [HUIKAN]   (default build/huikan, else build/asan/huikan)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HK=${1:-$ROOT/build/huikan}
[ -x "$HK" ] || HK=$ROOT/build/asan/huikan
chromium=$(command -v chromium || command -v chromium-browser) || { echo "chromium is not installed" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HUIKAN_LEDGER=$T/ledger.git HUIKAN_USER="Admin Ann <ann@county.example>" HUIKAN_NOW=2021-03-01T08:00:00Z TZ=UTC0
OLGA="Olga Officer <olga@county.example>"
"$HK" demo-data --out "$T/csv" --households 2500 --seed 1 --as-of 2020-06-30 >/dev/null
"$HK" import --quiet --db "$T/r.db" "$T/csv" >/dev/null
"$HK" ledger init --unsigned "$HUIKAN_LEDGER" --office 陆川县纪委 --admin "$HUIKAN_USER" >/dev/null
set +e
"$HK" run poverty --db "$T/r.db" --as-of 2020-06-30 --format jsonl -o "$T/run1.jsonl" -q --ledger "$HUIKAN_LEDGER" 2>/dev/null
set -e
"$HK" ledger role add officer "$OLGA" >/dev/null
"$HK" ledger role add officer "$HUIKAN_USER" >/dev/null
towns=$("$HK" stats --db "$T/r.db" | awk -F'\t' '$1 == "town" && $2 != "-" { print $2 }' | head -n 3)
set -- $towns
for u in 县教育局 县民政局 县扶贫办 "$1" "$2"; do "$HK" ledger role add unit "$u" >/dev/null; done
"$HK" assign --town "$1" --unit "$1" --person 王五 --due 2021-02-15 --allow-past-due --measure "入户核实, 更正登记数据" \
	--goal "数据准确" --leader 李镇长 --deadline-kind immediate --as "$OLGA" >/dev/null
"$HK" assign --town "$2" --unit "$2" --due 2021-04-30 --deadline-kind dated --as "$OLGA" >/dev/null
"$HK" assign --rule 'funds.*' --status open --unit 县扶贫办 --person 张三 --due 2021-03-31 --as "$OLGA" >/dev/null
"$HK" assign --rule 'assignment.*' --status open --unit 县民政局 --due 2021-01-31 --allow-past-due --as "$OLGA" >/dev/null
mapfile -t sub < <("$HK" findings --unit 县扶贫办 | tail -n +2 | cut -f1 | head -n 6)
for id in "${sub[@]}"; do "$HK" submit "$id" --note "已整改, 附凭证" --as "Zhang San <zs@town.example>" >/dev/null; done
grep -v -e "\"${sub[0]}\"" -e "\"${sub[1]}\"" -e "\"${sub[2]}\"" "$T/run1.jsonl" >"$T/run2.jsonl"
rules=$(sed 's/^{"id":"[^"]*","rule":"\([^"]*\)".*/\1/' "$T/run1.jsonl" | sort -u | paste -sd, -)
HUIKAN_NOW=2021-03-02T08:00:00Z "$HK" ledger record --findings "$T/run2.jsonl" --pack poverty --rules "$rules" --as-of 2020-09-30 >/dev/null
HUIKAN_NOW=2021-03-02T09:00:00Z "$HK" close --status ready --as "$OLGA" >/dev/null
"$HK" waive --rule 'funds.benford' --reason "抽样误报" --as "$OLGA" >/dev/null 2>&1 || true
"$HK" report --db "$T/r.db" --html "$T/report.html" --as-of 2021-03-01 --quiet >/dev/null
mkdir -p "$ROOT/docs/img"
shot() { # shot OUT URL HEIGHT
	"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$T/profile" \
		--window-size=1280,"$3" --screenshot="$1" "$2" >/dev/null 2>&1
	echo "$1"
}
shot "$ROOT/docs/img/report-dashboard.png" "file://$T/report.html" 2200
shot "$ROOT/docs/img/report-history.png" "file://$T/report.html#${sub[0]}" 900
