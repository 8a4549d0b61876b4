-- Tests of precision.head-missing.
local function h(id) return { id = id, village_code = "450902001001", size = 2, status = "poor", registered_year = 2015 } end
local function m(id, hid, rel) return { id_number = id, household_id = hid, name = "韦某某", relation = rel } end
return {
	{ name = "no head; two heads",
	  data = { households = { h("H1"), h("H2") },
	           members = { m("450902198001010019", "H1", "spouse"), m("450902198001010027", "H2", "head"), m("450902198506150033", "H2", "head") } },
	  expect = { "household:H1", "household:H2" } },
	{ name = "exactly one head: no finding",
	  data = { households = { h("H1") },
	           members = { m("450902198001010019", "H1", "head"), m("450902198001010027", "H1", "spouse") } },
	  expect = {} },
}
