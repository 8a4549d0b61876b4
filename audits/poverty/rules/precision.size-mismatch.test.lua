-- Tests of precision.size-mismatch.
local function h(id, size) return { id = id, village_code = "450902001001", size = size, status = "poor", registered_year = 2015 } end
local function m(id, hid, rel) return { id_number = id, household_id = hid, name = "韦某某", relation = rel or "head" } end
return {
	{ name = "declared 3 with 2 members; declared 1 with none",
	  data = { households = { h("H1", 3), h("H2", 1) },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H1", "spouse") } },
	  expect = { "household:H1", "household:H2" } },
	{ name = "declared 2 with 2 members: no finding",
	  data = { households = { h("H1", 2) },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H1", "spouse") } },
	  expect = {} },
}
