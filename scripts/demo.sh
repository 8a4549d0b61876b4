#!/usr/bin/env bash
# The main job on the bundled demo county (陆川县, 450922), run by `make demo`:
# generate the synthetic registry, import it, and run what huikan has on it.
# Everything goes to demo/ at the top of the tree (ignored by git).
#
# usage: scripts/demo.sh HUIKAN-BINARY
set -euo pipefail
bin=$(realpath "${1:?usage: scripts/demo.sh HUIKAN-BINARY}")
cd "$(dirname "$0")/.."
out=demo
as_of=2020-06-30
mkdir -p "$out"

step() { printf '\n== %s\n' "$*" >&2; }

step "generating the demo county 陆川县 (450922) as CSV files in $out/csv"
rm -rf "$out/csv"
"$bin" demo-data --out "$out/csv" --county 450922 --as-of "$as_of"

step "importing it into $out/registry.sqlite"
"$bin" import --replace --db "$out/registry.sqlite" "$out/csv"

# The same county as one workbook, the way counties keep it: a sheet per
# table with Chinese sheet names and headers, a title row above each header
# and units in the money headers (人均纯收入（元）) (written by libxlsxwriter,
# tests/excel/gen_xlsx), imported on its own: the same db as the CSV files.
gen="$(dirname "$bin")/gen_xlsx"
if [ -x "$gen" ]; then
	step "the same county as one workbook $out/xlsx/陆川县.xlsx, imported into $out/registry-xlsx.sqlite"
	rm -rf "$out/xlsx" "$out/registry-xlsx.sqlite"
	mkdir -p "$out/xlsx"
	"$gen" --zh --title --units "$out/xlsx/陆川县.xlsx" "$out/csv" $(cd "$out/csv" && ls *.csv | sed 's/\.csv$//')
	"$bin" import --db "$out/registry-xlsx.sqlite" "$out/xlsx"
	if [ "$(sqlite3 "$out/registry.sqlite" .dump | sha256sum)" = "$(sqlite3 "$out/registry-xlsx.sqlite" .dump | sha256sum)" ]; then
		echo "  the workbook gives the same registry as the CSV files (sqlite3 .dump identical)" >&2
	else
		echo "  the workbook gives another registry than the CSV files" >&2
		exit 1
	fi
fi

# `run` exits 1 when it reports findings: that is the expected outcome here.
findings() { "$@" || [ $? -eq 1 ]; }

step "running the audit pack audits/poverty as of $as_of"
findings "$bin" run audits/poverty --db "$out/registry.sqlite" --as-of "$as_of" \
	--format jsonl -o "$out/findings.jsonl"

step "recording the run in the findings ledger $out/ledger.git"
rm -rf "$out/ledger.git"
# a signed ledger: every commit carries its actor's SSH signature; the demo
# makes a throwaway key (ssh-keygen, openssh-client) for its inspector
rm -f "$out/inspector.key" "$out/inspector.key.pub"
ssh-keygen -q -t ed25519 -N '' -C "demo inspector" -f "$out/inspector.key"
export HUIKAN_SIGNING_KEY=$PWD/$out/inspector.key
unset HUIKAN_USER
"$bin" ledger init "$out/ledger.git" --office luchuan --admin "Demo Inspector <inspector@demo.invalid>"
findings "$bin" run audits/poverty --db "$out/registry.sqlite" --as-of "$as_of" \
	--ledger "$out/ledger.git" --quiet --format jsonl -o /dev/null
"$bin" ledger allowed-signers --ledger "$out/ledger.git" > "$out/allowed_signers"
git -C "$out/ledger.git" -c gpg.ssh.allowedSignersFile="$PWD/$out/allowed_signers" verify-commit main 2>&1 | sed 's/^/  git verify-commit: /' >&2
"$bin" stats --ledger "$out/ledger.git" > "$out/stats.tsv"
awk -F'\t' 'NR == 1 || $1 == "total" { printf "  %-6s %-5s %9s %6s %7s %7s %8s %9s %12s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$out/stats.tsv" >&2

step "writing the report of the demo county: $out/report.html, $out/report.xlsx"
"$bin" report --ledger "$out/ledger.git" --db "$out/registry.sqlite" --html "$out/report.html" --xlsx "$out/report.xlsx" >/dev/null

cat >&2 <<EOT

done. what is in $out/:
  csv/                the demo county as CSV files, csv/truth.jsonl the planted anomalies
  registry.sqlite     the imported registry
  xlsx/陆川县.xlsx     the same county as one workbook (a sheet per table, Chinese names, title rows)
  findings.jsonl      the findings of the poverty pack (one JSON object a line)
  ledger.git          the findings ledger (a bare git repository: git -C $out/ledger.git log),
                      every commit signed with inspector.key (allowed_signers: its key for git)
  stats.tsv           closure figures by rule, town and unit (huikan stats)
  report.html         the dashboard: open it in a browser (self-contained, works offline)
  report.xlsx         the four lists 问题清单 任务清单 责任清单 时限清单 and a summary
next:
  $bin rules audits/poverty
  $bin findings --ledger $out/ledger.git --rule 'funds.*'
  $bin show ID --ledger $out/ledger.git
EOT
echo "report: $(realpath "$out/report.html")"
