-- Tests of sample.big-household: params override the rule default; the
-- small fixture registry as the base.
return {
	fixture = "../../../fixtures/small",
	cases = {
		{ name = "nothing above the default 6", expect = {} },
		{ name = "max_size = 2 finds the households of 3 and 4",
		  params = { max_size = 2 },
		  expect = { "household:H001", { entity = "household:H003", severity = "low" } } },
		{ name = "a household added inline on top of the fixture",
		  data = { households = { { id = "H9", village_code = "450921102201", size = 9, status = "poor",
		                            registered_year = 2016 } } },
		  expect = { "household:H9" } },
	},
}
