-- Tests of assignment.cadre-cross-county.
local function h(id, v) return { id = id, village_code = v, size = 1, status = "poor", registered_year = 2015 } end
local function c(id, idn) return { id = id, id_number = idn, name = "黄某", rank = "staff" } end
local function p(cid, hid, e) return { cadre_id = cid, household_id = hid, start_date = "2019-01-01", end_date = e } end
return {
	{ name = "one ID number on two counties' rolls, each paired there; and one cadre id paired in two counties",
	  data = { households = { h("H1", "450921001001"), h("H2", "450922101201"), h("H3", "450923001001") },
	           cadres = { c("A1", "450902197401119811"), c("B1", "450902197401119811"), c("X", nil) },
	           pairings = { p("A1", "H1"), p("B1", "H2"), p("X", "H1"), p("X", "H3") } },
	  expect = { "cadre:A1", "cadre:B1", "cadre:X" } },
	{ name = "near miss: the pairing in the other county ended (a transfer), and two cadres of one county",
	  data = { households = { h("H1", "450921001001"), h("H2", "450922101201"), h("H4", "450921002001") },
	           cadres = { c("A1", "450902197401119811"), c("B1", "450902197401119811"), c("C1", "450902197401119820"),
	                      c("C2", "450902197401119820") },
	           pairings = { p("A1", "H1"), p("B1", "H2", "2019-12-31"), p("C1", "H1"), p("C2", "H4") } },
	  expect = {} },
}
