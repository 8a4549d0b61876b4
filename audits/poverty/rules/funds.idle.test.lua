-- Tests of funds.idle (as_of 2020-06-30; 366 days before is 2019-06-30).
local function f(id, amt, d) return { id = id, purpose = "industry", amount = amt, allocated_date = d } end
local function pay(id, fund, amt, d) return { id = id, fund_id = fund, payee_kind = "project", payee_id = "X", amount = amt, paid_date = d or "2019-10-01" } end
return {
	{ name = "20.01% unpaid 366 days on; nothing paid; payment after as_of does not count",
	  data = { funds = { f("F1", 100000, "2019-06-29"), f("F2", 50000, "2018-01-01"), f("F3", 10000, "2019-01-01") },
	           payments = { pay("P1", "F1", 79990), pay("P2", "F3", 10000, "2020-07-01") } },
	  expect = { { entity = "fund:F1", message = "未支付 20,010 元 (20.0%)" }, "fund:F2", "fund:F3" } },
	{ name = "exactly 20% unpaid; exactly 365 days: no finding",
	  data = { funds = { f("F1", 100000, "2019-01-01"), f("F2", 100000, "2019-07-01") },
	           payments = { pay("P1", "F1", 80000) } },
	  expect = {} },
}
