-- demo/people.lua - people of the demo county: unique, valid resident ID
-- numbers (GB 11643: county code, birth date, order code with the sex digit,
-- MOD 11-2 check character) and member attributes consistent with age
-- (schooling, labour, health, insurance, family doctor) so the clean data
-- trips no rule of docs/rules.md.
local dates = require "dates"
local day = require "demo.day"
local names = require "demo.names"

local M = {}

local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checkchars = { [0] = "1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2" }

-- ISO 7064 MOD 11-2 check character of 17 digits (as idcard.check_char,
-- without its validation: the generator only passes digits).
local function check_char(s17)
	local sum = 0
	for i = 1, 17 do sum = sum + (s17:byte(i) - 48) * weights[i] end
	return checkchars[sum % 11]
end

-- A new ID number for a person born on `birth` ('YYYY-MM-DD') of sex "M"/"F"
-- with address code `county`. Unique within the generator state G: the order
-- code counts up per (county, birth date, sex) from a random start. Unique
-- across the counties of a city too (demo-data --city, one db of them all):
-- a person with the address code of another county of the city takes order
-- codes from a block of its own generating county's (250 + 30 x its place
-- among the city's counties), which that county's own people (below 250)
-- never take.
function M.new_id(G, county, birth, sex)
	local key = county .. birth .. sex
	local c = G.idseq[key]
	if not c then
		c = G.rng:int(0, 60)
		if county ~= G.county then c = 250 + 30 * ((G.county_i - 1) % 8) end
	end
	G.idseq[key] = c + 1
	assert(county == G.county or c < 280 + 30 * ((G.county_i - 1) % 8), "ID order codes of the city exhausted")
	local order = c * 2 + (sex == "M" and 1 or 0)
	assert(order <= 999, "ID order codes exhausted")
	local s17 = county .. birth:sub(1, 4) .. birth:sub(6, 7) .. birth:sub(9, 10) ..
		string.format("%03d", order)
	return s17 .. check_char(s17)
end

-- A random birth date of someone aged exactly `age` whole years at G.as_of:
-- between the day after the (age+1)th and the age-th anniversary-before.
-- (A 29 February as_of counts from 28 February in common years, which
-- matches dates.age.)
function M.birth_for_age(G, age)
	local r = G.age_range[age]
	if not r then
		local ay, am, ad = dates.parse(G.as_of)
		local function back(years)
			local y = ay - years
			local d = ad
			if am == 2 and d == 29 and not dates.leap(y) then d = 28 end
			return dates.daynum(string.format("%04d-%02d-%02d", y, am, d))
		end
		r = { back(age + 1) + 1, back(age) }
		G.age_range[age] = r
	end
	return day(G.rng:int(r[1], r[2]))
end

-- Choices and weights of the attribute draws below.
local C1 = { { "healthy", "disabled", "chronic" }, { 95, 3, 2 } }
local C2 = { { "healthy", "chronic", "serious", "disabled" }, { 88, 6, 2, 4 } }
local C3 = { { "healthy", "chronic", "serious", "disabled" }, { 60, 28, 5, 7 } }
local C4 = { { "junior", "senior", "vocational" }, { 3, 4, 3 } }
local C5 = { { "senior", "vocational", false }, { 45, 35, 20 } }
local C6 = { { "senior", "vocational", "college", false }, { 10, 15, 25, 50 } }
local C7 = { { "primary", "junior" }, { 3, 7 } }
local C8 = { { "junior", "senior", "vocational", "college" }, { 40, 25, 20, 15 } }
local C9 = { { "none", "primary", "junior" }, { 40, 50, 10 } }
local C10 = { { 1, 0, false }, { 50, 35, 15 } }

-- Labour of a non-student by age band and health: {chance, drawn, otherwise}.
local labor_odds = {
	adult = { healthy = { 0.75, "normal", "skilled" }, chronic = { 0.7, "normal", "lost" },
		other = { 0.4, "normal", "lost" } },
	elder = { healthy = { 0.5, "normal", "none" }, other = { 0.5, "lost", "none" } },
}

local function pick_w(rng, items, ws)
	return items[rng:weighted(ws)]
end

-- Fills a person's schooling, labour, health and other attributes from
-- p.age. Keeps the rules' readings: 6-15 enrolled (or exempt when disabled),
-- no senior school at 14 or below, no primary at 20 or above, labour lost or
-- none only when not a healthy 16-59 non-student, no migrant months then;
-- chronic, serious and disabled people have a family doctor.
function M.fill(G, p)
	local rng, age = G.rng, p.age
	local h
	if age < 16 then
		h = pick_w(rng, C1[1], C1[2])
	elseif age < 60 then
		h = pick_w(rng, C2[1], C2[2])
	else
		h = pick_w(rng, C3[1], C3[2])
	end
	p.health = h
	local st
	if age >= 3 and age <= 5 then
		st = rng:chance(0.7) and "preschool" or nil
	elseif age >= 6 and age <= 11 then
		st = "primary"
	elseif age >= 12 and age <= 14 then
		st = "junior"
	elseif age == 15 then
		st = pick_w(rng, C4[1], C4[2])
	elseif age <= 17 and age >= 16 then
		st = pick_w(rng, C5[1], C5[2]) or nil
	elseif age <= 19 and age >= 18 then
		st = pick_w(rng, C6[1], C6[2]) or nil
	elseif age <= 22 and age >= 20 then
		st = rng:chance(0.3) and "college" or nil
	end
	p.exempt = nil
	if h == "disabled" and age >= 6 and age <= 15 and rng:chance(0.5) then
		st, p.exempt = nil, 1
	end
	p.stage = st
	if age < 6 then
		p.education = nil
	elseif st then
		p.education = (st == "primary" or st == "junior") and "primary" or
			(st == "college" and "senior" or "junior")
		if st == "junior" and age >= 13 then p.education = "junior" end
	elseif age < 18 then
		p.education = pick_w(rng, C7[1], C7[2])
	elseif age < 30 then
		p.education = pick_w(rng, C8[1], C8[2])
	elseif age < 60 then
		p.education = pick_w(rng, { "primary", "junior", "senior", "vocational", "college" },
			{ 30, 50, 12, 5, 3 })
	else
		p.education = pick_w(rng, C9[1], C9[2])
	end
	local lab
	if age < 16 or st then
		lab = "none"
	else
		local band = labor_odds[age < 60 and "adult" or "elder"]
		local o = band[h] or band.other
		lab = rng:chance(o[1]) and o[2] or o[3]
	end
	p.labor = lab
	p.migrant = 0
	if (lab == "normal" or lab == "skilled") and age < 60 and not rng:chance(0.4) then
		p.migrant = rng:int(3, 12)
	end
	p.insured = rng:chance(0.995) and 1 or nil
	if h ~= "healthy" then
		p.doctor = 1
	else
		p.doctor = pick_w(rng, C10[1], C10[2]) or nil
	end
	return p
end

-- A new person of `age` and `sex` with a fresh ID of county G.county.
function M.make(G, age, sex, surname, relation)
	local birth = M.birth_for_age(G, age)
	local p = {
		age = age, sex = sex, birth = birth, relation = relation,
		name = names.full(G.rng, sex, surname),
	}
	p.surname = surname
	p.id = M.new_id(G, G.county, birth, sex)
	return M.fill(G, p)
end

-- The members.csv row of person p in household hid.
function M.row(p, hid)
	return { p.id, hid, p.name, p.relation, p.sex, p.birth, p.education, p.stage, p.exempt,
		p.health, p.labor, p.migrant, p.insured, p.doctor }
end

return M
