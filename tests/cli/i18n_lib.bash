# tests/cli/i18n_lib.bash - the no-English check of the Chinese interface
# (issue 14, docs/i18n.md), shared by i18n_zh.sh, demo_lang.sh and
# readme_tour_lang.sh (sourced after lib.bash, not run).
#
# A text under --lang zh may hold no English word. Allowed: ids, codes, file
# names and option names — a token with a digit, '.', '_', '/', '@' or '-' in
# it (F-0123abcd, households.csv, --db, birth_date), a value the message
# quotes ('yes'), the names of commands, subcommands, tables, columns and
# codes (from `huikan schema`), and the technical names below that Chinese
# offices write in Latin letters.

I18N_ALLOW="huikan help version
import export run rules test new schema sql ledger assign submit close reject waive reopen findings show evidence stats report
init role record sync verify reindex add remove list pack rule
table json jsonl csv tsv text html xlsx xls md lua
open assigned submitted absent closed waived reappeared active ready
admin officer inspector unit critical high medium low info immediate dated ongoing
auto utf gb true false yes no all and or not
CSV SQLite SQL UTF BOM GB JSON JSONL TSV HTML XML XLSX Excel WPS Lua git URL FIFO SHA MiB KiB NUL ID CPU Ctrl
SELECT WITH VALUES PRAGMA ATTACH EXPLAIN QUERY PLAN NULL INTEGER REAL TEXT
iconv readfile expect found poll lamport office hash
zh en TZ YYYYMMDD MB Markdown diff config SSH log Unicode kind from to
id title category severity entity message basis description doc file params evidence
poverty data precision funds assignment household person cadre village town fund payment project loan account"

# i18n_words FILE [WORD...]: writes the allow-list to FILE, one name a line:
# the list above, the names `huikan schema` lists, and the WORDs given.
i18n_words() {
	local words=$1 t; shift
	{
		printf '%s\n' $I18N_ALLOW "$@"
		"$HUIKAN" --lang en schema | awk 'NR > 1 && NF >= 2 && $1 ~ /^[a-z_]+$/ { print $1 }' >"$T/.i18n_tables"
		cat "$T/.i18n_tables"
		while read -r t; do
			"$HUIKAN" --lang en schema "$t" | awk '/^[a-z_]+ +[A-Z]+/ { print $1 }
				/code:/ { sub(/.*code: /, ""); n = split($0, a, /, /); for (i = 1; i <= n; i++) { split(a[i], b, " "); print b[1] } }'
		done <"$T/.i18n_tables"
	} | sort -u >"$words"
	I18N_WORDS=$words
}

# english FILE: prints the English words of FILE that the allow-list
# ($I18N_WORDS, made by i18n_words) does not name, one a line (nothing when
# there is none).
english() {
	sed -E "s/'[^']*'//g; s/<[a-z0-9]+>//g; s/(^|[^A-Za-z0-9])--?[A-Za-z][A-Za-z0-9-]*/\1/g" "$1" |
		grep -oE "[A-Za-z0-9_./@+-]*[A-Za-z][A-Za-z0-9_./@+-]*" |
		grep -E '^[A-Za-z]{2,}$' | grep -vxFf "$I18N_WORDS" | sort -u
}

# expect_chinese NAME FILE: FILE is not empty and has no English word
# (reported as "$I18N_TAG: NAME ...").
expect_chinese() {
	local name=$1 file=$2 bad
	if [ ! -s "$file" ]; then
		not_ok "$I18N_TAG: $name: no output"
		return
	fi
	bad=$(english "$file" | tr '\n' ' ')
	if [ -z "$bad" ]; then
		ok "$I18N_TAG: $name: no English"
	else
		not_ok "$I18N_TAG: $name: English words: $bad"
		grep -nwE "$(english "$file" | head -5 | paste -sd'|')" "$file" | head -5 | sed 's/^/#   /'
	fi
}

# expect_english_checker: the checker itself finds English (so that a pass
# means something).
expect_english_checker() {
	printf 'huikan run：cannot read db “x.db”\n' >"$T/.i18n_probe"
	[ "$(english "$T/.i18n_probe" | tr '\n' ' ')" = "cannot db read " ] && ok "$I18N_TAG: the check finds English words" ||
		not_ok "$I18N_TAG: the check missed English: '$(english "$T/.i18n_probe" | tr '\n' ' ')'"
}
