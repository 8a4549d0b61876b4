-- Tests of funds.split-payment.
local function pay(id, acct, amt, d) return { id = id, fund_id = "F1", payee_kind = "household", payee_id = "H1", amount = amt, paid_date = d or "2019-05-01", bank_account = acct } end
return {
	{ name = "2,500 + 2,500 on one day; three small ones",
	  data = { payments = { pay("P1", "A1", 2500), pay("P2", "A1", 2500), pay("P3", "A2", 1000), pay("P4", "A2", 2000), pay("P5", "A2", 2000) } },
	  expect = { "account:A1", "account:A2" } },
	{ name = "together 4,999.99; one payment exactly at the threshold; two days: no finding",
	  data = { payments = { pay("P1", "A1", 2500), pay("P2", "A1", 2499.99), pay("P3", "A2", 5000), pay("P4", "A2", 100),
	                        pay("P5", "A3", 4000, "2019-05-01"), pay("P6", "A3", 4000, "2019-05-02") } },
	  expect = {} },
}
