-- demo/generate.lua - `huikan demo-data`: the synthetic demo county.
--
-- Returns a function generate(opts) called by host/cmd_demo.c with opts
-- {out, county, households, seed, as_of, divisions, progress, put_file}. Streams every
-- table of docs/registry.md to opts.out and writes truth.jsonl; returns true,
-- or nil and a message for bad input (unknown county). The data is clean at
-- as_of except for the anomalies recorded in truth.jsonl (docs/demo.md).
local benford = require "benford"
local cross = require "demo.cross"
local dates = require "dates"
local anomalies = require "demo.anomalies"
local divisions = require "demo.divisions"
local funds = require "demo.funds"
local helpers = require "demo.helpers"
local households = require "demo.households"
local rng_mod = require "demo.rng"
local rosters = require "demo.rosters"
local writer = require "demo.writer"

-- Published 2015 figures of 陆川县 that the default scale follows.
local BASE_HOUSEHOLDS, BASE_POOR_VILLAGES, BASE_CADRES = 19889, 67, 6601

local units = { "县财政局", "县教育局", "县卫生健康局", "县人民医院", "县农业农村局", "县交通运输局",
	"县水利局", "县自然资源局", "县住房和城乡建设局", "县人力资源和社会保障局", "县民政局",
	"县供销社", "县林业局", "县市场监督管理局", "县税务局", "县公安局", "县扶贫开发办公室",
	"县委组织部", "县委宣传部", "县科技局", "县审计局", "县统计局" }

-- Largest-remainder split of n over weights w; returns integer counts.
local function split(n, w)
	local total = 0
	for _, x in ipairs(w) do total = total + x end
	local out, rem, used = {}, {}, 0
	for i, x in ipairs(w) do
		local q = n * x / total
		out[i] = math.floor(q)
		rem[i] = { q - out[i], i }
		used = used + out[i]
	end
	table.sort(rem, function(a, b)
		if a[1] ~= b[1] then return a[1] > b[1] end
		return a[2] < b[2]
	end)
	for j = 1, n - used do out[rem[j][2]] = out[rem[j][2]] + 1 end
	return out
end

