#!/usr/bin/env bash
# The README tour end to end in both languages (issue 14): every command of
# the ```sh blocks of README.md's "A tour" is run in order, once under
# --lang zh and once under --lang en, each in its own scratch directory, with
# these stand-ins: build/huikan is the binary under test, /tmp/ is the
# scratch directory (the working directory, with audits/ of the tree). The
# tour itself picks its finding ($F: the first precision.vehicle finding),
# makes the scan it submits, fixes the data (deletes that household's
# vehicles with sqlite3) and clones the ledger it syncs with: a newcomer
# runs it as written.
# Checked: each command exits as the tour expects; both languages give the
# same finding ids, rules, entities, states, units and due dates, the same
# findings.jsonl and the same event types of the tour's finding; the zh
# output of huikan has no English word (tests/cli/i18n_lib.bash), the en
# output none of the Chinese labels the zh output shows; and README.zh.md's
# tour is the same command sequence as README.md's.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/i18n_lib.bash"
I18N_TAG=readme_tour
# libgit2's fetch (ledger sync) leaves pcre2 match data (the known leak of ledger_sync.sh)
export LSAN_OPTIONS="suppressions=$ROOT/tests/cli/lsan-libgit2.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# tour_cmds FILE HEADING: the commands of the ```sh blocks of the section
# "## HEADING" of FILE, one a line (continued lines joined), comment lines kept.
tour_cmds() {
	awk -v head="## $2" '
		/^## / { on = ($0 == head) }
		on && /^```sh$/ { inb = 1; next }
		inb && /^```$/ { inb = 0; next }
		inb {
			line = $0
			if (cont != "") { sub(/^[ \t]+/, "", line); line = cont " " line; cont = "" }
			if (line ~ /\\$/) { sub(/[ \t]*\\$/, "", line); cont = line; next }
			print line
		}' "$1"
}
# bare: the commands without comments and blank lines, for comparing the READMEs
bare() { sed -E 's/^[ \t]*#.*$//; s/[ \t]+#[ \t].*$//; s/[ \t]+$//' | grep -v '^$'; }

tour_cmds "$ROOT/README.md" "A tour" >"$T/tour"
n=$(bare <"$T/tour" | wc -l)
[ "$n" -ge 30 ] && ok "readme_tour: $n commands in README.md's tour" || not_ok "readme_tour: only $n commands found in README.md's tour"

if [ -f "$ROOT/README.zh.md" ]; then
	tour_cmds "$ROOT/README.zh.md" "导览" >"$T/tour.zh"
	if [ -s "$T/tour.zh" ] && diff <(bare <"$T/tour") <(bare <"$T/tour.zh") >"$T/d"; then
		ok "readme_tour: README.zh.md's tour runs the same commands as README.md's"
	else
		not_ok "readme_tour: README.zh.md's tour differs from README.md's: $(head -6 "$T/d" | tr '\n' '|')"
	fi
	grep -q '^中文说明: \[README.zh.md\](README.zh.md)' "$ROOT/README.md" && grep -q '(README.md)' "$ROOT/README.zh.md" &&
		ok "readme_tour: README.md links README.zh.md at the top and back" || not_ok "readme_tour: the READMEs do not link each other"
else
	not_ok "readme_tour: no README.zh.md"
fi

