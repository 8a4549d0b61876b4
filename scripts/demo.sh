#!/usr/bin/env bash
# The main job on the bundled demo county (陆川县, 450922), run by `make demo`:
# generate the synthetic registry, import it, and run what huikan has on it.
# Everything goes to demo/ at the top of the tree (ignored by git), or --out DIR.
#
# It speaks the language of the setting, as huikan does (docs/i18n.md):
# --lang zh|en, else HUIKAN_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG
# beginning with zh), else English; its own lines are written here in both
# languages (say EN ZH), and the huikan it runs gets the same choice through
# HUIKAN_LANG. tests/cli/demo_lang.sh runs it in both.
#
# usage: scripts/demo.sh [--lang zh|en] [--out DIR] [--households N] HUIKAN-BINARY
set -euo pipefail
usage="usage: scripts/demo.sh [--lang zh|en] [--out DIR] [--households N] HUIKAN-BINARY"
lang= out=demo households=()
while [ $# -gt 1 ]; do
	case "$1" in
	--lang) lang=${2:?$usage}; shift 2 ;;
	--lang=*) lang=${1#--lang=}; shift ;;
	--out) out=$(realpath -m "${2:?$usage}"); shift 2 ;;
	--households) households=(--households "${2:?$usage}"); shift 2 ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
bin=$(realpath "${1:?$usage}")
cd "$(dirname "$0")/.."
as_of=2020-06-30

# The language: the binary judges the value (an unknown one is its usage
# error, exit 2); the script's own lines are Chinese when it is zh.
if [ -n "$lang" ]; then
	"$bin" --lang "$lang" version >/dev/null || exit 2
	export HUIKAN_LANG=$lang
elif [ -n "${HUIKAN_LANG:-}" ]; then
	"$bin" version >/dev/null || exit 2
else
	for v in LC_ALL LC_MESSAGES LANG; do
		[ -n "${!v:-}" ] && { HUIKAN_LANG=${!v}; break; }
	done
	case "${HUIKAN_LANG:-}" in [Zz][Hh]*) export HUIKAN_LANG=zh ;; *) export HUIKAN_LANG=en ;; esac
fi
case "$HUIKAN_LANG" in [Zz][Hh]*) zh=1 ;; *) zh= ;; esac

say() { if [ -n "$zh" ]; then printf '%s\n' "$2"; else printf '%s\n' "$1"; fi >&2; }
step() { printf '\n== ' >&2; say "$@"; }

mkdir -p "$out"
step "generating the demo county 陆川县 (450922) as CSV files in $out/csv" \
	"生成演示县 陆川县（450922）的 CSV 文件：$out/csv"
rm -rf "$out/csv"
"$bin" demo-data --out "$out/csv" --county 450922 --as-of "$as_of" ${households[@]+"${households[@]}"}

step "importing it into $out/registry.sqlite" "导入数据库 $out/registry.sqlite"
"$bin" import --replace --db "$out/registry.sqlite" "$out/csv"

# The same county as one workbook, the way counties keep it: a sheet per
# table with Chinese sheet names and headers, a title row above each header
# and units in the money headers (人均纯收入（元）) (written by libxlsxwriter,
# tests/excel/gen_xlsx), imported on its own: the same db as the CSV files.
gen="$(dirname "$bin")/gen_xlsx"
if [ -x "$gen" ]; then
	step "the same county as one workbook $out/xlsx/陆川县.xlsx, imported into $out/registry-xlsx.sqlite" \
		"同一个县的数据做成一个 Excel 工作簿 $out/xlsx/陆川县.xlsx，导入 $out/registry-xlsx.sqlite"
	rm -rf "$out/xlsx" "$out/registry-xlsx.sqlite"
	mkdir -p "$out/xlsx"
	"$gen" --zh --title --units "$out/xlsx/陆川县.xlsx" "$out/csv" $(cd "$out/csv" && ls *.csv | sed 's/\.csv$//')
	"$bin" import --db "$out/registry-xlsx.sqlite" "$out/xlsx"
	if [ "$(sqlite3 "$out/registry.sqlite" .dump | sha256sum)" = "$(sqlite3 "$out/registry-xlsx.sqlite" .dump | sha256sum)" ]; then
		say "  the workbook gives the same registry as the CSV files (sqlite3 .dump identical)" \
			"  工作簿导入的数据库与 CSV 文件导入的完全相同（sqlite3 .dump 一致）"
	else
		say "  the workbook gives another registry than the CSV files" "  工作簿导入的数据库与 CSV 文件导入的不同"
		exit 1
	fi
