-- demo/rosters.lua - the compared rosters (比对数据): welfare, deaths,
-- vehicles, properties, businesses and public payroll. Most rows are about
-- people outside the registry or about removed households (the reason they
-- were removed); registered members get only near-misses (cheap vehicles,
-- closed or small businesses, ended payroll) unless an anomaly is injected.
local dates = require "dates"
local people = require "demo.people"

local M = {}

local D = require "demo.day"

-- A person outside the registry: {id, birth, age, sex}, aged lo..hi.
function M.outsider(G, lo, hi)
	local rng = G.rng
	local sex = rng:chance(0.5) and "M" or "F"
	local birth = people.birth_for_age(G, rng:int(lo, hi))
	local county = rng:chance(0.8) and G.county or rng:pick(G.city_counties)
	return { id = people.new_id(G, county, birth, sex), birth = birth, sex = sex,
		age = dates.age(birth, G.as_of) }
end

local function plate(G)
	local rng = G.rng
	local cs = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	local t = {}
	for i = 1, 5 do
		local k = rng:int(1, #cs)
		t[i] = cs:sub(k, k)
	end
	return "桂K" .. table.concat(t)
end

local function since(G, lo, hi)
	return D(G.A - G.rng:int(lo, hi))
end

function M.vehicle(G, owner, kind, price)
	G.w:row("vehicles", { owner, plate(G), kind, G.yuan(price * 100), since(G, 60, 2500) })
end

function M.property(G, owner)
	local rng = G.rng
	local kind = rng:chance(0.8) and "commercial_housing" or "shop"
	G.w:row("properties", { owner, kind, G.county_name .. "城区" .. rng:pick(G.streets) .. rng:int(1, 300) .. "号",
		rng:int(60, 160), since(G, 60, 3000) })
end

function M.business(G, owner, status, capital)
	local rng = G.rng
	local kinds = { "商贸有限公司", "建材经营部", "农业开发有限公司", "运输有限公司", "食品店", "养殖场" }
	G.w:row("businesses", { owner, G.county_name .. rng:pick(G.shop_words) .. rng:pick(kinds),
		G.yuan(capital * 100), status, since(G, 100, 3000) })
end

function M.payroll(G, id, employer, start_dn, end_dn)
	G.w:row("public_payroll", { id, employer, D(start_dn), end_dn and D(end_dn) or nil })
end

function M.welfare(G, id, program, start_dn, end_dn)
	local amount = program == "dibao" and G.rng:int(180, 450) or G.rng:int(480, 720)
	G.w:row("welfare", { id, program, D(start_dn), end_dn and D(end_dn) or nil, amount })
end

function M.death(G, id, dn)
	G.w:row("deaths", { id, D(dn) })
end

local roster_rules = { ["precision.deceased-listed"] = true, ["precision.public-payroll"] = true,
	["precision.vehicle"] = true, ["precision.commercial-housing"] = true,
	["precision.business"] = true, ["precision.welfare-conflict"] = true }

-- Eligibility of household h for a roster injection (nil: not a roster rule).
function M.eligible(G, h, rule)
	if not roster_rules[rule] then return nil end
	if not h.registered then return false end
	local plain = require("demo.households").plain
	if rule == "precision.deceased-listed" then return #plain(h, 1, 95) > 0
	elseif rule == "precision.public-payroll" then return #plain(h, 22, 55) > 0
	elseif rule == "precision.welfare-conflict" then return true
	end
	return h.head.age >= 22 and h.head.age <= 70
end

-- Roster rows about household h's members (after they are written).
function M.household(G, h)
	local rng, A, inj = G.rng, G.A, h.inj
	local head = h.head
	local plain = require("demo.households").plain
	if inj == "precision.welfare-conflict" then
		local p = rng:pick(require("demo.households").find(h, function(x) return x.age >= 1 end))
		p.welfare_done = true
		local s1 = math.max(h.reg_dn, dates.daynum(p.birth), A - rng:int(200, 900))
		M.welfare(G, p.id, "dibao", s1, nil)
		M.welfare(G, p.id, rng:chance(0.7) and "tekun" or "wubao", rng:int(s1 + 1, A - 10), nil)
		G.sched:record(inj, "person:" .. p.id)
	end
	-- welfare of dibao / tekun households (ended at removal)
	for _, p in ipairs(h.members) do
		if not p.welfare_done and not p.dup then
			local prog
			if h.type == "dibao" and rng:chance(0.8) then prog = "dibao" end
			if h.type == "tekun" and p == head then prog = "tekun" end
			if prog then
				M.welfare(G, p.id, prog, math.max(h.reg_dn - rng:int(0, 300), dates.daynum(p.birth)),
					h.end_dn)
			end
		end
	end
	if h.registered and h.type == "general" and rng:chance(0.005) then
		-- near-miss: dibao ended before tekun began
		local e = h.reg_dn + rng:int(100, 500)
		if e < A - 30 then
			M.welfare(G, head.id, "dibao", h.reg_dn, e)
			M.welfare(G, head.id, "tekun", e + 1, nil)
		end
	end
	if inj == "precision.deceased-listed" then
		local p = rng:pick(plain(h, 1, 95))
		M.death(G, p.id, A - rng:int(20, 400))
		G.sched:record(inj, "person:" .. p.id)
	elseif inj == "precision.public-payroll" then
		local p = rng:pick(plain(h, 22, 55))
		M.payroll(G, p.id, rng:pick(G.units), A - rng:int(300, 3000), nil)
		G.sched:record(inj, "household:" .. h.id)
	elseif inj == "precision.vehicle" then
		local k = rng:pick({ "car", "car", "truck", "machinery" })
		M.vehicle(G, head.id, k, k == "machinery" and rng:int(60000, 300000) or rng:int(35000, 250000))
		G.sched:record(inj, "household:" .. h.id)
	elseif inj == "precision.commercial-housing" then
		M.property(G, head.id)
		G.sched:record(inj, "household:" .. h.id)
	elseif inj == "precision.business" then
		M.business(G, head.id, "active", rng:int(15, 300) * 10000)
		G.sched:record(inj, "household:" .. h.id)
	end
	if not h.registered then
		-- the reason a removed household was removed
		local r = rng:int(1, 6)
		local p = head
		if r == 1 and p.age >= 22 and p.age <= 58 then
			M.payroll(G, p.id, rng:pick(G.units), A - rng:int(1000, 4000), nil)
		elseif r == 2 then
			M.vehicle(G, p.id, "car", rng:int(60000, 220000))
		elseif r == 3 then
			M.property(G, p.id)
		elseif r == 4 then
			M.business(G, p.id, "active", rng:int(20, 200) * 10000)
		end
		if rng:chance(0.1) and #h.members > 1 then
			M.death(G, h.members[#h.members].id, A - rng:int(10, 900))
		end
	elseif not inj then
		-- near-misses on registered heads
		local r = rng:float()
		if r < 0.015 then
			M.vehicle(G, head.id, "machinery", rng:int(3000, 49999))
		elseif r < 0.025 then
			M.vehicle(G, head.id, rng:chance(0.8) and "car" or "truck",
				rng:chance(0.2) and 29999 or rng:int(8000, 29000))
		elseif r < 0.03 then
			M.business(G, head.id, "closed", rng:int(10, 80) * 10000)
		elseif r < 0.035 then
			M.business(G, head.id, "active", rng:int(1, 99) * 1000)
		elseif r < 0.038 and head.age >= 40 then
			M.payroll(G, head.id, rng:pick(G.units), A - rng:int(5000, 7000), A - rng:int(1000, 3000))
		end
	end
end

-- Rows about people outside the registry, about as many per household as the
-- county's rosters would hold.
function M.filler(G)
	local rng, A = G.rng, G.A
	if rng:chance(0.03) then
		local p = M.outsider(G, 50, 95)
		M.death(G, p.id, A - rng:int(1, 2000))
	end
	if rng:chance(0.08) then
		local p = M.outsider(G, 20, 70)
		local k = rng:pick({ "car", "car", "car", "truck", "machinery" })
		M.vehicle(G, p.id, k, rng:int(5000, 300000))
	end
	if rng:chance(0.04) then M.property(G, M.outsider(G, 25, 75).id) end
	if rng:chance(0.04) then
		M.business(G, M.outsider(G, 22, 70).id, rng:chance(0.8) and "active" or "closed",
			rng:int(1, 500) * 10000)
	end
	if rng:chance(0.05) then
		local p = M.outsider(G, 22, 60)
		M.payroll(G, p.id, rng:pick(G.units), A - rng:int(100, 9000), nil)
	end
	if rng:chance(0.006) then
		local p = M.outsider(G, 60, 90)
		M.welfare(G, p.id, "wubao", A - rng:int(100, 3000), nil)
	end
	if rng:chance(0.01) then
		local p = M.outsider(G, 20, 80)
		local s = A - rng:int(1000, 3000)
		M.welfare(G, p.id, rng:chance(0.8) and "dibao" or "tekun", s, s + rng:int(100, 900))
	end
end

-- Standalone injection: active dibao/tekun of someone outside the registry.
function M.missed_welfare(G)
	local p = M.outsider(G, 20, 85)
	M.welfare(G, p.id, G.rng:chance(0.8) and "dibao" or "tekun", G.A - G.rng:int(30, 900), nil)
	G.sched:record("precision.missed-welfare", "person:" .. p.id)
end

-- Standalone injection: a member row whose household does not exist.
function M.orphan(G)
	local rng = G.rng
	G.orphans = (G.orphans or 0) + 1
	local v = rng:pick(G.villages)
	local p = people.make(G, rng:int(20, 60), rng:chance(0.5) and "M" or "F", nil, "other")
	G.w:row("members", people.row(p, v.code .. string.format("9%04d", G.orphans)))
	G.sched:record("precision.orphan-member", "person:" .. p.id)
end

return M
