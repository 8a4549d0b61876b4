-- Tests of assignment.helper-overload.
local function pairs_of(cid, n, first)
	local t = {}
	for i = 1, n do t[i] = { cadre_id = cid, household_id = cid .. "-H" .. i, start_date = "2019-01-01" } end
	return t
end
local function join(...) local t = {} for _, l in ipairs { ... } do for _, x in ipairs(l) do t[#t + 1] = x end end return t end
return {
	{ name = "staff with 4, section with 6, county with 7",
	  data = { cadres = { { id = "C1", name = "甲", rank = "staff" }, { id = "C2", name = "乙", rank = "section" }, { id = "C3", name = "丙", rank = "county" } },
	           pairings = join(pairs_of("C1", 4), pairs_of("C2", 6), pairs_of("C3", 7)) },
	  expect = { "cadre:C1", "cadre:C2", "cadre:C3" } },
	{ name = "exactly at the 653 norm; ended pairings do not count: no finding",
	  data = { cadres = { { id = "C1", name = "甲", rank = "staff" }, { id = "C2", name = "乙", rank = "section" }, { id = "C3", name = "丙", rank = "county" } },
	           pairings = join(pairs_of("C1", 3), pairs_of("C2", 5), pairs_of("C3", 6),
	                           { { cadre_id = "C1", household_id = "X", start_date = "2018-01-01", end_date = "2020-06-29" } }) },
	  expect = {} },
}
