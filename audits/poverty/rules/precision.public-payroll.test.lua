-- Tests of precision.public-payroll.
local function h(id, st) return { id = id, village_code = "450902001001", size = 2, status = st, registered_year = 2015 } end
local function m(id, hid, rel) return { id_number = id, household_id = hid, name = "韦某某", relation = rel or "head" } end
return {
	{ name = "two members on payroll, one finding naming both",
	  data = { households = { h("H1", "poor") },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H1", "spouse") },
	           public_payroll = { { id_number = "450902198001010019", employer = "某镇卫生院", start_date = "2018-01-01" },
	                              { id_number = "450902198001010027", employer = "某小学", start_date = "2020-06-30", end_date = "2020-06-30" } } },
	  expect = { { entity = "household:H1", message = "户主 韦某某 (450902198001010019) 在 某镇卫生院 财政供养 (自 2018-01-01); 成员 韦某某 (450902198001010027) 在 某小学 财政供养" } } },
	{ name = "payroll ended before as_of, starts after it, household removed: no finding",
	  data = { households = { h("H1", "poor"), h("H2", "removed") },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H1", "spouse"), m("450902198506150033", "H2") },
	           public_payroll = { { id_number = "450902198001010019", employer = "某小学", start_date = "2015-01-01", end_date = "2020-06-29" },
	                              { id_number = "450902198001010027", employer = "某小学", start_date = "2020-07-01" },
	                              { id_number = "450902198506150033", employer = "某小学", start_date = "2015-01-01" } } },
	  expect = {} },
}
