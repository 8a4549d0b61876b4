# The texts of a pack follow the language setting (issue 14, docs/i18n.md):
# `huikan rules PACK RULE` shows a rule's description (about), basis and
# parameter docs in the language of --lang when the pack gives it
# (description_zh, basis_zh, doc_zh beside the plain fields), and `huikan
# rules PACK` the pack's description (description_en beside the plain one);
# a pack with only the plain fields shows them under both languages; a bad
# new field is a load error naming the file. Parameter kinds and units are
# words of the language too (金额, 元).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/i18n_lib.bash"
I18N_TAG=rules_lang
pack="$ROOT/audits/poverty"

i18n_words "$T/allow"
expect_english_checker

# The texts a rule's description shows, one file per rule under $2: the
# basis and about lines and each parameter's doc line (the lines under a
# parameter, indented to its doc column), without their labels.
split_texts() {
	mkdir -p "$2"
	awk -v dir="$2" '
		/^[a-z][a-z0-9._-]*$/ { rule = $0; next }
		/^  (依据|说明|basis|about)[：:]/ { sub(/^  [^ ]+ +/, ""); print > (dir "/" rule); next }
		substr($0, 1, 29) ~ /^ +$/ && substr($0, 30, 1) ~ /[^ ]/ { sub(/^ +/, ""); print > (dir "/" rule) }' "$1"
}

# ---- --lang zh: every rule of audits/poverty, no English ----
"$HUIKAN" --lang en rules "$pack" --json >"$T/json" 2>"$T/err" || not_ok "rules_lang: rules --json failed: $(cat "$T/err")"
jq -r .id "$T/json" >"$T/ids"
n=$(wc -l <"$T/ids")
[ "$n" -ge 50 ] && ok "rules_lang: audits/poverty has $n rules" || not_ok "rules_lang: only $n rules"
# every rule that has a description has it in Chinese too, and so its basis
# and each documented parameter (a new rule cannot forget)
missing=$(jq -r 'select((.description != "" and .description_zh == "") or (.basis != "" and .basis_zh == "")
	or ([.param_docs[] | select(.doc != null and .doc_zh == null)] | length > 0)) | .id' "$T/json" | tr '\n' ' ')
[ -z "$missing" ] && ok "rules_lang: every rule with a description, basis or doc has its Chinese (_zh) form" ||
	not_ok "rules_lang: no description_zh/basis_zh/doc_zh: $missing"

# RULE '*' describes every rule, as `rules PACK ID` does one
"$HUIKAN" --lang zh rules "$pack" '*' >"$T/all.zh" 2>"$T/err"
[ $? -eq 0 ] && [ "$(grep -cE '^[a-z][a-z0-9._-]*$' "$T/all.zh")" -eq "$n" ] &&
	ok "rules_lang: rules PACK '*' under zh describes each of the $n rules" || not_ok "rules_lang: zh: $(cat "$T/err")"
"$HUIKAN" --lang zh rules "$pack" funds.loan-terms >"$T/one.zh" 2>&1
awk '/^funds.loan-terms$/, /^$/' "$T/all.zh" >"$T/one.want"
grep -q '^  依据：' "$T/one.want" && cmp -s "$T/one.want" "$T/one.zh" &&
	ok "rules_lang: rules PACK ID shows what '*' shows of that rule" || not_ok "rules_lang: zh: $(cat "$T/one.zh")"
split_texts "$T/all.zh" "$T/zh"
# the texts shown: one about line per rule with a description (and basis, docs)
want=$(jq -r 'select(.description != "") | .id' "$T/json" | wc -l)
got=$(grep -c '^  说明：' "$T/all.zh")
[ "$got" -eq "$want" ] && [ "$want" -gt 0 ] && ok "rules_lang: zh: $got rules show 说明" ||
	not_ok "rules_lang: zh: $got 说明 lines, $want rules with a description"
docs=$(jq -s '[.[].param_docs | length] | add' "$T/json")
[ "$(cat "$T"/zh/* | wc -l)" -eq $((got + $(grep -c '^  依据：' "$T/all.zh") + docs)) ] && [ "$docs" -gt 0 ] &&
	ok "rules_lang: zh: the texts checked are the about, basis and $docs parameter-doc lines" ||
	not_ok "rules_lang: zh: $(cat "$T"/zh/* | wc -l) text lines, expected about + basis + $docs docs"
