-- Tests of precision.exit-unmet.
local function h(id, t) t = t or {}; t.id = id; t.village_code = "450902001001"; t.size = 1; t.status = t.status or "exited"; t.registered_year = 2015; t.exit_year = 2019; return t end
local function m(id, hid, t) t = t or {}; t.id_number = id; t.household_id = hid; t.name = "韦某某"; t.relation = t.relation or "head"; return t end
return {
	{ name = "dangerous house, unsafe water, child aged 6 out of school, member not insured",
	  data = { households = { h("H1", { housing_grade = "D" }), h("H2", { water_safe = 0 }), h("H3"), h("H4") },
	           members = { m("450902198001010019", "H3"), m("450902201003010041", "H3", { relation = "child", birth_date = "2014-06-30" }),
	                       m("450902198001010027", "H4", { medical_insured = 0 }) } },
	  expect = { "household:H1", "household:H2", "household:H3", "household:H4" } },
	{ name = "grade B, water unknown, child aged 5 and 16, exempt child, empty insurance, a poor household: no finding",
	  data = { households = { h("H1", { housing_grade = "B" }), h("H2"), h("H3", { status = "poor", housing_grade = "D", water_safe = 0 }) },
	           members = { m("450902198001010019", "H1", { medical_insured = 1, school_stage = nil, birth_date = "1980-01-01" }),
	                       m("450902201407010080", "H1", { relation = "child", birth_date = "2014-07-01" }),
	                       m("450902200407010014", "H1", { relation = "child", birth_date = "2004-06-30" }),
	                       m("450902201003010041", "H2", { relation = "child", birth_date = "2010-03-01", school_exempt = 1 }),
	                       m("450902198001010027", "H2", { medical_insured = nil }),
	                       m("450902198506150033", "H3", { medical_insured = 0 }) } },
	  expect = {} },
}
