-- Tests of data.rejected-row: the case's rows are imported as huikan import
-- --keep-going does (keep_going = true): rows that break the contract are
-- kept aside in import_rejects, and the rule reports them.
local function h(id) return { id = id, village_code = "450902001001", size = 1, status = "poor", registered_year = 2015 } end
local function m(id, hid, birth, sex) return { id_number = id, household_id = hid, name = "韦某某", relation = "head", birth_date = birth, sex = sex } end
return {
	{ name = "a date that does not exist and an unknown code: the row's household",
	  keep_going = true,
	  data = { households = { h("H1"), h("H2") },
	           members = { m("450902198001010019", "H1", "1980-02-30", "M"), m("450902198001010027", "H2", "1980-01-01", "X"),
	                       m("450902198001010035", "H2", "1980-01-01", "M") } },
	  expect = { "household:H1", "household:H2" } },
	{ name = "an ID number Excel turned into a number: person key unreadable, the row",
	  keep_going = true,
	  data = { deaths = { { id_number = "4.50902E+17", death_date = "2019-01-01" } } },
	  expect = { "row:deaths:2" } },
	{ name = "the household's own id damaged: the row, not a household",
	  keep_going = true,
	  data = { households = { { id = "", village_code = "450902001001", size = 1, status = "poor", registered_year = 2015 } } },
	  expect = { "row:households:2" }, exact = true },
	{ name = "every row valid: nothing kept aside, no finding",
	  keep_going = true,
	  data = { households = { h("H1") }, members = { m("450902198001010019", "H1", "1980-02-28", "M") } },
	  expect = {} },
	{ name = "imported without keep-going: no import_rejects, no finding",
	  data = { households = { h("H1") } },
	  expect = {} },
}
