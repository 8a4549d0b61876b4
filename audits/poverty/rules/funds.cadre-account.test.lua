-- Tests of funds.cadre-account.
local function pay(id, acct) return { id = id, fund_id = "F1", payee_kind = "household", payee_id = "H1", amount = 1000, paid_date = "2019-05-01", bank_account = acct } end
local cadres = { { id = "C1", name = "黄某", rank = "staff", bank_account = "6228001" }, { id = "C2", name = "李某", rank = "staff" } }
return {
	{ name = "credited to a cadre's account",
	  data = { cadres = cadres, payments = { pay("P1", "6228001") } },
	  expect = { "payment:P1" } },
	{ name = "another account; no account: no finding",
	  data = { cadres = cadres, payments = { pay("P1", "6228002"), pay("P2", nil) } },
	  expect = {} },
}
