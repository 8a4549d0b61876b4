# The poverty audit pack (audits/poverty): its rules are exactly the catalogue
# of docs/rules.md, each with the entity kind the catalogue names and a test
# file beside it; `huikan test audits/poverty` passes with no rule untested;
# parameters can be overridden; and the documented jsonl run works on a tiny
# registry. (Recall and precision on demo counties: pack_truth.sh.)
. "$(dirname "$0")/lib.bash"

pack="$ROOT/audits/poverty"
# rows: | id | Chinese title | entity | a finding when |
grep -E '^\| (precision|assignment|funds|data)\.[a-z-]+ \| [^|]+ \| ([a-z]+|\*) \|' "$ROOT/docs/rules.md" |
	awk -F'|' '{gsub(/ /, "", $2); gsub(/ /, "", $4); print $2, $4}' | sort >"$T/catalogue"
check "the catalogue has 51 rules (48, data.rejected-row and the two cross-county rules)" test "$(wc -l <"$T/catalogue")" -eq 51

run_hk "$T/json" "$T/err" rules "$pack" --json
check "huikan rules --json lists the pack" test "$rc" -eq 0
sed 's/^{"id":"\([^"]*\)".*"entity":"\([^"]*\)".*/\1 \2/' "$T/json" | sort >"$T/listed"
if diff "$T/catalogue" "$T/listed" >"$T/diff"; then
	ok "the pack's rule ids and entity kinds are the catalogue's"
else
	not_ok "the pack differs from docs/rules.md: $(tr '\n' ' ' <"$T/diff")"
fi
missing=""
while read -r id _; do
	[ -f "$pack/rules/$id.lua" ] || missing="$missing $id.lua"
	[ -f "$pack/rules/$id.test.lua" ] || missing="$missing $id.test.lua"
done <"$T/catalogue"
check "every rule is rules/<id>.lua with rules/<id>.test.lua beside it${missing:+ (missing:$missing)}" test -z "$missing"

run_hk "$T/out" "$T/err" test "$pack"
check "huikan test audits/poverty passes" test "$rc" -eq 0
check "huikan test reports no failure" grep -q '^[0-9]* passed, 0 failed$' "$T/out"
n=$(sed -n 's/^\([0-9]*\) passed, 0 failed$/\1/p' "$T/out")
check "at least a finding case and a near-miss case per rule (${n:-0} cases)" test "${n:-0}" -ge 96
check "no rule without tests" test -z "$(grep 'rules without tests' "$T/err")"

# Each test file has a case expecting findings and a case expecting none.
bad=""
for f in "$pack"/rules/*.test.lua; do
	grep -q 'expect = {}' "$f" || bad="$bad $(basename "$f")"
	grep -qE 'expect = \{ *("|\{)' "$f" || bad="$bad $(basename "$f")"
done
check "every test file has a finding case and a no-finding case${bad:+ (not:$bad)}" test -z "$bad"

# Every rule documents a basis and every parameter appears in the README.
nobasis=$(grep -c '"basis":""' "$T/json")
check "every rule names its basis" test "$nobasis" -eq 0
undoc=""
# top-level keys of each rule's "params" object
lua5.4 - "$T/json" >"$T/params" <<'LUA'
for line in io.lines(arg[1]) do
	local s = line:match([["params":(%b{})]]) or "{}"
	local depth = 0
	for i = 1, #s do
		local c = s:sub(i, i)
		if c == "{" then depth = depth + 1 elseif c == "}" then depth = depth - 1
		elseif depth == 1 and c == '"' and s:sub(i - 1, i - 1):match("[{,]") then
			print((s:match('^"([^"]*)":', i)))
		end
	end
end
LUA
check "the rules have parameters ($(sort -u "$T/params" | wc -l))" test "$(sort -u "$T/params" | wc -l)" -ge 20
for p in $(sort -u "$T/params"); do
	grep -q "\`$p\`" "$pack/README.md" || undoc="$undoc $p"
done
check "every parameter is documented in the README${undoc:+ (not:$undoc)}" test -z "$undoc"

# A tiny registry through the documented machine-readable run.
mkdir -p "$T/csv"
cat >"$T/csv/households.csv" <<'CSV'
id,village_code,size,status,registered_year
H1,450922102001,1,poor,2015
CSV
cat >"$T/csv/members.csv" <<'CSV'
id_number,household_id,name,relation
450922198001010019,H1,韦某某,head
CSV
cat >"$T/csv/vehicles.csv" <<'CSV'
owner_id_number,plate,kind,price
450922198001010019,桂K·A0001,car,85000
CSV
sed -i 's/450922198001010019/450902198001010019/' "$T/csv/members.csv" "$T/csv/vehicles.csv"
"$HUIKAN" import --quiet --db "$T/r.sqlite" "$T/csv" >/dev/null 2>&1
run_hk "$T/f.jsonl" "$T/err" run audits/poverty --db "$T/r.sqlite" --as-of 2020-06-30 --format jsonl --rules precision.vehicle -q
check "run --format jsonl exits 1 with findings" test "$rc" -eq 1
check "the vehicle finding names the plate and price" grep -q '"rule":"precision.vehicle","entity":"household:H1".*桂K·A0001.*85,000 元' "$T/f.jsonl"
run_hk "$T/f2.jsonl" "$T/err" run audits/poverty --db "$T/r.sqlite" --as-of 2020-06-30 --format jsonl --rules precision.vehicle -q --param vehicle_min_price=90000
check "--param vehicle_min_price=90000 drops it" test "$rc" -eq 0 -a ! -s "$T/f2.jsonl"