# tour LANG: runs the tour in $T/LANG; step outputs in $T/LANG/out.N and err.N
tour() (
	L=$1 W=$T/$1
	mkdir -p "$W/work" && cd "$W/work" || exit 1
	ln -s "$ROOT/audits" audits # the tour runs at the top of the tree
	unset HUIKAN_LEDGER HUIKAN_SIGNING_KEY HUIKAN_USER HUIKAN_LANG
	huikan() { "$HUIKAN" --lang "$L" "$@"; }
	F=
	i=0
	while IFS= read -r cmd; do
		case "$cmd" in
		"#"*) continue ;;
		esac
		cmd=${cmd//build\/huikan/huikan}
		cmd=${cmd//\/tmp\//$W/}
		i=$((i + 1))
		eval "$cmd" >"$W/out.$i" 2>"$W/err.$i" </dev/null
		rc=$?
		[ -n "$F" ] && [ ! -s "$W/X" ] && echo "$F" >"$W/X"
		want=0
		[[ "$cmd" == "huikan run "* ]] && want="0 1"
		printf '%s\t%s\t%s\n' "$rc" "$want" "$cmd" >>"$W/steps"
	done <"$T/tour"
)
for L in zh en; do
	tour "$L"
	bad=$(awk -F'\t' '{ split($2, w, " "); good = 0; for (k in w) if (w[k] == $1) good = 1; if (!good) print NR ": exit " $1 ": " $3 }' "$T/$L/steps")
	if [ -n "$bad" ] || [ ! -s "$T/$L/steps" ]; then
		not_ok "readme_tour --lang $L: steps that failed: $(echo "$bad" | head -3 | tr '\n' '|')"
		for s in $(echo "$bad" | cut -d: -f1 | head -3); do tail -n 3 "$T/$L/out.$s" "$T/$L/err.$s" | sed 's/^/#   /'; done
	else
		ok "readme_tour --lang $L: all $(wc -l <"$T/$L/steps") commands ran as the tour says"
	fi
done

# ---- the same findings, ids, entities and ledger states in both languages ----
state() { # state LANG: id rule entity status unit due of every finding of its ledger
	"$HUIKAN" --lang en findings --ledger "$T/$1/ledger.git" --format jsonl |
		jq -r '[.id, .rule, .entity, .status, .unit, .due] | @tsv'
}
state zh >"$T/state.zh"
state en >"$T/state.en"
if [ "$(wc -l <"$T/state.zh")" -gt 100 ] && cmp -s "$T/state.zh" "$T/state.en"; then
	ok "readme_tour: the same $(wc -l <"$T/state.zh") findings (ids, rules, entities, states, units, due dates) in both languages"
else
	not_ok "readme_tour: ledger states differ: $(diff "$T/state.zh" "$T/state.en" | head -4 | tr '\n' '|')"
fi
X=$(cat "$T/zh/X" 2>/dev/null)
[ -n "$X" ] && [ "$X" = "$(cat "$T/en/X" 2>/dev/null)" ] && grep -q "^$X	precision.vehicle	.*	closed	乌石镇	2020-08-31$" "$T/state.zh" &&
	ok "readme_tour: the tour's finding $X: assigned, submitted, closed in both" || not_ok "readme_tour: the tour's finding: $(grep "^$X" "$T/state.zh" "$T/state.en")"
events() { "$HUIKAN" --lang en show "$X" --ledger "$T/$1/ledger.git" | awk '/^history:/ { on = 1; next } on && /^  [0-9]/ { print $3 }' | paste -sd' '; }
ev=$(events zh)
[ "$ev" = "found assigned submitted absent closed" ] && [ "$ev" = "$(events en)" ] &&
	ok "readme_tour: its history is the same steps in both: $ev" || not_ok "readme_tour: history zh: $ev, en: $(events en)"
cmp -s "$T/zh/work/findings.jsonl" "$T/en/work/findings.jsonl" && [ -s "$T/zh/work/findings.jsonl" ] &&
	ok "readme_tour: run --format jsonl -o findings.jsonl is the same file in both" || not_ok "readme_tour: findings.jsonl differs"

# ---- the language of what huikan printed ----
# Allowed beside the list of i18n_lib.bash: the words of the tour's own
# commands (names such as Li Wei, the pack mypack, the query's count) and the
# capitals of the registry's data (plates such as 桂KLTPHM); MAD is the name
# of the Benford statistic.
i18n_words "$T/allow" MAD $(grep -ohE '[A-Za-z]+' "$T/tour") $(cat "$T/zh/county/"*.csv | grep -oE '[A-Z]{2,}' | sort -u)
# English under zh by design: `rules PACK RULE` gives both titles of a rule
# (its line 英文名称), not checked; its description, basis and parameter docs
# are (tests/cli/rules_lang.sh checks them for every rule). Of `run --explain`,
# the rule's SQL text (lines "    | ") and SQLite's plan (QUERY PLAN, "`--")
# are code, not checked. No command is skipped ($zh_skip matches none).
zh_skip='^$'
# Chinese under en by design: `schema` lists the Chinese header names of the
# exports; the catalogue and `rules PACK RULE` give both titles of a rule.
en_skip='huikan rules |huikan schema '
cat "$T/zh/county/"*.csv "$T/tour" | grep -oP '\p{Han}+' | sort -u >"$T/han.data"
nz=0 ne=0 skipped=
: >"$T/han.zh"
i=0
while IFS=$'\t' read -r rc want cmd; do
	i=$((i + 1))
	case "$cmd" in huikan*) ;; *) continue ;; esac
	if [[ "$cmd" =~ $zh_skip ]]; then
		skipped="$skipped|${cmd%%  *}"
	else
		cat "$T/zh/out.$i" "$T/zh/err.$i" | grep -vE '^ *(\| |`--)|^  英文名称：' >"$T/zh.$i"
		[ -s "$T/zh.$i" ] && nz=$((nz + 1))
		bad=$(english "$T/zh.$i" | tr '\n' ' ')
		[ -z "$bad" ] || not_ok "readme_tour --lang zh: step $i (${cmd:0:70}): English words: $bad"
		grep -oP '\p{Han}+' "$T/zh.$i" >>"$T/han.zh"
	fi
done <"$T/zh/steps"
[ "$nz" -ge 20 ] && ok "readme_tour --lang zh: $nz outputs of huikan checked for English words" || not_ok "readme_tour --lang zh: only $nz outputs"
[ -z "$skipped" ] || not_ok "readme_tour --lang zh: not checked: ${skipped#|}"
# the Chinese labels of the zh output (its Chinese words that are not data)
sort -u "$T/han.zh" | grep -vxFf "$T/han.data" >"$T/han.labels"
[ "$(wc -l <"$T/han.labels")" -ge 50 ] && ok "readme_tour: the zh output shows $(wc -l <"$T/han.labels") Chinese labels" ||
	not_ok "readme_tour: only $(wc -l <"$T/han.labels") Chinese labels under zh"
i=0
while IFS=$'\t' read -r rc want cmd; do
	i=$((i + 1))
	case "$cmd" in huikan*) ;; *) continue ;; esac
	[[ "$cmd" =~ $en_skip ]] && continue
	ne=$((ne + 1))
	bad=$(cat "$T/en/out.$i" "$T/en/err.$i" | grep -oP '\p{Han}+' | sort -u | grep -xFf "$T/han.labels" | head -8 | tr '\n' ' ')
	[ -z "$bad" ] || not_ok "readme_tour --lang en: step $i (${cmd:0:70}): Chinese labels: $bad"
done <"$T/en/steps"
ok "readme_tour --lang en: $ne outputs of huikan checked for the Chinese labels"
