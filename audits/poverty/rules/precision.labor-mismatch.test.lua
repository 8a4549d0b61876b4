-- Tests of precision.labor-mismatch.
local function m(id, t) t.id_number = id; t.household_id = "H1"; t.name = "韦某某"; t.relation = t.relation or "child"; return t end
return {
	{ name = "healthy aged 16 and 59 without labour; lost labour but migrant work; age from the ID number",
	  data = { members = {
		m("450902198001010019", { birth_date = "2004-06-30", health = "healthy", labor = "none" }),
		m("450902198001010027", { birth_date = "1960-07-01", health = "healthy", labor = "lost" }),
		m("450902198506150033", { birth_date = "1985-06-15", health = "serious", labor = "lost", migrant_months = 3 }),
		m("450902200007010095", { health = "healthy", labor = "none" }) } },
	  expect = { "person:450902198001010019", "person:450902198001010027", "person:450902198506150033", "person:450902200007010095" } },
	{ name = "aged 15 and 60, a pupil, an ill member, labour normal with migrant work: no finding",
	  data = { members = {
		m("450902198001010019", { birth_date = "2004-07-01", health = "healthy", labor = "none" }),
		m("450902198001010027", { birth_date = "1960-06-30", health = "healthy", labor = "lost" }),
		m("450902198506150033", { birth_date = "2002-01-01", health = "healthy", labor = "none", school_stage = "college" }),
		m("450902200007010095", { birth_date = "1990-01-01", health = "chronic", labor = "lost", migrant_months = 0 }),
		m("450902200206300108", { birth_date = "1990-01-01", health = "healthy", labor = "normal", migrant_months = 10 }) } },
	  expect = {} },
}
