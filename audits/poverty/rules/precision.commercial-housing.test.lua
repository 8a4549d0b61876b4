-- Tests of precision.commercial-housing.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st or "poor", registered_year = 2015 } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
return {
	{ name = "commercial housing and a shop",
	  data = { households = { h("H1"), h("H2") }, members = { m("450902198001010019", "H1"), m("450902198001010027", "H2") },
	           properties = { { owner_id_number = "450902198001010019", kind = "commercial_housing", location = "玉州区某小区", area = 98.5 },
	                          { owner_id_number = "450902198001010027", kind = "shop" } } },
	  expect = { "household:H1", "household:H2" } },
	{ name = "property of a removed household or of a non-member: no finding",
	  data = { households = { h("H1", "removed") }, members = { m("450902198001010019", "H1") },
	           properties = { { owner_id_number = "450902198001010019", kind = "commercial_housing" },
	                          { owner_id_number = "450902198506150033", kind = "shop" } } },
	  expect = {} },
}
