-- demo/cross.lua - the cross-county cases of a multi-county slice
-- (`demo-data --city`): what only a db of several counties shows.
--
-- For the k-th county of the slice (k >= 2) two twins are shared with the
-- first county: a person registered as a member of a household in both
-- (precision.id-cross-county) and a cadre, one row in each county's roster
-- with the same ID number, paired with a household in each
-- (assignment.cadre-cross-county). Both counties compute the twins from the
-- slice alone: the address code of the first county, a birth date from k and
-- an order code from a block (490-499) no other person of the slice takes
-- (demo/people.lua). The truth goes to truth-province.jsonl, apart from the
-- county's own truth.jsonl, since one county alone does not show it.
local dates = require "dates"
local people = require "demo.people"

local M = {}

local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checkchars = { [0] = "1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2" }

local function twin_id(county, birth, k)
	local order = (490 + (k - 2) % 10) * 2 + 1 -- a man's order code
	local s17 = county .. birth:gsub("-", "") .. string.format("%03d", order)
	local sum = 0
	for i = 1, 17 do sum = sum + (s17:byte(i) - 48) * weights[i] end
	return s17 .. checkchars[sum % 11]
end

local given = { "建国", "志强", "文华", "国庆", "永福", "德明", "海军", "立新", "家兴", "春生" }

-- The twins of the k-th county of a slice whose first county is `first`,
-- clean at year Y: { person = {id, birth, name}, cadre = {id_number} }.
local function twins(first, k, Y)
	local pb = string.format("%04d-%02d-%02d", Y - 41, (k - 2) % 12 + 1, 11 + (k - 2) % 10)
	local cb = string.format("%04d-%02d-%02d", Y - 46, (k - 2) % 12 + 1, 11 + (k - 2) % 10)
	return {
		person = { id = twin_id(first, pb, k), birth = pb, name = "韦" .. given[(k - 2) % #given + 1] },
		cadre = { id_number = twin_id(first, cb, k) },
	}
end

-- Sets up G.cross from opts.slice ("code,code,..."): the twins this county
-- still has to place. Nothing for a single county.
function M.setup(G, slice)
	local codes = {}
	for c in (slice or ""):gmatch("%d+") do codes[#codes + 1] = c end
	if #codes < 2 then return end
	local me
	for i, c in ipairs(codes) do if c == G.county then me = i end end
	if not me then return end
	local X = { people = {}, cadres = {}, truth = {} }
	local ks = {}
	if me == 1 then
		for k = 2, #codes do ks[#ks + 1] = k end
	else
		ks[1] = me
	end
	for _, k in ipairs(ks) do
		local t = twins(codes[1], k, G.Y)
		t.person.truth = me ~= 1
		X.people[#X.people + 1] = t.person
		X.cadres[#X.cadres + 1] = t.cadre
	end
	G.cross = X
end

-- Household h (registered, general, no injection) takes the next twin
-- person as a member, before its members are written (households.mutate).
function M.household(G, h)
	local X = G.cross
	if not X or h.inj or not h.registered or h.type ~= "general" then return end
	if X.people[1] then
		local t = table.remove(X.people, 1)
		local age = dates.age(t.birth, G.as_of)
		local p
		repeat p = people.make(G, age, "M", nil, "other") until p.health == "healthy"
		p.birth, p.id, p.name, p.dup = t.birth, t.id, t.name, true
		h.members[#h.members + 1] = p
		if t.truth then X.truth[#X.truth + 1] = { "precision.id-cross-county", "person:" .. t.id } end
	end
	if X.cadres[1] and not X.cadre_next then X.cadre_next = table.remove(X.cadres, 1) end
end

-- The ID number for the next new cadre of the on-duty pool, or nil: a twin
-- cadre waiting (set by M.household for a household about to be paired).
function M.cadre_id_number(G)
	local X = G.cross
	local t = X and X.cadre_next
	if not t then return nil end
	X.cadre_next = nil
	return t.id_number
end

-- Records the truth of twin cadre c (each county its own cadre row).
function M.cadre_made(G, c)
	G.cross.truth[#G.cross.truth + 1] = { "assignment.cadre-cross-county", "cadre:" .. c.id }
end

-- nil when every twin was placed, else a message (a slice too small to
-- hold them).
function M.check(G)
	local X = G.cross
	if X and (X.people[1] or X.cadres[1] or X.cadre_next) then
		return string.format("county %s: --households %d is too few for the cross-county cases of the "
			.. "slice (they need a registered household each; give more)", G.county, G.n)
	end
end

return M
