-- Tests of precision.exit-below-line.
local function h(id, st, y, inc) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015, exit_year = y, income_per_capita = inc } end
return {
	{ name = "exited in 2019 one fen below 3747",
	  data = { households = { h("H1", "exited", 2019, 3746.99) } },
	  expect = { { entity = "household:H1", message = "2019 年脱贫, 人均纯收入 3,746.99 元 低于当年贫困线 3,747 元" } } },
	{ name = "exactly at the line; poor household below it; removed: no finding",
	  data = { households = { h("H1", "exited", 2019, 3747), h("H2", "poor", nil, 1000), h("H3", "removed", 2019, 1000) } },
	  expect = {} },
	{ name = "the poverty line table is a parameter",
	  params = { poverty_line = { [2019] = 5000 } },
	  data = { households = { h("H1", "exited", 2019, 4000) } },
	  expect = { "household:H1" } },
}
