-- Tests of funds.loan-ineligible.
local function h(id, st, ry, ey) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = ry, exit_year = ey } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
local function l(id, b, d) return { id = id, borrower_id_number = b, amount = 50000, issue_date = d, term_months = 36 } end
return {
	{ name = "not a member; registered the year after; removed in the year of issue",
	  data = { households = { h("H1", "poor", 2017), h("H2", "removed", 2015, 2018) },
	           members = { m("450902198001010027", "H1"), m("450902198506150033", "H2") },
	           loans = { l("L1", "450902198001010019", "2018-03-01"), l("L2", "450902198001010027", "2016-03-01"),
	                     l("L3", "450902198506150033", "2018-03-01") } },
	  expect = { "loan:L1", "loan:L2", "loan:L3" } },
	{ name = "registered in the year of issue; removed the year after; exited: no finding",
	  data = { households = { h("H1", "poor", 2017), h("H2", "removed", 2015, 2018), h("H3", "exited", 2015, 2017) },
	           members = { m("450902198001010027", "H1"), m("450902198506150033", "H2"), m("450902198001010019", "H3") },
	           loans = { l("L1", "450902198001010027", "2017-03-01"), l("L2", "450902198506150033", "2017-12-31"),
	                     l("L3", "450902198001010019", "2019-03-01") } },
	  expect = {} },
}
