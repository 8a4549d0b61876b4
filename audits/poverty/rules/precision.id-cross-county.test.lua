-- Tests of precision.id-cross-county.
local function h(id, v) return { id = id, village_code = v, size = 1, status = "poor", registered_year = 2015 } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
return {
	{ name = "an ID number in households of two counties",
	  data = { households = { h("H1", "450921001001"), h("H2", "450922101201") },
	           members = { m("450902198001010019", "H1"), m("450902198001010019", "H2") } },
	  expect = { "person:450902198001010019" } },
	{ name = "near miss: two households of one county (precision.id-duplicate), or the second household missing",
	  data = { households = { h("H1", "450921001001"), h("H2", "450921002003") },
	           members = { m("450902198001010019", "H1"), m("450902198001010019", "H2"),
	                       m("450902198001010027", "H1"), m("450902198001010027", "H9") } },
	  expect = {} },
}
