-- Tests of funds.payee-deceased.
local function pay(id, kind, payee, d) return { id = id, fund_id = "F1", payee_kind = kind, payee_id = payee, amount = 1000, paid_date = d } end
return {
	{ name = "paid the day after death",
	  data = { deaths = { { id_number = "450902198001010019", death_date = "2019-05-01" } },
	           payments = { pay("P1", "person", "450902198001010019", "2019-05-02") } },
	  expect = { "payment:P1" } },
	{ name = "paid on the death day; household payee with that id: no finding",
	  data = { deaths = { { id_number = "450902198001010019", death_date = "2019-05-01" } },
	           payments = { pay("P1", "person", "450902198001010019", "2019-05-01"), pay("P2", "household", "450902198001010019", "2019-06-01") } },
	  expect = {} },
}
