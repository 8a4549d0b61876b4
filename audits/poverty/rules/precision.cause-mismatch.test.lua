-- Tests of precision.cause-mismatch.
local function h(id, cause) return { id = id, village_code = "450902001001", size = 1, status = "poor", registered_year = 2015, main_cause = cause } end
local function m(id, hid, t) t = t or {}; t.id_number = id; t.household_id = hid; t.name = "韦某某"; t.relation = "head"; return t end
return {
	{ name = "illness without ill member, disability without disabled, schooling without pupil",
	  data = { households = { h("H1", "illness"), h("H2", "disability"), h("H3", "schooling") },
	           members = { m("450902198001010019", "H1", { health = "disabled" }), m("450902198001010027", "H2", { health = "serious" }),
	                       m("450902198506150033", "H3", { health = "healthy" }) } },
	  expect = { "household:H1", "household:H2", "household:H3" } },
	{ name = "each cause borne out; other causes never: no finding",
	  data = { households = { h("H1", "illness"), h("H2", "disability"), h("H3", "schooling"), h("H4", "labor") },
	           members = { m("450902198001010019", "H1", { health = "chronic" }), m("450902198001010027", "H2", { health = "disabled" }),
	                       m("450902201003010041", "H3", { school_stage = "primary" }) } },
	  expect = {} },
}
