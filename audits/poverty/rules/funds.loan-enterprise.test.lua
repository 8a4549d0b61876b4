-- Tests of funds.loan-enterprise.
local function l(id, use) return { id = id, borrower_id_number = "450902198001010019", amount = 50000, issue_date = "2019-03-01", term_months = 36, use = use } end
return {
	{ name = "户贷企用",
	  data = { loans = { l("L1", "enterprise") } },
	  expect = { "loan:L1" } },
	{ name = "household use; use unknown: no finding",
	  data = { loans = { l("L1", "household"), l("L2", nil) } },
	  expect = {} },
}
