-- Tests of precision.id-birth-mismatch.
local function m(id, b) return { id_number = id, household_id = "H1", name = "韦某某", relation = "head", birth_date = b } end
return {
	{ name = "birth date one day off the ID number",
	  data = { members = { m("450902198001010019", "1980-01-02") } },
	  expect = { "person:450902198001010019" } },
	{ name = "same date, empty birth date: no finding",
	  data = { members = { m("450902198001010019", "1980-01-01"), m("450902198001010027", nil) } },
	  expect = {} },
}
