-- funds.cadre-account: payments credited to a cadre's own account.
local P = require "poverty"

return {
	id = "funds.cadre-account",
	title = "资金打入干部账户 / payment into a cadre's account",
	category = "funds",
	severity = "high",
	entity = "payment",
	description = "a payment is credited to the bank account of a cadre",
	basis = "National Audit Office poverty-fund audit announcements: funds diverted by officials (截留挪用, 优亲厚友)",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT p.id, p.fund_id, p.payee_kind, p.payee_id, p.amount, p.paid_date, p.bank_account,
			       min(c.id) AS cadre_id, min(c.name) AS cadre_name
			FROM cadres c CROSS JOIN payments p ON p.bank_account = c.bank_account  -- few cadres: probe the index
			WHERE c.bank_account IS NOT NULL
			GROUP BY p.id ORDER BY p.id]]) do
			ctx:report {
				entity = "payment:" .. r.id,
				message = string.format("付款 %s (%s 发放 %s 给 %s %s) 打入帮扶干部 %s %s 的账户 %s — credited to a cadre's bank account",
					r.id, r.paid_date, P.yuan(r.amount), r.payee_kind, r.payee_id, r.cadre_id, r.cadre_name, r.bank_account),
				evidence = { payment_id = r.id, account = r.bank_account, cadre_id = r.cadre_id, amount = r.amount },
			}
		end
	end,
}
