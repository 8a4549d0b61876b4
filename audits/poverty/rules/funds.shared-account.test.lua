-- Tests of funds.shared-account.
local function pay(id, kind, payee, acct) return { id = id, fund_id = "F1", payee_kind = kind, payee_id = payee, amount = 1000, paid_date = "2019-05-01", bank_account = acct } end
return {
	{ name = "two households into one account; a household and a person",
	  data = { payments = { pay("P1", "household", "H1", "6217001"), pay("P2", "household", "H2", "6217001"),
	                        pay("P3", "household", "H3", "6217002"), pay("P4", "person", "450902198001010019", "6217002") } },
	  expect = { "account:6217001", "account:6217002" } },
	{ name = "one payee several times; projects and cooperatives sharing: no finding",
	  data = { payments = { pay("P1", "household", "H1", "6217001"), pay("P2", "household", "H1", "6217001"),
	                        pay("P3", "project", "X1", "6217002"), pay("P4", "cooperative", "某合作社", "6217002"),
	                        pay("P5", "household", "H5", nil), pay("P6", "household", "H6", nil) } },
	  expect = {} },
}
