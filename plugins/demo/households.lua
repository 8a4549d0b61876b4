-- demo/households.lua - households of the demo county: status and years,
-- members (one head, spouse of the other sex, children, parents,
-- grandchildren), cause of poverty matching the members, incomes whose five
-- components give income_per_capita, housing and water; and the member-level
-- anomalies (ID, relation, labour, schooling, exit) injected into them.
local dates = require "dates"
local people = require "demo.people"

local M = {}

-- Poverty line by year (yuan per person), docs/rules.md.
M.line = { [2014] = 2800, [2015] = 2855, [2016] = 2952, [2017] = 3335, [2018] = 3535,
	[2019] = 3747, [2020] = 4000 }

local sizes = { 1, 2, 3, 4, 5, 6, 7, 8 }
local size_w = { 5, 10, 15, 22, 22, 14, 8, 4 } -- mean about 4.3 (tekun households are capped at 2)
local reg_w = { [2014] = 75, [2015] = 8, [2016] = 7, [2017] = 5, [2018] = 3, [2019] = 2, [2020] = 0 }
local exit_share = { [2015] = 0.15, [2016] = 0.35, [2017] = 0.55, [2018] = 0.7, [2019] = 0.85,
	[2020] = 0.92 }
local other_causes = { "land", "water", "skills", "labor", "funds", "transport", "motivation",
	"disaster", "other" }
local other_w = { 8, 5, 25, 15, 25, 8, 6, 4, 4 }

-- Day number of y-m-d (dates.daynum without the text).
local function ymd(y, m, d)
	if m <= 2 then y = y - 1; m = m + 12 end
	return 365 * y + y // 4 - y // 100 + y // 400 + (153 * (m - 3) + 2) // 5 + d - 1
end
M.ymd = ymd

