-- Tests of precision.business.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st or "poor", registered_year = 2015 } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
return {
	{ name = "active business with capital at the threshold",
	  data = { households = { h("H1") }, members = { m("450902198001010019", "H1") },
	           businesses = { { legal_rep_id_number = "450902198001010019", name = "某养殖有限公司", capital = 100000, status = "active" } } },
	  expect = { "household:H1" } },
	{ name = "capital just below, closed business, unknown status: no finding",
	  data = { households = { h("H1"), h("H2") }, members = { m("450902198001010019", "H1"), m("450902198001010027", "H2") },
	           businesses = { { legal_rep_id_number = "450902198001010019", name = "甲公司", capital = 99999.99, status = "active" },
	                          { legal_rep_id_number = "450902198001010027", name = "乙公司", capital = 500000, status = "closed" },
	                          { legal_rep_id_number = "450902198001010027", name = "丙公司", capital = 500000 } } },
	  expect = {} },
}
