-- truth_compare.lua TRUTH FINDINGS: compares the (rule, entity) pairs of a
-- findings file (huikan run --format jsonl) with a demo truth.jsonl. Prints one
-- line per rule: "RULE INJECTED FOUND MISSED EXTRA MISSED-LIST EXTRA-LIST"
-- (lists comma separated, "-" when empty). Used by tests/cli/pack_truth.sh and
-- bench/pack.sh; run with lua5.4.
local function read(path)
	local list, set = {}, {}
	for line in io.lines(path) do
		local r = line:match('"rule"%s*:%s*"([^"]*)"')
		local e = line:match('"entity"%s*:%s*"([^"]*)"')
		if r and e then
			list[#list + 1] = { r, e }
			set[r .. " " .. e] = true
		end
	end
	return list, set
end

local truth, tset = read(arg[1])
local found, fset = read(arg[2])
local stat, rules = {}, {}
local function st(r)
	if not stat[r] then
		stat[r] = { t = 0, f = 0, miss = {}, extra = {} }
		rules[#rules + 1] = r
	end
	return stat[r]
end
for _, p in ipairs(truth) do
	local s = st(p[1])
	s.t = s.t + 1
	if not fset[p[1] .. " " .. p[2]] then s.miss[#s.miss + 1] = p[2] end
end
for _, p in ipairs(found) do
	local s = st(p[1])
	s.f = s.f + 1
	if not tset[p[1] .. " " .. p[2]] then s.extra[#s.extra + 1] = p[2] end
end
table.sort(rules)
for _, r in ipairs(rules) do
	local s = stat[r]
	print(string.format("%s %d %d %d %d %s %s", r, s.t, s.f, #s.miss, #s.extra,
		#s.miss > 0 and table.concat(s.miss, ",") or "-", #s.extra > 0 and table.concat(s.extra, ",") or "-"))
end
