#!/usr/bin/env bash
# Findings in either language (issue 14): the same run under --lang zh and
# --lang en gives the same finding ids, entities, finding.json files and
# ledger states; the run records each rule's titles, so the ledger's views
# (findings, show, stats) name the rule in the reader's language without the
# pack; messages are shown in the reader's language, and JSON keeps the
# recorded message with message_en beside it.
. "$(dirname "$0")/lib.bash"

export HUIKAN_USER="Li Wei <li.wei@example.org>"
"$HUIKAN" demo-data --out "$T/csv" --households 300 --seed 3 --as-of 2020-06-30 >/dev/null 2>"$T/err" &&
	"$HUIKAN" import --quiet --db "$T/r.sqlite" "$T/csv" >/dev/null 2>>"$T/err" ||
	{ not_ok "demo county: $(head -c 300 "$T/err")"; exit 0; }
for lang in zh en; do
	"$HUIKAN" ledger init --unsigned "$T/$lang.git" --office luchuan --admin "$HUIKAN_USER" >/dev/null 2>&1
	run_hk "$T/run.$lang" "$T/err" run audits/poverty --db "$T/r.sqlite" --as-of 2020-06-30 --format jsonl \
		--ledger "$T/$lang.git" -q --lang "$lang"
	check "run --lang $lang records its findings (exit 1)" test "$rc" -eq 1
	"$HUIKAN" findings --ledger "$T/$lang.git" --format jsonl >"$T/findings.$lang.json"
	git -C "$T/$lang.git" ls-tree -r HEAD findings | grep '/finding.json$' >"$T/tree.$lang"
done

# the same ids, entities, states and finding.json files in both languages
cmp -s "$T/run.zh" "$T/run.en" && ok "run --format jsonl is the same in both languages" ||
	not_ok "jsonl differs: $(diff "$T/run.zh" "$T/run.en" | head -3)"
jq -r '[.id, .rule, .entity, .status] | @tsv' "$T/findings.zh.json" >"$T/state.zh"
jq -r '[.id, .rule, .entity, .status] | @tsv' "$T/findings.en.json" >"$T/state.en"
[ -s "$T/state.zh" ] && cmp -s "$T/state.zh" "$T/state.en" &&
	ok "finding ids, entities and ledger states do not depend on the language ($(wc -l <"$T/state.zh"))" ||
	not_ok "states differ: $(diff "$T/state.zh" "$T/state.en" | head -3)"
[ -s "$T/tree.zh" ] && cmp -s "$T/tree.zh" "$T/tree.en" && ok "every finding.json is the same blob in both ledgers" ||
	not_ok "finding.json blobs differ"
[ "$(jq -r 'select(.rule == "funds.idle") | (.message | test("^资金 ")) and (.message_en | test("^fund "))' \
	"$T/findings.en.json" | sort -u)" = true ] && ok "findings --format json keeps message and gives message_en" ||
	not_ok "json message: $(grep funds.idle "$T/findings.en.json" | head -1)"

# the run record names each rule in both languages
git -C "$T/zh.git" show "HEAD:runs/$(git -C "$T/zh.git" ls-tree --name-only HEAD runs/ | head -1 | sed 's#runs/##')" >"$T/runrec"
[ "$(jq -r '.titles["funds.idle"].zh == "资金闲置" and .titles["funds.idle"].en == "idle fund"' "$T/runrec")" = true ] &&
	ok "runs/<id>.json records each rule's Chinese and English title" || not_ok "run record: $(head -c 300 "$T/runrec")"

# the views: the title of the reader's language beside the rule id, the message in it
id=$(jq -r 'select(.rule == "funds.idle") | .id' "$T/findings.zh.json" | head -1)
"$HUIKAN" findings --ledger "$T/zh.git" --rule funds.idle --lang zh >"$T/f.zh"
"$HUIKAN" findings --ledger "$T/zh.git" --rule funds.idle --lang en >"$T/f.en"
grep -q $'\tfunds.idle\t.*\t资金 F[0-9-]* (.*\t资金闲置$' "$T/f.zh" && grep -q $'\tfunds.idle\t.*\tfund F[0-9-]* (.*\tidle fund$' "$T/f.en" &&
	ok "findings shows the rule's title and the message in the chosen language" ||
	not_ok "findings: $(head -2 "$T/f.zh" "$T/f.en")"
"$HUIKAN" show "$id" --ledger "$T/zh.git" --lang zh >"$T/s.zh"
"$HUIKAN" show "$id" --ledger "$T/zh.git" --lang en >"$T/s.en"
grep -q '^规则名称：资金闲置$' "$T/s.zh" && grep -q '^问题描述：资金 ' "$T/s.zh" && grep -q '^title     idle fund$' "$T/s.en" &&
	grep -q '^message   fund ' "$T/s.en" && ok "show names the rule's title in the chosen language" ||
	not_ok "show: $(head -4 "$T/s.zh" "$T/s.en")"
