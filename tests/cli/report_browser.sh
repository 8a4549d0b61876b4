#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian `chromium`,
# installed by .ci/run) driven through the DevTools Protocol by
# tests/browser/report_check.mjs (Node, no npm packages; the protocol goes
# over --remote-debugging-pipe). The report of a
# generated demo county ledger must show the figures of `huikan stats`, draw
# every chart, filter to the counts of `huikan findings`, open histories, log
# no console error; the screenshot is kept in build/report-browser.png.
# Under --lang zh every label, heading, status and event is Chinese and every
# rule id is shown beside its Chinese title; under --lang en the English forms
# (build/report-browser-en.png).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/report_lib.bash"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	not_ok "browser test: chromium is not installed (apt-get install chromium; .ci/run installs it)"
	exit 0
fi
if ! command -v node >/dev/null || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 16 ? 0 : 1)'; then
	not_ok "browser test: node (>= 16) is not installed (apt-get install nodejs)"
	exit 0
fi
report_ledger || { not_ok "browser test: the demo ledger did not build"; exit 0; }
run_hk "$T/o" "$T/e" report --lang zh --html "$T/report.html" --db "$T/r.db"
[ "$rc" -eq 0 ] || { not_ok "report --html: exit $rc: $(head -c 300 "$T/e")"; exit 0; }
run_hk "$T/o" "$T/e" report --lang en --html "$T/report-en.html" --db "$T/r.db"
[ "$rc" -eq 0 ] || { not_ok "report --lang en --html: exit $rc: $(head -c 300 "$T/e")"; exit 0; }

count() { "$HUIKAN" findings "$@" | tail -n +2 | wc -l; }
total=$("$HUIKAN" stats --format jsonl | head -n 1)
rule=$(sed -n 's/^{"id":"[^"]*","rule":"\([^"]*\)".*/\1/p' "$F" | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
town=$("$HUIKAN" stats | awk -F'\t' '$1 == "town" && $2 != "-" { print $2; exit }')
word=离岗
# the report shows the messages in Chinese (the word is in their zh form)
nword=$("$HUIKAN" findings --lang zh | tail -n +2 | grep -c "$word")
events=$("$HUIKAN" show "${IDS[0]}" --format json | grep -o '"type":' | wc -l)
cat >"$T/expect.json" <<JSON
{"html": "$T/report.html", "lang": "zh", "chromium": "$chromium", "total": $total, "nfindings": ${#IDS[@]},
 "charts": ["chart-category", "chart-rule", "chart-town", "chart-unit", "chart-aging", "chart-runs"],
 "filters": [
  {"status": "assigned", "count": $(count --status assigned)},
  {"status": "closed", "count": $(count --status closed)},
  {"overdue": true, "count": $(count --overdue)},
  {"rule": "$rule", "count": $(count --rule "$rule")},
  {"unit": "县教育局", "count": $(count --unit 县教育局)},
  {"town": "$town", "count": $(count --village "$town")},
  {"q": "${IDS[5]}", "count": 1},
  {"q": "$word", "count": $nword}
 ],
 "most_overdue": [$("$HUIKAN" findings --overdue | awk -F'\t' 'NR > 1 { print $9, $1 }' | sort -rn |
	awk 'NR == 1 { max = $1 } $1 == max { printf "%s\"%s\"", (n++ ? "," : ""), $2 }')],
 "dashboard": {"rule_bars": $(n=$("$HUIKAN" stats | awk -F'\t' '$1 == "rule"' | wc -l); [ "$n" -gt 16 ] && echo 16 || echo "$n"),
  "units": [$("$HUIKAN" stats | awk -F'\t' '$1 == "unit" && $2 != "-" { printf "%s{\"name\":\"%s\",\"findings\":%d,\"closed\":%d,\"overdue\":%d}", (n++ ? "," : ""), $2, $3, $5, $7 }')],
  "unassigned": $("$HUIKAN" stats | awk -F'\t' '$1 == "unit" && $2 == "-" { print $3 }'),
  "red": ["县教育局"], "black": ["县扶贫办"]},
 "history": {"id": "${IDS[0]}", "events": $events,
  "contains": ["照片.jpg", "Olga Officer", "已整改 <fixed> & checked", "Zhang San"]}}
JSON
mkdir -p "$ROOT/build"
timeout 90 node "$ROOT/tests/browser/report_check.mjs" "$T/expect.json" \
	"$ROOT/build/report-browser.png" 10000 || not_ok "browser test: report_check.mjs exited $?"
sed -e "s|\"$T/report.html\", \"lang\": \"zh\"|\"$T/report-en.html\", \"lang\": \"en\"|" "$T/expect.json" >"$T/expect-en.json"
timeout 90 node "$ROOT/tests/browser/report_check.mjs" "$T/expect-en.json" \
	"$ROOT/build/report-browser-en.png" 10000 || not_ok "browser test (en): report_check.mjs exited $?"