fi

# `run` exits 1 when it reports findings: that is the expected outcome here.
findings() { "$@" || [ $? -eq 1 ]; }

step "running the audit pack audits/poverty as of $as_of" "运行审计规则包 audits/poverty，审计日期 $as_of"
findings "$bin" run audits/poverty --db "$out/registry.sqlite" --as-of "$as_of" \
	--format jsonl -o "$out/findings.jsonl"

step "recording the run in the findings ledger $out/ledger.git" "把本次运行记入问题台账 $out/ledger.git"
rm -rf "$out/ledger.git"
# a signed ledger: every commit carries its actor's SSH signature; the demo
# makes a throwaway key (ssh-keygen, openssh-client) for its inspector
rm -f "$out/inspector.key" "$out/inspector.key.pub"
ssh-keygen -q -t ed25519 -N '' -C "demo inspector" -f "$out/inspector.key"
export HUIKAN_SIGNING_KEY=$(realpath "$out/inspector.key")
unset HUIKAN_USER
"$bin" ledger init "$out/ledger.git" --office luchuan --admin "Demo Inspector <inspector@demo.invalid>"
findings "$bin" run audits/poverty --db "$out/registry.sqlite" --as-of "$as_of" \
	--ledger "$out/ledger.git" --quiet --format jsonl -o /dev/null
"$bin" ledger allowed-signers --ledger "$out/ledger.git" > "$out/allowed_signers"
if git -C "$out/ledger.git" -c gpg.ssh.allowedSignersFile="$(realpath "$out/allowed_signers")" verify-commit main >"$out/verify.log" 2>&1; then
	say "  git verify-commit: the ledger's last commit carries a good signature of its inspector ($(head -n 1 "$out/verify.log"))" \
		"  git verify-commit：台账最新提交的签名有效，签名人为检查员"
else
	say "  git verify-commit: the ledger's last commit has no good signature: $(cat "$out/verify.log")" \
		"  git verify-commit：台账最新提交的签名无效：$(cat "$out/verify.log")"
	exit 1
fi
rm -f "$out/verify.log"
"$bin" stats --ledger "$out/ledger.git" > "$out/stats.tsv"
# the county's total row (合计 under zh), each figure after its header
awk -F'\t' 'NR == 1 { for (i = 3; i <= NF; i++) h[i] = $i; next }
	NR == 2 { s = " "; for (i = 3; i <= NF; i++) s = s " " h[i] " " $i; print s; exit }' "$out/stats.tsv" >&2

step "writing the report of the demo county: $out/report.html, $out/report.xlsx" "生成演示县的报告：$out/report.html、$out/report.xlsx"
"$bin" report --ledger "$out/ledger.git" --db "$out/registry.sqlite" --html "$out/report.html" --xlsx "$out/report.xlsx" >/dev/null

if [ -z "$zh" ]; then
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
  report.xlsx         the four lists 问题清单 任务清单 责任清单 时限清单, a summary, 单位汇总 and 红黑榜
next:
  $bin rules audits/poverty
  $bin findings --ledger $out/ledger.git --rule 'funds.*'
  $bin show ID --ledger $out/ledger.git
EOT
	echo "report: $(realpath "$out/report.html")"
else
	cat >&2 <<EOT

完成。$out/ 中有：
  csv/                演示县的 CSV 文件；csv/truth.jsonl 为埋入数据的异常清单
  registry.sqlite     导入后的建档立卡数据库
  xlsx/陆川县.xlsx     同一个县的 Excel 工作簿（每表一个工作表，中文表名和表头，带标题行）
  findings.jsonl      扶贫规则包发现的问题（每行一个 JSON 对象）
  ledger.git          问题台账（裸 git 仓库：git -C $out/ledger.git log），
                      每个提交都用 inspector.key 签名（allowed_signers：供 git 核验的公钥）
  stats.tsv           按规则、乡镇、责任单位统计的销号情况（huikan stats）
  report.html         问题看板：用浏览器打开（单个文件，离线可用）
  report.xlsx         问题清单、任务清单、责任清单、时限清单四个清单，以及汇总表、单位汇总和红黑榜
接下来可以：
  $bin rules audits/poverty
  $bin findings --ledger $out/ledger.git --rule 'funds.*'
  $bin show 问题编号 --ledger $out/ledger.git
EOT
	echo "报告：$(realpath "$out/report.html")"
fi
