-- Tests of precision.income-implausible.
local function h(id, st, inc) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015, income_per_capita = inc } end
return {
	{ name = "empty, zero, negative, above the maximum",
	  data = { households = { h("H1", "poor", nil), h("H2", "poor", 0), h("H3", "exited", -5), h("H4", "poor", 100000.01) } },
	  expect = { "household:H1", "household:H2", "household:H3", "household:H4" } },
	{ name = "exactly the maximum, one fen; removed with zero: no finding",
	  data = { households = { h("H1", "poor", 100000), h("H2", "poor", 0.01), h("H3", "removed", 0) } },
	  expect = {} },
}
