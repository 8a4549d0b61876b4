-- Tests of precision.missed-welfare.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015 } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
return {
	{ name = "active dibao, not a member; tekun in a removed household",
	  data = { households = { h("H1", "removed") }, members = { m("450902198001010027", "H1") },
	           welfare = { { id_number = "450902198001010019", program = "dibao", start_date = "2019-01-01", monthly_amount = 350 },
	                       { id_number = "450902198001010027", program = "tekun", start_date = "2019-01-01" } } },
	  expect = { "person:450902198001010019", "person:450902198001010027" } },
	{ name = "member of an exited household; dibao ended; wubao only: no finding",
	  data = { households = { h("H1", "exited") }, members = { m("450902198001010019", "H1") },
	           welfare = { { id_number = "450902198001010019", program = "dibao", start_date = "2019-01-01" },
	                       { id_number = "450902198001010027", program = "dibao", start_date = "2019-01-01", end_date = "2020-06-29" },
	                       { id_number = "450902198506150033", program = "wubao", start_date = "2019-01-01" } } },
	  expect = {} },
}
