-- Tests of funds.duplicate-payment.
local function pay(id, payee, amt, d, purpose, fund) return { id = id, fund_id = fund or "F1", payee_kind = "household", payee_id = payee, amount = amt, paid_date = d, purpose = purpose } end
local funds = { { id = "F1", purpose = "industry", amount = 100000, allocated_date = "2019-01-01" },
                { id = "F2", purpose = "housing", amount = 100000, allocated_date = "2019-01-01" } }
return {
	{ name = "30 days apart; same day (greater id is the finding); own purpose equal to the fund's",
	  data = { funds = funds, payments = { pay("P1", "H1", 1000, "2019-05-01"), pay("P2", "H1", 1000, "2019-05-31"),
	                                       pay("P4", "H2", 2000, "2019-05-01"), pay("P3", "H2", 2000, "2019-05-01"),
	                                       pay("P5", "H3", 500, "2019-05-01", nil, "F1"), pay("P6", "H3", 500, "2019-05-10", "industry", "F2") } },
	  expect = { { entity = "payment:P2", message = "付款 P2 (2019-05-31 向户 H1 发放 1,000 元, 用途 产业扶持) 与付款 P1 (2019-05-01) 重复",
	               message_en = "payment P2 (2019-05-31, to household H1, 1,000 yuan for industry support) repeats payment P1" },
	             { entity = "payment:P4", message = "与付款 P3 (2019-05-01) 重复" }, "payment:P6" } },
	{ name = "31 days apart; other amount; other purpose; other payee: no finding",
	  data = { funds = funds, payments = { pay("P1", "H1", 1000, "2019-05-01"), pay("P2", "H1", 1000, "2019-06-01"),
	                                       pay("P3", "H2", 1000, "2019-05-01"), pay("P4", "H2", 1000.01, "2019-05-02"),
	                                       pay("P5", "H3", 1000, "2019-05-01", nil, "F1"), pay("P6", "H3", 1000, "2019-05-02", nil, "F2"),
	                                       pay("P7", "H4", 1000, "2019-05-01"), pay("P8", "H5", 1000, "2019-05-01") } },
	  expect = {} },
}
