-- Tests of precision.deceased-listed.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015 } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
return {
	{ name = "died on as_of, household exited",
	  data = { households = { h("H1", "exited") }, members = { m("450902198001010019", "H1") },
	           deaths = { { id_number = "450902198001010019", death_date = "2020-06-30" } } },
	  expect = { "person:450902198001010019" } },
	{ name = "died the day after as_of; or in a removed household: no finding",
	  data = { households = { h("H1", "poor"), h("H2", "removed") },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H2") },
	           deaths = { { id_number = "450902198001010019", death_date = "2020-07-01" },
	                      { id_number = "450902198001010027", death_date = "2019-01-01" } } },
	  expect = {} },
}
