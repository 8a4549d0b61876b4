-- Tests of funds.loan-terms.
local function l(id, b, amt, months, d) return { id = id, borrower_id_number = b, amount = amt, issue_date = d or "2019-03-01", term_months = months } end
return {
	{ name = "50,000.01; 37 months; aged 16 and 66 at issue (from the ID number)",
	  data = { loans = { l("L1", "450902198001010019", 50000.01, 36), l("L2", "450902198001010019", 50000, 37),
	                     l("L3", "450902200206300108", 10000, 12, "2019-06-29"), l("L4", "450902195001010066", 10000, 12, "2016-01-01") } },
	  expect = { { entity = "loan:L1", message = "金额 50,000.01 元 超过 50,000 元" }, { entity = "loan:L2", message = "期限 37 个月超过 36 个月" },
	             { entity = "loan:L3", message = "借款人发放时 16 岁" }, { entity = "loan:L4", message = "借款人发放时 66 岁" } } },
	{ name = "exactly 50,000 and 36 months; aged 18 and 65; age from birth_date first: no finding",
	  data = { members = { { id_number = "450902195001010066", household_id = "H1", name = "韦某某", relation = "head", birth_date = "1960-01-01" } },
	           loans = { l("L1", "450902198001010019", 50000, 36), l("L2", "450902200206300108", 10000, 12, "2020-06-30"),
	                     l("L3", "450902195001010066", 10000, 12, "2015-12-31"), l("L4", "450902195001010066", 10000, 12, "2019-03-01") } },
	  expect = {} },
}
