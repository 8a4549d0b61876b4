-- Tests of assignment.no-visit (as_of 2020-06-30; 45 days before is 2020-05-16).
local function p(hid, s, e) return { cadre_id = "C1", household_id = hid, start_date = s, end_date = e } end
local function v(id, hid, d) return { id = id, cadre_id = "C1", household_id = hid, visit_date = d } end
return {
	{ name = "last visit 46 days ago; never visited since a pairing 46 days old",
	  data = { pairings = { p("H1", "2019-01-01"), p("H2", "2020-05-15") },
	           visits = { v("V1", "H1", "2020-05-15") } },
	  expect = { { entity = "household:H1", message = "最近走访 2020-05-15, 至 2020-06-30 已 46 天未走访" },
	             { entity = "household:H2", message = "自结对 2020-05-15 起从未走访" } } },
	{ name = "a visit exactly at the gap limit; a pairing exactly 45 days old; no active pairing; visit after as_of does not help",
	  data = { pairings = { p("H1", "2019-01-01"), p("H2", "2020-05-16"), p("H3", "2019-01-01", "2020-06-01") },
	           visits = { v("V1", "H1", "2020-05-16") } },
	  expect = {} },
	{ name = "a visit after as_of does not count",
	  data = { pairings = { p("H1", "2019-01-01") }, visits = { v("V1", "H1", "2020-07-01") } },
	  expect = { "household:H1" } },
}
