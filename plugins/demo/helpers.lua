-- demo/helpers.lua - help in place (帮扶落实): helper cadres within the
-- "653" load norm, pairings (with rotation history), visits in the last months
-- up to as_of, one-household-one-plan (一户一策) plans, village task forces,
-- and the assignment.* anomalies.
local cross = require "demo.cross"
local dates = require "dates"
local names = require "demo.names"
local people = require "demo.people"
local rosters = require "demo.rosters"

local M = {}
local D = require "demo.day"

M.norm = { county = 6, section = 5, staff = 3 }
local ranks = { "county", "section", "staff" }
local rank_w = { 3, 25, 72 }
local cap_w = {
	county = { { 6, 5, 4 }, { 50, 30, 20 } },
	section = { { 5, 4, 3 }, { 50, 35, 15 } },
	staff = { { 3, 2, 1 }, { 80, 15, 5 } },
}

-- Creates and writes a cadre. opts: rank, end_dn, cadre_is_poor (a member's
-- ID number to use, not put on the payroll). Returns the cadre.
function M.new_cadre(G, rank, opts)
	opts = opts or {}
	local rng = G.rng
	G.ncadres = G.ncadres + 1
	local sex = rng:chance(0.65) and "M" or "F"
	local birth = people.birth_for_age(G, rng:int(26, 57))
	local c = {
		id = string.format("C%s-%06d", G.county, G.ncadres), rank = rank, n = 0,
		account = G.account("6217"), unit = rng:pick(G.units),
		start_dn = G.cadre_start + rng:int(0, 60), end_dn = opts.end_dn,
	}
	c.id_number = opts.id_number or people.new_id(G, rng:chance(0.7) and G.county or
		rng:pick(G.city_counties), birth, sex)
	G.w:row("cadres", { c.id, c.id_number, names.full(rng, sex), c.unit, rank, c.account,
		D(c.start_dn), c.end_dn and D(c.end_dn) or nil })
	if not opts.id_number then rosters.payroll(G, c.id_number, c.unit, c.start_dn - rng:int(300, 6000), nil) end
	return c
end

-- The next cadre of the on-duty pool with room for one more active pairing.
-- `active`: the pairing is active at as_of (a new cadre may be a twin of
-- demo/cross.lua).
local function pool_take(G, active)
	local c = G.pool
	if not c or c.n >= c.cap then
		local rank = ranks[G.rng:weighted(rank_w)]
		local opts = {}
		local poor
		local twin = active and cross.cadre_id_number(G)
		if twin then
			opts.id_number = twin
		elseif G.sched:due("precision.cadre-is-poor", G.i) and G.cadre_cand then
			poor = G.cadre_cand
			G.cadre_cand = nil
			opts.id_number = poor.person.id
			G.sched:took("precision.cadre-is-poor")
		end
		c = M.new_cadre(G, rank, opts)
		if twin then cross.cadre_made(G, c) end
		if poor then G.sched:record("precision.cadre-is-poor", "household:" .. poor.hid) end
		local cw = cap_w[rank]
		c.cap = cw[1][G.rng:weighted(cw[2])]
		if G.sched:due("assignment.helper-overload", G.i) then
			c.cap = M.norm[rank] + 1
			c.overload = true
			G.sched:took("assignment.helper-overload")
		end
		G.pool = c
	end
	c.n = c.n + 1
	if c.overload and c.n == M.norm[c.rank] + 1 then
		G.sched:record("assignment.helper-overload", "cadre:" .. c.id)
	end
	return c
end

-- A departed cadre of the rotation pool whose duty ended after day `after`
-- (all its pairings end with it), or nil when none can be.
local function rotated_take(G, after)
	local R = G.rotated
	if not R or R.n >= R.cap or R.end_dn <= after + 30 then
		local lo, hi = math.max(dates.daynum("2016-03-01"), after + 31), G.A - 90
		if lo > hi then return nil end
		R = M.new_cadre(G, G.rng:chance(0.7) and "staff" or "section", { end_dn = G.rng:int(lo, hi) })
		R.cap = M.norm[R.rank]
		G.rotated = R
	end
	R.n = R.n + 1
	return R
end

local function pairing(G, c, h, s, e)
	G.w:row("pairings", { c.id, h.id, D(s), e and D(e) or nil })
end

local function visit(G, c, h, dn)
	G.nvisits = G.nvisits + 1
	G.w:row("visits", { string.format("V%s-%08d", G.county, G.nvisits), c.id, h.id, D(dn) })
end

-- Eligibility of household h for an assignment injection.
function M.eligible(G, h, rule)
	if rule == "assignment.no-helper" or rule == "assignment.visit-unpaired" then
		return h.registered
	elseif rule == "assignment.helper-departed" then
		return h.registered and h.ps <= G.A - 150
	elseif rule == "assignment.no-visit" then
		return h.registered and h.ps <= G.A - 130
	elseif rule == "assignment.no-plan" then
		return h.status == "poor" and h.reg_year < G.Y
	end
	return nil
end

local measures_by_cause = {
	illness = "健康扶贫;医疗救助;家庭医生签约", disability = "残疾人补贴;兜底保障;公益岗位",
	schooling = "教育资助;雨露计划", disaster = "危房改造;产业扶持", land = "土地流转;产业扶持",
	water = "饮水工程;产业扶持", skills = "技能培训;转移就业", labor = "兜底保障;公益岗位",
	funds = "小额信贷;产业奖补", transport = "道路硬化;产业扶持", motivation = "扶志扶智;公益岗位",
	other = "产业扶持;转移就业",
}

