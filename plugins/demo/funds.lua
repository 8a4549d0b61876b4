-- demo/funds.lua - fund use (资金使用): allocations per year, purpose and
-- town; payments to households, students, cooperatives and projects; village
-- projects; micro-loans; and the funds.* anomalies.
--
-- Household payment amounts follow Benford's law town by town: the k-th
-- payment of a town takes its first two digits from a greedy sequence that
-- keeps every digit pair's count within one of its Benford share at every k
-- (MAD well under 0.0022 from 300 payments on); the rest of the amount is
-- random within the purpose's range. One town draws them uniformly instead
-- (funds.benford). Every fund is paid within 365 days of its allocation.
local benford = require "benford"
local dates = require "dates"
local rosters = require "demo.rosters"

local M = {}
local D = require "demo.day"

local purpose_i = { industry = 1, housing = 2, education = 3, medical = 4, infrastructure = 5,
	employment = 6, other = 7 }
local source_of = { industry = "central", housing = "province", education = "county",
	medical = "county", infrastructure = "central", employment = "city", other = "county" }

-- Day number of y-m-d (dates.daynum without the text).
local function ymd(y, m, d)
	if m <= 2 then y = y - 1; m = m + 12 end
	return 365 * y + y // 4 - y // 100 + y // 400 + (153 * (m - 3) + 2) // 5 + d - 1
end

-- Allocation day of the fund (year, purpose, town index).
function M.alloc_dn(yr, purpose, ti)
	return ymd(yr, 2, 20) + ti + purpose_i[purpose] * 2
end

