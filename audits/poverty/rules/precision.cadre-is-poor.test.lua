-- Tests of precision.cadre-is-poor.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st or "poor", registered_year = 2015 } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
return {
	{ name = "a cadre's ID number is a member",
	  data = { households = { h("H1", "exited") }, members = { m("450902198001010019", "H1") },
	           cadres = { { id = "C1", id_number = "450902198001010019", name = "韦某某", rank = "staff" } } },
	  expect = { "household:H1" } },
	{ name = "the cadre's household is removed; a cadre without ID number: no finding",
	  data = { households = { h("H1", "removed"), h("H2") }, members = { m("450902198001010019", "H1"), m("450902198001010027", "H2") },
	           cadres = { { id = "C1", id_number = "450902198001010019", name = "韦某某", rank = "staff" },
	                      { id = "C2", name = "黄某", rank = "staff" } } },
	  expect = {} },
}