-- Status, registration and exit of a new household; fills h.
local function lifecycle(G, h)
	local rng, Y, A = G.rng, G.Y, G.A
	local years, w = {}, {}
	for y = 2014, Y do
		if ymd(y, 5, 10) <= A - 90 then years[#years + 1] = y; w[#w + 1] = reg_w[y] end
	end
	h.reg_year = years[rng:weighted(w)]
	h.reg_dn = math.min(ymd(h.reg_year, 5, 10) + rng:int(0, 60), A - 60)
	h.ps = math.min(h.reg_dn + rng:int(5, 40), A - 45)
	h.status = "poor"
	if rng:chance(0.06) then
		local cands = {}
		for y = h.reg_year + 1, Y do
			if ymd(y, 3, 15) <= A - 10 then cands[#cands + 1] = y end
		end
		if #cands > 0 then
			h.status, h.exit_year = "removed", rng:pick(cands)
			h.end_dn = ymd(h.exit_year, 3, 1) + rng:int(0, 14)
		end
	elseif rng:chance(exit_share[Y]) and h.reg_year + 1 <= Y - 1 then
		h.status = "exited"
		local cands, cw = {}, {}
		for y = h.reg_year + 1, Y - 1 do
			cands[#cands + 1] = y
			cw[#cw + 1] = ({ [2015] = 10, [2016] = 25, [2017] = 25, [2018] = 25, [2019] = 15 })[y] or 10
		end
		h.exit_year = cands[rng:weighted(cw)]
	end
	h.type = "general"
	local r = rng:float()
	if r < 0.15 then h.type = "dibao" elseif r < 0.2 then h.type = "tekun" end
end

-- Composes the members of h (a people.make list), head first.
local function compose(G, h)
	local rng = G.rng
	local size = sizes[rng:weighted(size_w)]
	if h.type == "tekun" then size = math.min(size, 2) end
	local head_sex = rng:chance(0.86) and "M" or "F"
	local ha = size == 1 and rng:int(45, 85) or rng:int(26, 78)
	local surname = require("demo.names").surname(rng)
	local head = people.make(G, ha, head_sex, surname, "head")
	local ms = { head }
	local other = head_sex == "M" and "F" or "M"
	if size >= 2 and rng:chance(0.85) then
		ms[#ms + 1] = people.make(G, math.max(20, math.min(90, ha + rng:int(-6, 4))), other, nil, "spouse")
	end
	local j = 0
	while #ms < size do
		j = j + 1
		local sex = rng:chance(0.52) and "M" or "F"
		local age, rel
		if ha >= 52 and j == 1 then
			age, rel = math.max(16, ha - rng:int(22, 32)), "child"
		elseif ha >= 52 then
			age, rel = rng:int(0, math.max(0, math.min(17, ha - 45))), "grandchild"
		elseif j <= 3 then
			age, rel = math.max(0, ha - rng:int(20, 38)), "child"
		elseif ha + 24 <= 92 then
			age, rel = math.min(92, ha + rng:int(22, 30)), "parent"
		else
			age, rel = math.max(0, ha - rng:int(18, 30)), "sibling"
		end
		ms[#ms + 1] = people.make(G, age, sex, (rel == "child" or rel == "grandchild") and
			(head_sex == "M" and surname or nil) or nil, rel)
	end
	h.members, h.head = ms, head
end

-- A new household number idx in village v with its lifecycle and members.
function M.new(G, v, idx)
	local h = { id = v.code .. string.format("%04d", idx), village = v, village_code = v.code }
	lifecycle(G, h)
	compose(G, h)
	h.registered = h.status ~= "removed"
	return h
end

-- Members matching a predicate.
function M.find(h, pred)
	local out = {}
	for _, p in ipairs(h.members) do
		if pred(p) then out[#out + 1] = p end
	end
	return out
end

-- A plain member for an injection: not the head or spouse (they borrow and
-- head the household), not a student (paid as persons), aged lo..hi.
function M.plain(h, lo, hi)
	return M.find(h, function(p)
		return p.relation ~= "head" and p.relation ~= "spouse" and not p.stage and
			p.age >= (lo or 0) and p.age <= (hi or 200) and not p.dup
	end)
end

-- Eligibility of household h for the member-level injection `rule`.
function M.eligible(G, h, rule)
	local st = h.status
	if rule == "precision.id-invalid" then return #M.plain(h, 1, 90) > 0
	elseif rule == "precision.id-duplicate" then return h.registered and G.dup_cand ~= nil
	elseif rule == "precision.id-birth-mismatch" then return #M.plain(h, 22, 50) > 0
	elseif rule == "precision.size-mismatch" then return true
	elseif rule == "precision.head-missing" then return true
	elseif rule == "precision.village-unknown" then return true
	elseif rule == "precision.exit-below-line" then return st == "exited"
	elseif rule == "precision.income-implausible" then return st == "poor"
	elseif rule == "precision.income-inconsistent" then return true
	elseif rule == "precision.cause-mismatch" then
		return #M.find(h, function(p) return p.health == "chronic" or p.health == "serious" end) == 0
	elseif rule == "precision.labor-mismatch" then
		return #M.find(h, function(p)
			return p.age >= 20 and p.age <= 50 and p.health == "healthy" and not p.stage
		end) > 0
	elseif rule == "precision.school-age" then
		return #M.find(h, function(p) return p.age >= 22 and p.age <= 40 and not p.stage end) > 0
	elseif rule == "precision.relation-conflict" then
		return #M.find(h, function(p) return p.relation == "spouse" end) > 0
	elseif rule == "precision.exit-unmet" then return st == "exited"
	elseif rule == "assignment.no-family-doctor" then
		return h.registered and #M.find(h, function(p) return p.age >= 40 end) > 0
	end
	return nil
end

-- Applies the member-level part of h.inj (before cause and incomes are
-- derived from the members) and records its truth.
function M.mutate(G, h)
	local rule, rng = h.inj, G.rng
	if rule == "precision.id-invalid" then
		local p = rng:pick(M.plain(h, 1, 90))
		if rng:chance(0.3) then
			-- a check character X written lower-case
			for _ = 1, 60 do
				p.id = people.new_id(G, G.county, p.birth, p.sex)
				if p.id:sub(18) == "X" then break end
			end
			if p.id:sub(18) == "X" then p.id = p.id:sub(1, 17) .. "x" end
		end
		if p.id:sub(18) ~= "x" then
			local ok = p.id:sub(18)
			local cs = "0123456789X"
			local c
			repeat
				local k = rng:int(1, 11)
				c = cs:sub(k, k)
			until c ~= ok
			p.id = p.id:sub(1, 17) .. c
		end
		G.sched:record(rule, "person:" .. p.id)
	elseif rule == "precision.id-duplicate" then
		local src = G.dup_cand
		G.dup_cand = nil
		local q = {}
		for k, v in pairs(src.person) do q[k] = v end
		q.relation, q.dup = "other", true
		h.members[#h.members + 1] = q
		G.sched:record(rule, "person:" .. q.id)
	elseif rule == "precision.id-birth-mismatch" then
		local p = rng:pick(M.plain(h, 22, 50))
		local d = rng:int(1, 20)
		local b = dates.from_daynum(dates.daynum(p.birth) + d)
		if dates.age(b, G.as_of) ~= p.age then b = dates.from_daynum(dates.daynum(p.birth) - d) end
		p.birth = b
		G.sched:record(rule, "person:" .. p.id)
	elseif rule == "precision.head-missing" then
		local sp = M.find(h, function(p) return p.relation == "spouse" end)[1]
		if sp and rng:chance(0.5) then
			sp.relation = "head"
		else
			h.head.relation = "other"
		end
		G.sched:record(rule, "household:" .. h.id)
	elseif rule == "precision.labor-mismatch" then
		local p = rng:pick(M.find(h, function(x)
			return x.age >= 20 and x.age <= 50 and x.health == "healthy" and not x.stage
		end))
		if rng:chance(0.6) then
			p.labor, p.migrant = "lost", 0
		else
			p.labor, p.migrant = "none", rng:int(3, 10)
		end
		G.sched:record(rule, "person:" .. p.id)
	elseif rule == "precision.school-age" then
		local p = rng:pick(M.find(h, function(x) return x.age >= 22 and x.age <= 40 and not x.stage end))
		p.stage = "primary"
		G.sched:record(rule, "person:" .. p.id)
	elseif rule == "precision.relation-conflict" then
		local sp = M.find(h, function(p) return p.relation == "spouse" end)[1]
		sp.sex = h.head.sex
		sp.id = people.new_id(G, G.county, sp.birth, sp.sex)
		sp.name = require("demo.names").full(rng, sp.sex)
		G.sched:record(rule, "household:" .. h.id)
	elseif rule == "precision.exit-unmet" then
		local kids = M.find(h, function(p) return p.age >= 6 and p.age <= 15 end)
		local r = rng:int(1, 4)
		if r == 3 and #kids > 0 then
			local p = rng:pick(kids)
			p.stage, p.exempt = nil, (rng:chance(0.5) and 0 or nil)
			p.education = "primary"
		elseif r == 4 then
			rng:pick(h.members).insured = 0
		else
			h.unmet = r == 1 and "housing" or "water"
			if r == 3 then h.unmet = "housing" end
		end
		G.sched:record(rule, "household:" .. h.id)
	elseif rule == "assignment.no-family-doctor" then
		local sick = M.find(h, function(p) return p.health ~= "healthy" end)
		local p
		if #sick > 0 then
			p = rng:pick(sick)
		else
			p = rng:pick(M.find(h, function(x) return x.age >= 40 end))
			p.health = "chronic"
		end
		p.doctor = 0
		G.sched:record(rule, "person:" .. p.id)
	end
end

-- Chooses main_cause from the members (illness needs a chronic or serious
-- member, disability a disabled one, schooling an enrolled one).
local function cause(G, h)
	local rng = G.rng
	local sick, disabled, enrolled = false, false, false
	for _, p in ipairs(h.members) do
		if p.health == "chronic" or p.health == "serious" then sick = true end
		if p.health == "disabled" then disabled = true end
		if p.stage then enrolled = true end
	end
	if h.inj == "precision.cause-mismatch" then
		G.sched:record(h.inj, "household:" .. h.id)
		if not disabled and rng:chance(0.3) then return "disability" end
		if not enrolled and rng:chance(0.3) then return "schooling" end
		return "illness"
	end
	if sick and rng:chance(0.6) then return "illness" end
	if disabled and rng:chance(0.5) then return "disability" end
	if enrolled and rng:chance(0.25) then return "schooling" end
	return other_causes[rng:weighted(other_w)]
end

local function round_yuan(fen) return (fen + 50) // 100 * 100 end

-- Incomes in fen: five components and income_per_capita consistent with the
-- declared size, above the exit year's line for exited households.
local function incomes(G, h)
	local rng, size = G.rng, h.size
	local line = M.line[h.exit_year or G.Y] or 4000
	local target -- yuan per person
	local exact = false
	if h.inj == "precision.exit-below-line" then
		target = line * rng:int(60, 95) // 100
		G.sched:record(h.inj, "household:" .. h.id)
	elseif h.status == "exited" then
		if not h.inj and rng:chance(0.004) then
			target, exact = line, true
		else
			target = line * rng:int(108, 280) // 100
		end
	elseif h.status == "poor" then
		target = rng:int(1500, M.line[G.Y] * 115 // 100)
	else
		target = rng:int(3000, 30000)
	end
	if h.inj == "precision.income-implausible" then
		G.sched:record(h.inj, "household:" .. h.id)
		local v = rng:int(1, 3)
		if v == 1 then
			target = rng:int(150000, 400000)
		elseif v == 2 then
			h.wage, h.production, h.property, h.transfer, h.cost, h.ipc = 0, 0, 0, 0, 0, 0
			return
		else
			target = nil
		end
	end
	local net = (target or 3000) * 100 * size
	local cost = round_yuan(net * rng:int(5, 25) // 100)
	local gross = net + cost
	h.property = round_yuan(gross * rng:int(0, 3) // 100)
	h.transfer = round_yuan(gross * rng:int(5, 30) // 100)
	h.production = round_yuan(gross * rng:int(10, 40) // 100)
	h.cost = cost
	if exact then
		h.wage = gross - h.property - h.transfer - h.production
	else
		h.wage = round_yuan(gross - h.property - h.transfer - h.production)
	end
	net = h.wage + h.production + h.property + h.transfer - h.cost
	if rng:chance(0.5) then
		h.ipc = (net + size * 50) // (size * 100) * 100 -- whole yuan
	else
		h.ipc = (2 * net + size) // (2 * size) -- fen
	end
	if target == nil then h.ipc, h.wage = nil, nil end
	if h.inj == "precision.income-inconsistent" then
		h.ipc = h.ipc + rng:int(30, 600) * 100
		G.sched:record(h.inj, "household:" .. h.id)
	end
end

-- Derives cause, declared size, incomes and housing; writes the household
-- and member rows.
function M.finish(G, h)
	local rng, w = G.rng, G.w
	h.size = #h.members
	if h.inj == "precision.size-mismatch" then
		h.size = h.size + ((h.size >= 2 and rng:chance(0.5)) and -1 or 1)
		G.sched:record(h.inj, "household:" .. h.id)
	end
	if h.inj == "precision.village-unknown" then
		h.village_code = h.village.town .. string.format("%03d", 900 + rng:int(0, 99))
		G.sched:record(h.inj, "household:" .. h.id)
	end
	h.cause = cause(G, h)
	incomes(G, h)
	local grade, water
	if h.status == "exited" or h.status == "removed" then
		grade, water = rng:chance(0.7) and "A" or "B", 1
	else
		grade = ({ "A", "B", "C", "D" })[rng:weighted({ 30, 40, 22, 8 })]
		water = rng:chance(0.85) and 1 or 0
	end
	if h.unmet == "housing" then grade = rng:chance(0.7) and "C" or "D" end
	if h.unmet == "water" then water = 0 end
	local Y = G.yuan
	w:row("households", { h.id, h.village_code, h.head.id, h.size, h.status, h.type, h.reg_year,
		h.exit_year, h.cause, h.ipc and Y(h.ipc), h.wage and Y(h.wage), Y(h.production),
		Y(h.property), Y(h.transfer), Y(h.cost), rng:int(30, 180), grade, water })
	for _, p in ipairs(h.members) do
		w:row("members", people.row(p, h.id))
	end
	G.members = G.members + #h.members
end

return M