"$HUIKAN" stats --ledger "$T/zh.git" --lang zh >"$T/st.zh"
"$HUIKAN" stats --ledger "$T/zh.git" --lang en --format jsonl >"$T/st.json"
grep -q $'^按规则\tfunds.idle 资金闲置\t' "$T/st.zh" &&
	[ "$(jq -r 'select(.by == "rule" and .name == "funds.idle") | .title == "idle fund"' "$T/st.json")" = true ] &&
	ok "stats gives each rule's title beside its id (JSON: id and title apart)" ||
	not_ok "stats: $(grep funds.idle "$T/st.zh" "$T/st.json")"
# every group of stats is named in the reader's language (the county group
# came with the province hub and was once left in English)
groups=$(cut -f1 "$T/st.zh" | grep -v '^$' | sort -u | tr '\n' ' ')
[ -n "$groups" ] && ! grep -q '[A-Za-z]' <<<"$groups" && ok "stats --lang zh names every group in Chinese ($groups)" ||
	not_ok "stats --lang zh groups: $groups"
# the index rebuilt from git alone names the rules the same way
rm -f "$T/zh.git/huikan-index.sqlite"*
"$HUIKAN" findings --ledger "$T/zh.git" --rule funds.idle --lang zh >"$T/f.zh2"
cmp -s "$T/f.zh" "$T/f.zh2" && ok "a rebuilt index names the rules from the run records" || not_ok "rebuilt: $(head -2 "$T/f.zh2")"

# huikan rules lists each rule's title in the chosen language
"$HUIKAN" rules poverty --lang zh >"$T/r.zh"
"$HUIKAN" rules poverty --lang en >"$T/r.en"
grep -qE '^funds\.idle +funds +medium +fund +资金闲置$' "$T/r.zh" && grep -qE '^funds\.idle +funds +medium +fund +idle fund$' "$T/r.en" &&
	ok "rules lists the titles in the chosen language" || not_ok "rules: $(grep funds.idle "$T/r.zh" "$T/r.en")"

# ledger record --pack P (findings made elsewhere): when P is a pack huikan
# loads, the run record keeps its rules' titles, so the views name the rules
"$HUIKAN" ledger init --unsigned "$T/rec.git" --office luchuan --admin "$HUIKAN_USER" >/dev/null 2>&1
run_hk "$T/o" "$T/err" ledger record --ledger "$T/rec.git" --findings "$T/run.zh" --pack poverty --as-of 2020-06-30
"$HUIKAN" findings --ledger "$T/rec.git" --rule funds.idle --lang zh >"$T/rf.zh"
"$HUIKAN" findings --ledger "$T/rec.git" --rule funds.idle --lang en >"$T/rf.en"
[ "$rc" -eq 0 ] && grep -q $'\tfunds.idle\t.*\t资金闲置$' "$T/rf.zh" && grep -q $'\tfunds.idle\t.*\tidle fund$' "$T/rf.en" &&
	ok "ledger record --pack poverty records the titles: findings names the rules in zh and en" ||
	not_ok "ledger record --pack titles: rc $rc $(cat "$T/err") $(head -2 "$T/rf.zh")"
rec=$(git -C "$T/rec.git" ls-tree --name-only HEAD runs/ | head -1)
[ "$(git -C "$T/rec.git" show "HEAD:$rec" | jq -r '.titles["funds.idle"] | .zh + "|" + .en')" = "资金闲置|idle fund" ] &&
	ok "its run record holds each rule's Chinese and English title" || not_ok "record titles: $(git -C "$T/rec.git" show "HEAD:$rec" | head -c 300)"
# a pack name huikan cannot load: recorded as a name, no titles, nothing refused
"$HUIKAN" ledger init --unsigned "$T/rec2.git" --office luchuan --admin "$HUIKAN_USER" >/dev/null 2>&1
run_hk "$T/o" "$T/err" ledger record --ledger "$T/rec2.git" --findings "$T/run.zh" --pack elsewhere-pack --as-of 2020-06-30
rec=$(git -C "$T/rec2.git" ls-tree --name-only HEAD runs/ | head -1)
[ "$rc" -eq 0 ] && [ "$(git -C "$T/rec2.git" show "HEAD:$rec" | jq -r '.titles // "none"')" = none ] &&
	ok "ledger record --pack NAME that is no pack here: recorded without titles" || not_ok "record --pack name: rc $rc $(cat "$T/err")"
# a rule the pack lacks is named (under zh in Chinese), recorded without its title
printf '{"rule":"local.extra","entity":"household:1","category":"data","severity":"low","message":"本地规则"}\n' >"$T/extra.jsonl"
run_hk "$T/o" "$T/err" ledger record --ledger "$T/rec2.git" --findings "$T/extra.jsonl" --pack poverty --lang zh
[ "$rc" -eq 0 ] && grep -q '规则 local.extra 不在规则包 poverty 中' "$T/err" &&
	ok "a rule not in the pack is named (in Chinese under zh) and recorded without a title" ||
	not_ok "rule not in pack: rc $rc $(cat "$T/err")"