# backticks quote parameter names and codes (`max_households`, `poor`): kept
english_rules=""
for f in "$T"/zh/*; do
	sed 's/`[^`]*`//g' "$f" >"$T/texts"
	w=$(english "$T/texts" | tr '\n' ' ')
	[ -n "$w" ] && english_rules="$english_rules $(basename "$f"): $w;"
done
[ -z "$english_rules" ] && ok "rules_lang: zh: no English word in any rule's about, basis or parameter doc" ||
	not_ok "rules_lang: zh: English words in$english_rules"
# and none in the rest either (labels, parameter kinds and units), but for
# the English title, which zh shows by design (英文名称)
grep -v '^  英文名称：' "$T/all.zh" | sed 's/`[^`]*`//g' >"$T/rest.zh"
grep -q ' 元  (' "$T/rest.zh" && expect_chinese "rules PACK '*' (kinds, units, labels)" "$T/rest.zh" ||
	not_ok "rules_lang: zh: no unit 元 shown: $(grep -m3 'money\|金额' "$T/rest.zh")"

# ---- --lang en: the English texts, the pack's description in English ----
"$HUIKAN" --lang en rules "$pack" >"$T/list.en" 2>&1
line=$(tail -n 1 "$T/list.en")
case $line in
*"rules in pack poverty"*) ;;
*) not_ok "rules_lang: en: no pack line: $line" ;;
esac
printf '%s\n' "${line#*: }" >"$T/packdesc.en"
if grep -qP '\p{Han}' "$T/packdesc.en" || ! grep -qE '[a-z]{4,} [a-z]{3,}' "$T/packdesc.en"; then
	not_ok "rules_lang: en: the pack's description is not English: $line"
else
	ok "rules_lang: en: the pack's description is English"
fi
"$HUIKAN" --lang zh rules "$pack" >"$T/list.zh" 2>&1
tail -n 1 "$T/list.zh" | grep -qP '\p{Han}{4}' && ! tail -n 1 "$T/list.zh" | grep -q 'audit of' &&
	ok "rules_lang: zh: the pack's description is Chinese" || not_ok "rules_lang: zh: $(tail -n 1 "$T/list.zh")"
"$HUIKAN" --lang en rules "$pack" '*' >"$T/all.en" 2>&1
split_texts "$T/all.en" "$T/en"
jq -r 'select(.description != "") | "\(.id)\t\(.description)"' "$T/json" >"$T/want.en"
bad=""
while IFS=$'\t' read -r id d; do
	grep -qxF -- "$d" "$T/en/$id" 2>/dev/null || bad="$bad $id"
done <"$T/want.en"
[ -z "$bad" ] && ok "rules_lang: en: every rule shows its English description" || not_ok "rules_lang: en: not the English description:$bad"
# English words in every English text line (the Chinese of the basis is only a
# term in parentheses)
bad=$(for f in "$T"/en/*; do grep -LE '[A-Za-z]{3,} [A-Za-z]{2,}' "$f"; done | xargs -r -n1 basename | tr '\n' ' ')
nolines=$(cat "$T"/en/* | grep -vE '[A-Za-z]{3,}' | head -3)
[ -z "$bad" ] && [ -z "$nolines" ] && ok "rules_lang: en: every about, basis and doc line is English" ||
	not_ok "rules_lang: en: not English: $bad $nolines"

# ---- a pack with the plain fields only: the same text in both languages ----
mkdir -p "$T/plain/rules"
cat >"$T/plain/pack.lua" <<'LUA'
return { name = "plain", version = "1", description = "a pack of one language" }
LUA
cat >"$T/plain/rules/local.one.lua" <<'LUA'
return {
	id = "local.one", title = "一条规则", category = "local", severity = "low", entity = "household",
	description = "written once, shown always",
	basis = { "the first source", "the second source" },
	params = { limit = { type = "integer", default = 3, doc = "the one doc" } },
	check = function() end,
}
LUA
for l in zh en; do
	"$HUIKAN" --lang $l rules "$T/plain" local.one >"$T/plain.$l" 2>&1
	"$HUIKAN" --lang $l rules "$T/plain" >"$T/plainlist.$l" 2>&1
done
for l in zh en; do
	grep -q "written once, shown always" "$T/plain.$l" && grep -q "the first source; the second source" "$T/plain.$l" &&
		grep -q "the one doc" "$T/plain.$l" && grep -q "a pack of one language" "$T/plainlist.$l" &&
		ok "rules_lang: $l: a pack with plain fields only shows them" || not_ok "rules_lang: $l: plain pack: $(cat "$T/plain.$l" "$T/plainlist.$l")"
done
# and a pack with only the Chinese ones shows them under en too
sed -i 's/description = "written once, shown always"/description_zh = "只有中文说明"/; s/basis = {/basis_zh = {/' "$T/plain/rules/local.one.lua"
"$HUIKAN" --lang en rules "$T/plain" local.one >"$T/plain.zhonly" 2>&1
grep -q "只有中文说明" "$T/plain.zhonly" && grep -q "the first source; the second source" "$T/plain.zhonly" &&
	ok "rules_lang: en: a rule with only description_zh and basis_zh falls back to them" ||
	not_ok "rules_lang: en: no fallback: $(cat "$T/plain.zhonly")"

# ---- a bad new field: a load error naming the file and the field ----
mkdir -p "$T/bad/rules"
cat >"$T/bad/pack.lua" <<'LUA'
return { name = "bad" }
LUA
sed 's/description_zh = "只有中文说明"/description_zh = 42/' "$T/plain/rules/local.one.lua" >"$T/bad/rules/local.one.lua"
cp "$T/bad/rules/local.one.lua" "$T/bad/rules/local.two.lua"
sed -i 's/local\.one/local.two/; s/description_zh = 42/description_zh = "好"/; s/doc = "the one doc"/doc_zh = {}/' "$T/bad/rules/local.two.lua"
run_hk "$T/bad.out" "$T/bad.err" --lang en rules "$T/bad"
[ "$rc" -eq 3 ] && grep -q "local.one.lua: field 'description_zh' must be a non-empty string (got number)" "$T/bad.err" &&
	ok "rules_lang: a non-string description_zh is a load error naming the file" ||
	not_ok "rules_lang: bad description_zh: rc $rc: $(cat "$T/bad.err")"
grep -q "local.two.lua: field 'params.limit.doc_zh' must be a non-empty string (got table)" "$T/bad.err" &&
	ok "rules_lang: a non-string doc_zh is a load error naming the file and parameter" ||
	not_ok "rules_lang: bad doc_zh: $(cat "$T/bad.err")"
printf 'return { name = "bad2", description_en = "" }\n' >"$T/bad/pack.lua"
run_hk "$T/bad.out" "$T/bad.err" --lang en rules "$T/bad"
[ "$rc" -eq 2 ] && grep -q "pack.lua: field 'description_en' must be a non-empty string" "$T/bad.err" &&
	ok "rules_lang: an empty description_en is an error naming pack.lua" || not_ok "rules_lang: bad description_en: rc $rc: $(cat "$T/bad.err")"

# ---- --json: the texts as written and the one of the language ----
for l in zh en; do
	"$HUIKAN" --lang $l rules "$pack" funds.loan-terms --json >"$T/lt.$l" 2>&1
done
[ "$(jq -r '.description_shown == .description_zh and .basis_shown == .basis_zh and
	.param_docs.loan_max.doc_shown == .param_docs.loan_max.doc_zh and .description_zh != "" and .title_en != ""' "$T/lt.zh")" = true ] &&
	[ "$(jq -r '.description_shown == .description and .basis_shown == .basis and
	.param_docs.loan_max.doc_shown == .param_docs.loan_max.doc and .description != .description_zh' "$T/lt.en")" = true ] &&
	ok "rules_lang: --json gives the texts of both languages and the one shown" ||
	not_ok "rules_lang: --json: $(cat "$T/lt.zh" "$T/lt.en")"
