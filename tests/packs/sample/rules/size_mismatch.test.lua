-- Tests of sample.size-mismatch: inline rows in the CSV contract.
local function h(id, size)
	return { id = id, village_code = "450921102201", size = size, status = "poor", registered_year = 2016 }
end
local function m(idn, hid, rel)
	return { id_number = idn, household_id = hid, name = "某", relation = rel or "head" }
end
return {
	{ name = "declared 3, two member rows; declared 1, one row",
	  data = { households = { h("H1", 3), h("H2", 1) },
	           members = { m("450921198001010011", "H1"), m("450921198001010022", "H1", "spouse"),
	                       m("450921198001010033", "H2") } },
	  expect = { { entity = "household:H1", message = "declared size 3, 2 member rows" } },
	  expect_not = { "household:H2" } },
	{ name = "a household without member rows",
	  data = { households = { h("H3", 2) } },
	  expect = { "household:H3" } },
}
