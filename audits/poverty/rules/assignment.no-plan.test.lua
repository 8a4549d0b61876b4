-- Tests of assignment.no-plan.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015 } end
return {
	{ name = "a poor household with only last year's plan",
	  data = { households = { h("H1", "poor") }, plans = { { household_id = "H1", year = 2019, measures = "养殖" } } },
	  expect = { "household:H1" } },
	{ name = "a plan for the as_of year; exited without plan: no finding",
	  data = { households = { h("H1", "poor"), h("H2", "exited") }, plans = { { household_id = "H1", year = 2020 } } },
	  expect = {} },
}