-- The fund of (year, purpose, town), created on first use.
function M.fund(G, yr, purpose, v)
	local id = string.format("F%s-%d%02d%d", G.county, yr, v.ti, purpose_i[purpose])
	local f = G.funds[id]
	if not f then
		f = { id = id, yr = yr, purpose = purpose, alloc = M.alloc_dn(yr, purpose, v.ti), paid = 0,
			holder = purpose == "infrastructure" and G.county_name .. "扶贫开发办公室" or
				v.town_name .. "人民政府" }
		G.funds[id] = f
		G.fund_order[#G.fund_order + 1] = f
	end
	return f
end

-- The fund of `purpose` for a payment on day dn (this year's, or last
-- year's when this year's is not allocated yet).
function M.fund_for(G, dn, purpose, v)
	local yr = dates.year(D(dn))
	if M.alloc_dn(yr, purpose, v.ti) > dn then yr = yr - 1 end
	return M.fund(G, yr, purpose, v)
end

-- Writes a payment; counts it for Benford when `town` (a household's town)
-- is given. Returns the payment id.
function M.pay(G, f, kind, payee, fen, dn, account, town, purpose)
	assert(dn >= f.alloc and dn <= G.A and dn - f.alloc <= 365, "payment outside its fund's year")
	G.npay = G.npay + 1
	local id = string.format("P%s-%08d", G.county, G.npay)
	G.w:row("payments", { id, f.id, kind, payee, G.yuan(fen), D(dn), account, purpose })
	f.paid = f.paid + fen
	if town and fen >= 1000 then
		local t = G.bf[town]
		local d = benford.first_two(fen)
		t.cnt[d] = (t.cnt[d] or 0) + 1
		t.n = t.n + 1
	end
	return id
end

-- The greedy Benford digit sequence, extended on demand: element k is the
-- digit pair whose count lags its share k * p most.
local function greedy(G, k)
	local s = G.bfseq
	while #s < k do
		local n = #s + 1
		local best, bestv = 10, -math.huge
		for d = 10, 99 do
			local v = n * G.bfp[d] - (s.cnt[d] or 0)
			if v > bestv + 1e-12 then best, bestv = d, v end
		end
		s.cnt[best] = (s.cnt[best] or 0) + 1
		s[n] = best
	end
	return s[k]
end

-- First two digits for the next household payment of town t.
local function next_digits(G, town)
	local t = G.bf[town]
	t.k = t.k + 1
	if town == G.benford_town then return 10 + (t.k * 37) % 90 end
	return greedy(G, t.k)
end

-- A whole-yuan amount in fen with first two digits d within the purpose's
-- range (industry 500-4999, housing 5000-49999, others 300-2999).
local function amount(G, d, purpose)
	local e
	if purpose == "industry" then e = d >= 50 and 1 or 2
	elseif purpose == "housing" then e = d >= 50 and 2 or 3
	else e = d >= 30 and 1 or 2 end
	local p = e == 1 and 10 or (e == 2 and 100 or 1000)
	return (d * p + G.rng:int(0, p - 1)) * 100
end

-- A day for a payment of household account `used` (a set of days taken):
-- dn, moved to the nearest free day not after as_of.
local function free_day(G, used, dn)
	while used[dn] do dn = dn + 1 end
	if dn > G.A then
		dn = G.A
		while used[dn] do dn = dn - 1 end
	end
	used[dn] = true
	return dn
end

-- Eligibility of household h for a funds injection.
function M.eligible(G, h, rule)
	local late = h.registered and h.reg_year <= G.Y - 2
	if rule == "funds.duplicate-payment" or rule == "funds.over-standard" or
		rule == "funds.split-payment" or rule == "funds.cadre-account" then return late
	elseif rule == "funds.shared-account" then return late and G.last_acct ~= nil
	elseif rule == "funds.payee-ineligible" then
		return h.status == "removed" and M.alloc_dn(h.exit_year, "industry", h.village.ti) + 40 <= G.A
	elseif rule == "funds.loan-terms" or rule == "funds.loan-enterprise" then
		return h.registered and h.head.age >= 27 and h.head.age <= 58 and h.reg_year <= G.Y - 1
	end
	return nil
end

local chance = { industry = 0.4, housing = 0.04, education = 0.15, medical = 0.08, employment = 0.1,
	other = 0.04 }
local order = { "industry", "housing", "education", "medical", "employment", "other" }

-- Payments of household h and its students.
function M.household(G, h)
	if h.inj == "precision.village-unknown" then return end
	local rng, A, v, inj = G.rng, G.A, h.village, h.inj
	local town = v.town
	local used, acct = {}
	if inj == "funds.shared-account" then
		acct = G.last_acct
		for dn in pairs(G.last_used) do used[dn] = true end
		G.last_acct = nil
	else
		acct = G.account("6230")
	end
	local has = { education = false, medical = false, employment = false }
	for _, p in ipairs(h.members) do
		if p.stage then has.education = true end
		if p.health ~= "healthy" then has.medical = true end
		if p.migrant > 0 then has.employment = true end
	end
	local last = h.status == "removed" and h.exit_year - 1 or G.Y
	local Y1 = G.Y - 1
	local npaid = 0
	local function hpay(f, fen, dn, account, purpose)
		npaid = npaid + 1
		return M.pay(G, f, "household", h.id, fen, dn, account or acct, town, purpose)
	end
	-- injections first, so the regular payments keep clear of their days
	if inj == "funds.duplicate-payment" then
		local f = M.fund(G, Y1, "medical", v)
		local d1 = free_day(G, used, f.alloc + rng:int(10, 150))
		local d2 = free_day(G, used, d1 + rng:int(3, 25))
		local fen = amount(G, next_digits(G, town), "medical")
		hpay(f, fen, d1)
		G.sched:record(inj, "payment:" .. hpay(f, fen, d2))
	elseif inj == "funds.over-standard" then
		local f = M.fund(G, Y1, "industry", v)
		local a1 = amount(G, next_digits(G, town), "industry")
		local a2 = rng:int(5001 - a1 // 100, 4999) * 100
		hpay(f, a1, free_day(G, used, f.alloc + rng:int(10, 40)))
		hpay(f, a2, free_day(G, used, f.alloc + rng:int(90, 160)))
		G.sched:record(inj, "household:" .. h.id)
	elseif inj == "funds.split-payment" then
		local f1, f2 = M.fund(G, Y1, "other", v), M.fund(G, Y1, "employment", v)
		local dn = math.max(f1.alloc, f2.alloc) + rng:int(30, 150)
		while used[dn] do dn = dn + 1 end
		used[dn] = true
		local a1 = rng:int(2500, 4999)
		hpay(f1, a1 * 100, dn)
		hpay(f2, rng:int(5000 - a1, 4999) * 100, dn)
		G.sched:record(inj, "account:" .. acct)
	elseif inj == "funds.cadre-account" then
		local c = h.cadre
		if not c or G.cadre_acct_used[c.id] then c = require("demo.helpers").new_cadre(G, "section") end
		G.cadre_acct_used[c.id] = true
		local f = M.fund(G, Y1, "other", v)
		local id = hpay(f, amount(G, next_digits(G, town), "other"),
			free_day(G, used, f.alloc + rng:int(10, 200)), c.account)
		G.sched:record(inj, "payment:" .. id)
	elseif inj == "funds.payee-ineligible" then
		local f = M.fund(G, h.exit_year, "industry", v)
		local dn = math.min(f.alloc + rng:int(10, 200), A)
		local id = hpay(f, amount(G, next_digits(G, town), "industry"), free_day(G, used, dn))
		G.sched:record(inj, "payment:" .. id)
	end
	for yr = h.reg_year, last do
		for _, p in ipairs(order) do
			local skip = (p == "medical" and inj == "funds.duplicate-payment" and yr == Y1) or
				(p == "industry" and inj == "funds.over-standard" and yr == Y1) or
				(has[p] == false)
			if not skip and rng:chance(chance[p]) then
				local alloc = M.alloc_dn(yr, p, v.ti)
				local dn = math.max(alloc + rng:int(10, 200), h.reg_dn + 5)
				if dn <= A and dn - alloc <= 300 then
					local f = M.fund(G, yr, p, v)
					hpay(f, amount(G, next_digits(G, town), p), free_day(G, used, dn))
				end
			end
		end
	end
	if inj == "funds.shared-account" then
		if npaid == 0 then
			local f = M.fund(G, Y1, "other", v)
			hpay(f, amount(G, next_digits(G, town), "other"), free_day(G, used, f.alloc + rng:int(10, 200)))
		end
		G.sched:record(inj, "account:" .. acct)
	elseif not inj and npaid > 0 then
		G.last_acct, G.last_used = acct, used
	end
	-- 雨露计划: vocational and college students paid as persons, 1500 a term
	if h.registered then
		for _, p in ipairs(h.members) do
			if (p.stage == "vocational" or p.stage == "college") and not p.dup then
				local pacct = G.account("6228")
				for yr = math.max(h.reg_year, G.Y - 1), G.Y do
					local f = M.fund(G, yr, "education", v)
					for _, dd in ipairs({ rng:int(20, 40), rng:int(200, 220) }) do
						if f.alloc + dd <= A then
							M.pay(G, f, "person", p.id, 150000, f.alloc + dd, pacct)
						end
					end
				end
			end
		end
	end
end

-- Micro-loans (扶贫小额信贷) of household h: to the head or spouse aged 20-60
-- at issue, 10,000-50,000 yuan, 12-36 months, for the household's own use.
function M.loans(G, h)
	local rng, A, inj = G.rng, G.A, h.inj
	local terms_inj = inj == "funds.loan-terms" or inj == "funds.loan-enterprise"
	if not terms_inj and not rng:chance(h.registered and 0.12 or 0.04) then return end
	local first = math.max(h.reg_year, 2015)
	local last = h.status == "removed" and h.exit_year - 1 or G.Y
	if terms_inj then first = math.max(first, h.reg_year + 1) end
	if first > last then return end
	local yr = rng:int(first, last)
	local dn = math.max(ymd(yr, 4, 1) + rng:int(0, 200), h.reg_dn + 10)
	if dn > A then
		if not terms_inj then return end
		dn = A - rng:int(0, 30)
	end
	local when = D(dn)
	local borrower
	for _, p in ipairs(h.members) do
		if (p.relation == "head" or p.relation == "spouse") and not p.dup then
			local a = dates.age(p.birth, when)
			if a >= 20 and a <= 60 then borrower = p; break end
		end
	end
	if not borrower then
		assert(not terms_inj, "loan injection without a borrower")
		return
	end
	local amt, term, use = rng:int(1, 5) * 10000, rng:pick({ 12, 24, 36, 36 }), "household"
	if inj == "funds.loan-terms" then
		local old
		for _, p in ipairs(h.members) do
			if dates.age(p.birth, when) >= 67 and not p.dup then old = p end
		end
		local r = rng:int(1, 3)
		if r == 1 then amt = rng:int(6, 10) * 10000
		elseif r == 2 or not old then term = rng:pick({ 48, 60 })
		else borrower = old end
	elseif inj == "funds.loan-enterprise" then
		use = "enterprise"
	end
	G.nloans = G.nloans + 1
	local id = string.format("DK%s-%06d", G.county, G.nloans)
	G.w:row("loans", { id, h.id, borrower.id, G.yuan(amt * 100), when, term, "4.35", use })
	if terms_inj then G.sched:record(inj, "loan:" .. id) end
end

-- Standalone injections (no household of the registry involved).
function M.payee_ineligible(G)
	local rng = G.rng
	local v = rng:pick(G.villages)
	local dn = G.A - rng:int(30, 300)
	local f = M.fund_for(G, dn, "industry", v)
	G.nghost = (G.nghost or 0) + 1
	local id = M.pay(G, f, "household", v.code .. string.format("8%04d", G.nghost),
		rng:int(5, 49) * 10000, dn, G.account("6230"))
	G.sched:record("funds.payee-ineligible", "payment:" .. id)
end

function M.payee_deceased(G)
	local rng = G.rng
	local p = rosters.outsider(G, 55, 85)
	local death = G.A - rng:int(200, 600)
	rosters.death(G, p.id, death)
	local dn = death + rng:int(10, 150)
	local v = rng:pick(G.villages)
	local f = M.fund_for(G, dn, "medical", v)
	local id = M.pay(G, f, "person", p.id, rng:int(3, 30) * 10000, dn, G.account("6228"))
	G.sched:record("funds.payee-deceased", "payment:" .. id)
end

function M.loan_ineligible(G)
	local rng = G.rng
	local p = rosters.outsider(G, 30, 50)
	G.nloans = G.nloans + 1
	local id = string.format("DK%s-%06d", G.county, G.nloans)
	G.w:row("loans", { id, nil, p.id, G.yuan(rng:int(1, 5) * 1000000), D(G.A - rng:int(60, 700)),
		36, "4.35", "household" })
	G.sched:record("funds.loan-ineligible", "loan:" .. id)
end

local kinds = { "道路硬化工程", "人饮工程", "产业基地", "村级光伏电站", "村级活动场所", "桥梁建设",
	"农田水利设施" }

local function project(G, v, yr, stalled)
	local rng, A = G.rng, G.A
	local f = M.fund(G, yr, "infrastructure", v)
	local start = f.alloc + rng:int(10, 60)
	local pend = start + rng:int(90, stalled and 150 or 240)
	local comp = pend + rng:int(stalled and 0 or -20, stalled and 20 or 30)
	local acc = 1
	if stalled == "open" then
		comp, acc = nil, 0
	elseif stalled == "unaccepted" then
		acc = 0
	elseif comp > A then
		comp, acc = nil, 0
	elseif comp > A - 180 and rng:chance(0.4) then
		acc = 0 -- awaiting acceptance, within 180 days
	end
	G.nproj = G.nproj + 1
	local id = string.format("XM%s-%06d", G.county, G.nproj)
	local budget = rng:int(5, 150) * 1000000
	G.w:row("projects", { id, v.code, v.name .. rng:pick(kinds), f.id, G.yuan(budget), D(start),
		D(pend), comp and D(comp) or nil, acc })
	local acct = G.account("6222")
	M.pay(G, f, "project", id, budget * 3 // 10, start, acct)
	if comp then
		M.pay(G, f, "project", id, budget * 6 // 10, comp, acct)
		if acc == 1 and comp + 20 <= A then M.pay(G, f, "project", id, budget // 10, comp + 20, acct) end
	end
	if stalled then G.sched:record("funds.project-stalled", "project:" .. id) end
end

-- Projects and cooperative payments of village v (poor villages get most).
function M.village(G, v)
	local rng, A = G.rng, G.A
	local mean = (v.poor and 1.0 or 0.12) * G.scale
	for yr = 2015, G.Y do
		if M.alloc_dn(yr, "infrastructure", v.ti) + 60 <= A then
			local k = math.floor(mean + rng:float())
			for _ = 1, k do project(G, v, yr, nil) end
		end
		local alloc = M.alloc_dn(yr, "industry", v.ti)
		if v.poor and alloc + 200 <= A and rng:chance(math.min(1, 0.4 * G.scale)) then
			v.coop_acct = v.coop_acct or G.account("6222")
			M.pay(G, M.fund(G, yr, "industry", v), "cooperative", v.name .. "种养专业合作社",
				rng:int(20, 300) * 100000, alloc + rng:int(30, 200), v.coop_acct)
		end
	end
	if G.sched:due("funds.project-stalled", G.i) then
		-- the latest year whose project is late enough to be stalled
		for yr = G.Y, 2015, -1 do
			local alloc = M.alloc_dn(yr, "infrastructure", v.ti)
			if alloc + 60 + 150 + 20 + 200 <= A then
				G.sched:took("funds.project-stalled")
				project(G, v, yr, rng:chance(0.5) and "open" or "unaccepted")
				break
			end
		end
	end
end

-- Writes funds.csv: amounts from what was paid (at least 80% paid for funds
-- older than 365 days), with the idle and overspent injections.
function M.finish(G)
	local rng, A = G.rng, G.A
	local fs = G.fund_order
	table.sort(fs, function(a, b) return a.id < b.id end)
	local old = {}
	for _, f in ipairs(fs) do
		if A - f.alloc > 400 and f.paid > 0 then old[#old + 1] = f end
	end
	rng:shuffle(old)
	local k = math.max(1, math.floor(#fs * 0.01 + 0.5))
	for i = 1, math.min(#old, 2 * k) do old[i].inj = i <= k and "funds.idle" or "funds.overspent" end
	for _, f in ipairs(fs) do
		local amt
		if f.inj == "funds.idle" then
			amt = (f.paid * rng:int(200, 400) // 100 + 99) // 100 * 100
			G.sched:record(f.inj, "fund:" .. f.id)
		elseif f.inj == "funds.overspent" then
			amt = f.paid * rng:int(70, 95) // 100 // 100 * 100
			G.sched:record(f.inj, "fund:" .. f.id)
		elseif A - f.alloc > 365 then
			amt = (f.paid + f.paid * rng:int(0, 15) // 100 + 99) // 100 * 100
		else
			amt = (f.paid + f.paid * rng:int(0, 150) // 100 + 99) // 100 * 100
		end
		G.w:row("funds", { f.id, source_of[f.purpose], f.purpose, G.yuan(amt), D(f.alloc), f.holder })
	end
end

-- Checks each town's Benford conformity as the rule computes it; records the
-- non-conforming injected town, raises an error for any other.
function M.benford_check(G)
	for _, t in ipairs(G.towns) do
		local b = G.bf[t.code]
		if b.n >= 300 then
			local mad = benford.mad(b.cnt, b.n)
			if t.code == G.benford_town then
				if mad > 0.0022 then G.sched:record("funds.benford", "town:" .. t.code) end
			elseif mad > 0.0022 then
				error(string.format("internal: clean town %s has Benford MAD %.5f over %d payments",
					t.code, mad, b.n))
			end
		end
	end
end

return M
