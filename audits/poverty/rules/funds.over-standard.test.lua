-- Tests of funds.over-standard.
local function pay(id, payee, amt, d, purpose, fund) return { id = id, fund_id = fund or "F1", payee_kind = "household", payee_id = payee, amount = amt, paid_date = d, purpose = purpose } end
local funds = { { id = "F1", purpose = "industry", amount = 100000, allocated_date = "2019-01-01" },
                { id = "F2", purpose = "housing", amount = 100000, allocated_date = "2019-01-01" } }
return {
	{ name = "5,000.01 in one year; industry by the payment's own purpose",
	  data = { funds = funds, payments = { pay("P1", "H1", 3000, "2019-03-01"), pay("P2", "H1", 2000.01, "2019-11-01"),
	                                       pay("P3", "H2", 6000, "2019-03-01", "industry", "F2") } },
	  expect = { "household:H1", "household:H2" } },
	{ name = "exactly 5,000; split over two years; housing: no finding",
	  data = { funds = funds, payments = { pay("P1", "H1", 3000, "2019-03-01"), pay("P2", "H1", 2000, "2019-11-01"),
	                                       pay("P3", "H2", 4000, "2019-12-31"), pay("P4", "H2", 4000, "2020-01-01"),
	                                       pay("P5", "H3", 9000, "2019-03-01", nil, "F2"), pay("P6", "H4", 9000, "2019-03-01", "housing", "F1") } },
	  expect = {} },
}
