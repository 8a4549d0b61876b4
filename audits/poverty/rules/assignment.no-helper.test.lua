-- Tests of assignment.no-helper.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015 } end
local function c(id, e) return { id = id, name = "黄某", rank = "staff", end_date = e } end
local function p(cid, hid, s, e) return { cadre_id = cid, household_id = hid, start_date = s, end_date = e } end
return {
	{ name = "no pairing; pairing ended before as_of; cadre left on as_of; exited household without helper",
	  data = { households = { h("H1", "poor"), h("H2", "poor"), h("H3", "poor"), h("H4", "exited") },
	           cadres = { c("C1"), c("C2", "2020-06-30") },
	           pairings = { p("C1", "H2", "2018-01-01", "2020-06-29"), p("C2", "H3", "2018-01-01") } },
	  expect = { "household:H1", "household:H2", "household:H3", "household:H4" } },
	{ name = "pairing ending on as_of, cadre leaving after it; removed and unpaired: no finding",
	  data = { households = { h("H1", "poor"), h("H2", "exited"), h("H3", "removed") },
	           cadres = { c("C1", "2020-07-01"), c("C2") },
	           pairings = { p("C1", "H1", "2018-01-01", "2020-06-30"), p("C2", "H2", "2020-06-30") } },
	  expect = {} },
	{ name = "exited households are left out when include_exited is false",
	  params = { include_exited = false },
	  data = { households = { h("H1", "exited"), h("H2", "poor") } },
	  expect = { "household:H2" } },
}
