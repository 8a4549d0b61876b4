-- Tests of precision.income-inconsistent.
local function h(id, size, ipc, w, p, pr, t, c)
	return { id = id, village_code = "450902001001", size = size, status = "poor", registered_year = 2015, income_per_capita = ipc,
	         wage_income = w, production_income = p, property_income = pr, transfer_income = t, production_cost = c }
end
return {
	{ name = "net 12,000 / 3 = 4,000 vs 4,001.01",
	  data = { households = { h("H1", 3, 4001.01, 8000, 3000, 0, 2000, 1000) } },
	  expect = { "household:H1" } },
	{ name = "difference exactly 1 yuan; a component empty: no finding",
	  data = { households = { h("H1", 3, 4001, 8000, 3000, 0, 2000, 1000), h("H2", 3, 9000, 8000, nil, 0, 2000, 1000) } },
	  expect = {} },
}
