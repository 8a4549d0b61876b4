-- Tests of precision.id-duplicate.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015, exit_year = st ~= "poor" and 2018 or nil } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
return {
	{ name = "an ID number in two households, one removed",
	  data = { households = { h("H1", "poor"), h("H2", "removed") },
	           members = { m("450902198001010019", "H1"), m("450902198001010019", "H2") } },
	  expect = { "person:450902198001010019" } },
	{ name = "the second household does not exist: no duplicate",
	  data = { households = { h("H1", "poor") },
	           members = { m("450902198001010019", "H1"), m("450902198001010019", "H9") } },
	  expect = {} },
	{ name = "two households in two counties: precision.id-cross-county, not this rule",
	  data = { households = { h("H1", "poor"), { id = "H2", village_code = "450922101201", size = 1, status = "poor", registered_year = 2015 } },
	           members = { m("450902198001010019", "H1"), m("450902198001010019", "H2") } },
	  expect = {} },
	{ name = "different ID numbers: no finding",
	  data = { households = { h("H1", "poor"), h("H2", "poor") },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H2") } },
	  expect = {} },
}
