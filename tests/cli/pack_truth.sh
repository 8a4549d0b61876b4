# The poverty pack against the demo generator's truth: on synthetic counties of
# 3,000 households (two seeds), `huikan run audits/poverty` must find every
# injected anomaly of truth.jsonl and nothing else - recall 1.0 and precision
# 1.0 for every rule of the catalogue. (The 20,000-household demo county and
# 50,000 households are checked by bench/pack.sh: too slow for make check.)
. "$(dirname "$0")/lib.bash"

# compare TRUTH FINDINGS: prints one line per rule "RULE TRUE FOUND MISSED EXTRA"
# and the missed / extra pairs.
compare() {
	lua5.4 - "$1" "$2" <<'LUA'
local function read(path)
	local set = {}
	for line in io.lines(path) do
		local r = line:match('"rule"%s*:%s*"([^"]*)"')
		local e = line:match('"entity"%s*:%s*"([^"]*)"')
		if r and e then set[#set + 1] = { r, e }; set[r .. " " .. e] = true end
	end
	return set
end
local truth, found = read(arg[1]), read(arg[2])
local stat, rules = {}, {}
local function st(r)
	if not stat[r] then stat[r] = { t = 0, f = 0, miss = {}, extra = {} }; rules[#rules + 1] = r end
	return stat[r]
end
for _, p in ipairs(truth) do
	local s = st(p[1]); s.t = s.t + 1
	if not found[p[1] .. " " .. p[2]] then s.miss[#s.miss + 1] = p[2] end
end
for _, p in ipairs(found) do
	local s = st(p[1]); s.f = s.f + 1
	if not truth[p[1] .. " " .. p[2]] then s.extra[#s.extra + 1] = p[2] end
end
table.sort(rules)
for _, r in ipairs(rules) do
	local s = stat[r]
	print(string.format("%s %d %d %d %d %s %s", r, s.t, s.f, #s.miss, #s.extra,
		table.concat(s.miss, ","), table.concat(s.extra, ",")))
end
LUA
}

for seed in 1 7; do
	d="$T/s$seed"
	if ! "$HUIKAN" demo-data --out "$d/csv" --households 3000 --seed "$seed" --as-of 2020-06-30 >"$T/out" 2>"$T/err"; then
		not_ok "seed $seed: demo-data failed: $(head -c 300 "$T/err")"
		continue
	fi
	if ! "$HUIKAN" import --quiet --db "$d/registry.sqlite" "$d/csv" >"$T/out" 2>"$T/err"; then
		not_ok "seed $seed: import failed: $(head -c 300 "$T/err")"
		continue
	fi
	run_hk "$d/findings.jsonl" "$T/err" run audits/poverty --db "$d/registry.sqlite" --as-of 2020-06-30 --format jsonl -q
	check "seed $seed: run completes with findings (exit 1)" test "$rc" -eq 1
	check "seed $seed: no rule failed" test ! -s "$T/err"
	compare "$d/csv/truth.jsonl" "$d/findings.jsonl" >"$d/cmp"
	# Every rule id of the catalogue is injected at least once and matched exactly.
	for id in $(grep -oE '^\| (precision|assignment|funds)\.[a-z-]+' "$ROOT/docs/rules.md" | sed 's/^| //'); do
		line=$(grep "^$id " "$d/cmp")
		if [ -z "$line" ]; then
			not_ok "seed $seed: $id: neither in truth.jsonl nor found"
			continue
		fi
		set -- $line
		if [ "$2" -gt 0 ] && [ "$4" -eq 0 ] && [ "$5" -eq 0 ]; then
			ok "seed $seed: $id: recall 1.0, precision 1.0 ($2 injected)"
		else
			not_ok "seed $seed: $id: $2 injected, $3 found, missed [${6:-}] extra [${7:-}]"
		fi
	done
	# Findings of rules outside the catalogue would be extra too.
	others=$(awk '{print $1}' "$d/cmp" | grep -cvE '^(precision|assignment|funds)\.')
	check "seed $seed: no findings of other rules" test "$others" -eq 0
done
