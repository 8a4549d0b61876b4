-- Tests of precision.school-age.
local function m(id, b, s) return { id_number = id, household_id = "H1", name = "韦某某", relation = "child", birth_date = b, school_stage = s } end
return {
	{ name = "aged 14 at senior school, aged 20 at primary, age from the ID number",
	  data = { members = { m("450902198001010019", "2006-06-30", "senior"), m("450902198001010027", "2000-06-30", "primary"),
	                       m("450902201003010041", nil, "college") } },
	  expect = { "person:450902198001010019", "person:450902198001010027", "person:450902201003010041" } },
	{ name = "aged 15 at senior school, 19 at primary, 14 at junior: no finding",
	  data = { members = { m("450902198001010019", "2005-06-30", "senior"), m("450902198001010027", "2000-07-01", "primary"),
	                       m("450902198506150033", "2006-06-30", "junior") } },
	  expect = {} },
}
