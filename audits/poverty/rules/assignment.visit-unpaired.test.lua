-- Tests of assignment.visit-unpaired.
local function p(cid, hid, s, e) return { cadre_id = cid, household_id = hid, start_date = s, end_date = e } end
local function v(id, cid, hid, d) return { id = id, cadre_id = cid, household_id = hid, visit_date = d } end
return {
	{ name = "visit to a household never paired; visit the day after the pairing ended",
	  data = { pairings = { p("C1", "H1", "2019-01-01"), p("C2", "H2", "2019-01-01", "2020-03-01") },
	           visits = { v("V1", "C1", "H9", "2020-04-01"), v("V2", "C1", "H1", "2020-04-01"), v("V3", "C2", "H2", "2020-03-02") } },
	  expect = { "cadre:C1", "cadre:C2" } },
	{ name = "visits on the first and last day of the pairing: no finding",
	  data = { pairings = { p("C1", "H1", "2019-01-01", "2020-03-01") },
	           visits = { v("V1", "C1", "H1", "2019-01-01"), v("V2", "C1", "H1", "2020-03-01") } },
	  expect = {} },
}
