-- funds.cadre-account: payments credited to a cadre's own account.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.cadre-account",
	title = "资金打入干部账户",
	title_en = "payment into a cadre's account",
	category = "funds",
	severity = "high",
	entity = "payment",
	description = "a payment is credited to the bank account of a cadre",
	description_zh = "一笔发放打入了帮扶干部的银行账户",
	basis = "National Audit Office poverty-fund audit announcements: funds diverted by officials (截留挪用, 优亲厚友)",
	basis_zh = "审计署扶贫资金审计结果公告：干部截留挪用、优亲厚友",
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
				message = say.fmt("付款 %s (%s 发放 %s 给 %s %s) 打入%s的账户 %s",
					"payment %s (%s, %s to %s %s) was credited to the account of %s, %s",
					r.id, r.paid_date, P.yuan(r.amount), P.term("payee_kind", r.payee_kind), r.payee_id,
					P.cadre(r.cadre_id, r.cadre_name), r.bank_account),
				evidence = { payment_id = r.id, account = r.bank_account, cadre_id = r.cadre_id, amount = r.amount },
			}
		end
	end,
}
