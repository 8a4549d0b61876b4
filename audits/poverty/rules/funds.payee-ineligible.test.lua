-- Tests of funds.payee-ineligible.
local function h(id, st, y) return { id = id, village_code = "450902001001", size = 1, status = st, registered_year = 2015, exit_year = y } end
local function pay(id, kind, payee, d) return { id = id, fund_id = "F1", payee_kind = kind, payee_id = payee, amount = 1000, paid_date = d } end
return {
	{ name = "to no household; to a household removed in the payment's year",
	  data = { households = { h("H2", "removed", 2019) },
	           payments = { pay("P1", "household", "H9", "2019-05-01"), pay("P2", "household", "H2", "2019-05-01") } },
	  expect = { "payment:P1", "payment:P2" } },
	{ name = "paid the year before removal; to an exited household; person payee not a household: no finding",
	  data = { households = { h("H2", "removed", 2019), h("H3", "exited", 2018) },
	           payments = { pay("P1", "household", "H2", "2018-12-31"), pay("P2", "household", "H3", "2019-05-01"),
	                        pay("P3", "person", "450902198001010019", "2019-05-01") } },
	  expect = {} },
}
