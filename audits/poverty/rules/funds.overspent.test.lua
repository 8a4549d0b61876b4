-- Tests of funds.overspent.
local function f(id, amt) return { id = id, purpose = "industry", amount = amt, allocated_date = "2019-01-01" } end
local function pay(id, fund, amt) return { id = id, fund_id = fund, payee_kind = "project", payee_id = "X", amount = amt, paid_date = "2019-10-01" } end
return {
	{ name = "paid one fen over",
	  data = { funds = { f("F1", 10000) }, payments = { pay("P1", "F1", 6000), pay("P2", "F1", 4000.01) } },
	  expect = { "fund:F1" } },
	{ name = "paid exactly the amount: no finding",
	  data = { funds = { f("F1", 10000) }, payments = { pay("P1", "F1", 6000), pay("P2", "F1", 4000) } },
	  expect = {} },
}
