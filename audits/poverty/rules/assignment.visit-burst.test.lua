-- Tests of assignment.visit-burst.
local function day(cid, d, n, dup)
	local t = {}
	for i = 1, n do t[#t + 1] = { id = cid .. d .. i, cadre_id = cid, household_id = "H" .. i, visit_date = d } end
	for i = 1, dup or 0 do t[#t + 1] = { id = cid .. d .. "d" .. i, cadre_id = cid, household_id = "H1", visit_date = d } end
	return t
end
local function join(...) local t = {} for _, l in ipairs { ... } do for _, x in ipairs(l) do t[#t + 1] = x end end return t end
return {
	{ name = "9 households on one day",
	  data = { visits = join(day("C1", "2020-05-01", 9), day("C1", "2020-05-02", 10)) },
	  expect = { "cadre:C1" } },
	{ name = "8 households with repeat visits; 9 on two days: no finding",
	  data = { visits = join(day("C1", "2020-05-01", 8, 5), day("C2", "2020-05-01", 5), day("C2", "2020-05-02", 4)) },
	  expect = {} },
}