local function setup(opts, d)
	local n = opts.households
	local G = {
		rng = rng_mod.new(opts.seed), as_of = opts.as_of, A = dates.daynum(opts.as_of),
		Y = dates.year(opts.as_of), county = d.county.code, county_name = d.county.name,
		city_counties = d.siblings, idseq = {}, age_range = {}, yuan = writer.yuan, units = {},
		ncadres = 0, nvisits = 0, npay = 0, nloans = 0, nproj = 0, members = 0, nacct = 0,
		funds = {}, fund_order = {}, bf = {}, bfseq = { cnt = {} }, bfp = {},
		cadre_start = dates.daynum("2014-03-01"), cadre_acct_used = {},
		scale = n / BASE_HOUSEHOLDS, n = n, i = 0,
		shop_words = { "兴旺", "富民", "顺达", "金穗", "绿源", "恒通", "宏发", "丰收" },
	}
	G.county_i = 1
	for i, c in ipairs(d.siblings) do if c == G.county then G.county_i = i end end
	for _, u in ipairs(units) do G.units[#G.units + 1] = d.county.name .. u:sub(4) end
	for x = 10, 99 do G.bfp[x] = benford.expected(x) end
	-- unique account numbers: a bijection of a counter, so they look random;
	-- the counter starts at the county's last 4 digits x 10^8, so the
	-- counties of a city (one db of them, demo-data --city) share none
	local acct0 = (tonumber(G.county) % 10000) * 100000000
	G.account = function(prefix)
		G.nacct = G.nacct + 1
		return prefix .. string.format("%013d", ((acct0 + G.nacct) * 1234567891 + 3141592653589) % 10000000000000)
	end
	G.sched = anomalies.new(G.rng, n)
	cross.setup(G, opts.slice)
	return G
end

-- Regions, poor villages (some exited), the villages' task-force injections.
local function regions(G, d)
	local rng, w = G.rng, G.w
	w:row("regions", { d.province.code, d.province.name, "province", nil, nil, nil })
	w:row("regions", { d.city.code, d.city.name, "city", d.province.code, nil, nil })
	w:row("regions", { d.county.code, d.county.name, "county", d.city.code, nil, nil })
	G.towns = d.towns
	local town_i = {}
	for i, t in ipairs(d.towns) do
		town_i[t.code] = i
		G.bf[t.code] = { k = 0, n = 0, cnt = {} }
		G.streets = G.streets or {}
		G.streets[#G.streets + 1] = t.name:gsub("镇$", ""):gsub("乡$", "") .. "路"
		w:row("regions", { t.code, t.name, "town", d.county.code, nil, nil })
	end
	G.villages = d.villages
	local rural, other = {}, {}
	for _, v in ipairs(d.villages) do
		v.ti = town_i[v.town]
		for _, t in ipairs(d.towns) do if t.code == v.town then v.town_name = t.name end end
		if v.code:sub(10, 10) == "2" then rural[#rural + 1] = v else other[#other + 1] = v end
	end
	local p = math.min(#d.villages, math.max(6, math.floor(BASE_POOR_VILLAGES * G.scale + 0.5)))
	local cands = rng:shuffle({ table.unpack(rural) })
	for _, v in ipairs(rng:shuffle({ table.unpack(other) })) do cands[#cands + 1] = v end
	local poor = {}
	for i = 1, p do
		local v = cands[i]
		v.poor = true
		if i > 3 and G.Y - 1 >= 2016 and rng:chance(0.6) then v.exit_year = rng:int(2016, G.Y - 1) end
		poor[#poor + 1] = v
	end
	for _, v in ipairs(d.villages) do
		w:row("regions", { v.code, v.name, "village", v.town, v.poor and 1 or 0, v.exit_year })
	end
	-- task-force anomalies go to poor villages not exited: the first three are
	local k = function(rate) return math.max(1, math.floor(p * rate + 0.5)) end
	local kinds = {}
	for _ = 1, k(0.045) do kinds[#kinds + 1] = "assignment.no-task-force" end
	for _ = 1, k(0.03) do kinds[#kinds + 1] = "assignment.task-force-small" end
	for _ = 1, k(0.03) do kinds[#kinds + 1] = "assignment.no-first-secretary" end
	local open = {}
	for _, v in ipairs(poor) do if not v.exit_year then open[#open + 1] = v end end
	table.sort(poor, function(a, b) return a.code < b.code end)
	for i, v in ipairs(open) do v.tf_inj = kinds[i] end
	for _, v in ipairs(poor) do helpers.task_force(G, v, v.tf_inj) end
end

local function eligible(G, h, rule)
	local e = households.eligible(G, h, rule)
	if e == nil then e = rosters.eligible(G, h, rule) end
	if e == nil then e = helpers.eligible(G, h, rule) end
	if e == nil then e = funds.eligible(G, h, rule) end
	return e
end

local function standalone(G)
	local s, i = G.sched, G.i
	local function go(rule, fn)
		if s:due(rule, i) then
			s:took(rule)
			fn(G)
		end
	end
	go("precision.orphan-member", rosters.orphan)
	go("precision.missed-welfare", rosters.missed_welfare)
	go("funds.payee-deceased", funds.payee_deceased)
	go("funds.loan-ineligible", funds.loan_ineligible)
	if s:due("funds.payee-ineligible", i) and G.rng:chance(0.3) then
		go("funds.payee-ineligible", funds.payee_ineligible)
	end
end

local function household(G, v, idx, plain)
	local s = G.sched
	G.i = G.i + 1
	local h = households.new(G, v, idx)
	for _, rule in ipairs(anomalies.household_order) do
		if s:due(rule, G.i) and eligible(G, h, rule) then
			h.inj = rule
			s:took(rule)
			break
		end
	end
	cross.household(G, h)
	households.mutate(G, h)
	households.finish(G, h)
	rosters.household(G, h)
	helpers.household(G, h)
	funds.household(G, h)
	funds.loans(G, h)
	rosters.filler(G)
	standalone(G)
	if h.registered and not h.inj then
		plain[#plain + 1] = h
		local c = households.plain(h, 20, 50)
		for _, p in ipairs(c) do
			if p.health == "healthy" then
				if G.i % 2 == 0 then
					G.dup_cand = { person = p, hid = h.id }
				else
					G.cadre_cand = { person = p, hid = h.id }
				end
				break
			end
		end
	end
end

return function(opts)
	local d, err = divisions.load(opts.divisions, opts.county)
	if not d then return nil, err end
	local G = setup(opts, d)
	local w, werr = writer.open(opts.out, opts.put_file)
	if not w then return nil, werr end
	G.w = w
	local ok, e = xpcall(function()
		regions(G, d)
		-- households per village: poor villages weigh 3, other villages 1,
		-- urban communities 0.25
		local wts = {}
		for i, v in ipairs(G.villages) do
			wts[i] = v.poor and 3 or (v.code:sub(10, 10) == "2" and 1 or 0.25)
		end
		local counts = split(G.n, wts)
		local per_town = {}
		for i, v in ipairs(G.villages) do per_town[v.town] = (per_town[v.town] or 0) + counts[i] end
		local best = -1
		for _, t in ipairs(G.towns) do
			if per_town[t.code] > best then best, G.benford_town = per_town[t.code], t.code end
		end
		for vi, v in ipairs(G.villages) do
			local plain = {}
			for idx = 1, counts[vi] do
				household(G, v, idx, plain)
				if G.i % 2000 == 0 and opts.progress then opts.progress(G.i, G.n, "households") end
			end
			funds.village(G, v)
			if G.sched:due("assignment.visit-burst", G.i) and helpers.burst(G, plain) then
				G.sched:took("assignment.visit-burst")
			end
		end
		if opts.progress then opts.progress(G.n, G.n, "households") end
		-- the rest of the county's helper cadres, without pairings of their own
		local target = math.floor(BASE_CADRES * G.scale + 0.5)
		while G.ncadres < target do helpers.new_cadre(G, G.rng:chance(0.8) and "staff" or "section") end
		funds.finish(G)
		funds.benford_check(G)
		G.bad = cross.check(G)
		if not G.bad then w:finish(G.sched.truth, G.cross and G.cross.truth) end
	end, debug.traceback)
	if not ok or G.bad then
		w:abort()
		if G.bad then return nil, G.bad end
		if type(e) == "table" and e.io then return nil, e.io, e.path, e.errno end
		error(e, 0)
	end
	return true
end
