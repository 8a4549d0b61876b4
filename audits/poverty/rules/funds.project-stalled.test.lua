-- Tests of funds.project-stalled (as_of 2020-06-30; 181 days before is 2020-01-01).
local function p(id, pe, cd, acc) return { id = id, name = "某村道路硬化", budget = 200000, planned_end = pe, completed_date = cd, accepted = acc } end
return {
	{ name = "181 days past planned end; completed 181 days ago, not accepted",
	  data = { projects = { p("X1", "2020-01-01"), p("X2", "2019-06-01", "2020-01-01", 0) } },
	  expect = { "project:X1", "project:X2" } },
	{ name = "exactly 180 days; accepted; acceptance unknown; completed late but accepted: no finding",
	  data = { projects = { p("X1", "2020-01-02"), p("X2", "2019-06-01", "2019-01-01", 1), p("X3", "2019-06-01", "2019-01-01", nil),
	                        p("X4", "2018-01-01", "2020-01-02", 0) } },
	  expect = {} },
}
