-- Tests of precision.relation-conflict.
local function m(id, hid, rel, sex) return { id_number = id, household_id = hid, name = "韦某某", relation = rel, sex = sex } end
return {
	{ name = "male head with a male spouse",
	  data = { members = { m("450902198001010019", "H1", "head", "M"), m("450902198001010027", "H1", "spouse", "M") } },
	  expect = { "household:H1" } },
	{ name = "opposite sexes; unknown sex; same-sex child: no finding",
	  data = { members = { m("450902198001010019", "H1", "head", "M"), m("450902198001010027", "H1", "spouse", "F"),
	                       m("450902198506150033", "H1", "child", "M"),
	                       m("450902200007010095", "H2", "head", "F"), m("450902200206300108", "H2", "spouse", nil) } },
	  expect = {} },
}
