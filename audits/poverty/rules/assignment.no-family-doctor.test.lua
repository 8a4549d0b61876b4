-- Tests of assignment.no-family-doctor.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015 } end
local function m(id, hid, health, fd) return { id_number = id, household_id = hid, name = "韦某某", relation = "head", health = health, family_doctor = fd } end
return {
	{ name = "chronic without contract; disabled in an exited household",
	  data = { households = { h("H1", "poor"), h("H2", "exited") },
	           members = { m("450902198001010019", "H1", "chronic", 0), m("450902198001010027", "H2", "disabled", 0) } },
	  expect = { "person:450902198001010019", "person:450902198001010027" } },
	{ name = "contract signed; unknown contract; healthy; removed household: no finding",
	  data = { households = { h("H1", "poor"), h("H2", "removed") },
	           members = { m("450902198001010019", "H1", "serious", 1), m("450902198001010027", "H1", "chronic", nil),
	                       m("450902198506150033", "H1", "healthy", 0), m("450902200007010095", "H2", "disabled", 0) } },
	  expect = {} },
}