-- Pairings, visits and plans of household h (after its rows are written).
function M.household(G, h)
	local rng, A, inj = G.rng, G.A, h.inj
	-- plans: every year the household was poor; none for the current year
	-- when no-plan is injected
	local last = h.status == "removed" and h.exit_year - 1 or (h.exit_year or G.Y)
	if inj == "assignment.no-plan" then
		last = G.Y - 1
		G.sched:record(inj, "household:" .. h.id)
	end
	for y = h.reg_year, last do
		G.w:row("plans", { h.id, y, measures_by_cause[h.cause] or measures_by_cause.other })
	end
	if not h.registered then
		-- an ended pairing does not count against the norm
		local c = G.pool
		if not c then
			c = pool_take(G)
			c.n = c.n - 1
		end
		pairing(G, c, h, h.ps, h.end_dn)
		return
	end
	if inj == "assignment.no-helper" then
		local R = rng:chance(0.5) and rotated_take(G, h.ps) or nil
		if R then pairing(G, R, h, h.ps, R.end_dn) end
		G.sched:record(inj, "household:" .. h.id)
		return
	end
	local start = h.ps
	if inj == "assignment.helper-departed" then
		local Dc = M.new_cadre(G, "staff", { end_dn = rng:int(h.ps + 60, A - 60) })
		pairing(G, Dc, h, h.ps, nil)
		start = Dc.end_dn + 1
		G.sched:record(inj, "household:" .. h.id)
	elseif not inj and rng:chance(0.08) then
		local R = rotated_take(G, h.ps)
		if R then
			pairing(G, R, h, h.ps, R.end_dn)
			start = R.end_dn + 1
		end
	end
	if G.cross and G.cross.cadre_next and not (G.pool and G.pool.overload) then
		G.pool = nil -- a twin cadre (demo/cross.lua): a new one for h
	end
	local c = pool_take(G, true)
	h.cadre = c
	pairing(G, c, h, start, nil)
	h.cur_start = start
	-- visits: backwards from as_of every 20-40 days, the last within 40 days
	local d
	if inj == "assignment.no-visit" then
		d = A - rng:int(50, 120)
		G.sched:record(inj, "household:" .. h.id)
	elseif rng:chance(0.005) then
		d = A - 45 -- near-miss: a visit exactly 45 days before as_of is in time
	else
		d = A - rng:int(0, 40)
	end
	local w0 = math.max(start, A - 180)
	if d < w0 and inj ~= "assignment.no-visit" then d = rng:int(start, A) end
	while d >= w0 do
		visit(G, c, h, d)
		d = d - rng:int(20, 40)
	end
	if inj == "assignment.visit-unpaired" then
		visit(G, c, h, start - rng:int(5, 30))
		G.sched:record(inj, "cadre:" .. c.id)
	end
end

-- visit-burst: a cadre paired for two months with 9 or 10 households of the
-- village (besides their own helpers) who records visits to all of them on
-- one day. `plain` = registered households of the village with no injection.
function M.burst(G, plain)
	local rng, A = G.rng, G.A
	local n = rng:int(9, 10)
	if #plain < n then return false end
	local hs, b0 = {}, 0
	for i = 1, n do
		hs[i] = plain[i]
		b0 = math.max(b0, plain[i].cur_start + 5)
	end
	local b1 = b0 + 60
	if b1 > A - 30 then return false end
	local B = M.new_cadre(G, "section")
	local day = b0 + rng:int(1, 50)
	for _, h in ipairs(hs) do
		pairing(G, B, h, b0, b1)
		visit(G, B, h, day)
	end
	G.sched:record("assignment.visit-burst", "cadre:" .. B.id)
	return true
end

-- Task forces of the poor villages: a first secretary who is a cadre and
-- 3-5 members; some replaced once; exited villages keep theirs or ended it at
-- exit. `kind` injects no-task-force, task-force-small or no-first-secretary.
function M.task_force(G, v, kind)
	local rng, A = G.rng, G.A
	G.ntf = G.ntf or 0
	local tf_id = function() G.ntf = G.ntf + 1; return string.format("TF%s-%05d", G.county, G.ntf) end
	local s = math.min(dates.daynum("2015-03-01") + rng:int(0, 90), A - 20)
	local fs = M.new_cadre(G, "section")
	if kind == "assignment.no-task-force" then
		if s + 100 <= A - 10 and rng:chance(0.5) then
			local e = rng:int(s + 100, A - 10)
			G.w:row("task_forces", { tf_id(), v.code, fs.id, rng:int(3, 5), D(s), D(e) })
		end
		G.sched:record(kind, "village:" .. v.code)
		return
	end
	if rng:chance(0.3) and A - s > 500 then
		local e = rng:int(s + 300, A - 100)
		G.w:row("task_forces", { tf_id(), v.code, fs.id, rng:int(3, 5), D(s), D(e) })
		s = e + 1
		fs = M.new_cadre(G, "section")
	end
	local e
	if v.exit_year and rng:chance(0.5) then
		e = dates.daynum(string.format("%d-12-31", v.exit_year))
	end
	local fsid, members = fs.id, rng:int(3, 5)
	if kind == "assignment.task-force-small" then
		members = rng:int(1, 2)
		G.sched:record(kind, "village:" .. v.code)
	elseif kind == "assignment.no-first-secretary" then
		fsid = rng:chance(0.5) and string.format("C%s-%07d", G.county, 9000000 + rng:int(0, 999999)) or nil
		G.sched:record(kind, "village:" .. v.code)
	end
	G.w:row("task_forces", { tf_id(), v.code, fsid, members, D(s), e and D(e) or nil })
end

return M
