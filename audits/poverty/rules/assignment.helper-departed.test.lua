-- Tests of assignment.helper-departed.
local function c(id, e) return { id = id, name = "黄某", rank = "staff", end_date = e } end
local function p(cid, hid, s, e) return { cadre_id = cid, household_id = hid, start_date = s, end_date = e } end
return {
	{ name = "cadre left on as_of, pairing still active; two departed cadres on one household",
	  data = { cadres = { c("C1", "2020-06-30"), c("C2", "2019-01-01"), c("C3", "2019-05-01") },
	           pairings = { p("C1", "H1", "2018-01-01"), p("C2", "H2", "2018-01-01"), p("C3", "H2", "2018-01-01") } },
	  expect = { "household:H1", "household:H2" } },
	{ name = "cadre leaving after as_of; pairing ended with the cadre: no finding",
	  data = { cadres = { c("C1", "2020-07-01"), c("C2", "2019-01-01") },
	           pairings = { p("C1", "H1", "2018-01-01"), p("C2", "H2", "2018-01-01", "2019-01-01") } },
	  expect = {} },
}
