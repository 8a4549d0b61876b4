-- Tests of precision.orphan-member.
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
return {
	{ name = "member of a household that does not exist",
	  data = { households = { { id = "H1", village_code = "450902001001", size = 1, status = "poor", registered_year = 2015 } },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H9") } },
	  expect = { "person:450902198001010027" } },
	{ name = "household exists, even removed: no finding",
	  data = { households = { { id = "H1", village_code = "450902001001", size = 1, status = "removed", registered_year = 2015 } },
	           members = { m("450902198001010019", "H1") } },
	  expect = {} },
}
