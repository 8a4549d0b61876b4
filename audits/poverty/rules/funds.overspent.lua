-- funds.overspent: payments under a fund adding up to more than the fund.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.overspent",
	title = "资金超支",
	title_en = "payments exceed the fund",
	category = "funds",
	severity = "high",
	entity = "fund",
	description = "payments under the fund add up to more than its amount",
	description_zh = "一项资金下的发放合计超过该项资金的金额",
	basis = "National Audit Office poverty-fund audit announcements: false claims and payments beyond the "
		.. "allocation (虚报冒领, 超额拨付)",
	basis_zh = "审计署扶贫资金审计结果公告：虚报冒领、超额拨付",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT f.id, f.purpose, f.amount, s.paid, s.n FROM funds f
			JOIN (SELECT fund_id, sum(amount) AS paid, count(*) AS n FROM payments GROUP BY fund_id) s
			  ON s.fund_id = f.id
			WHERE s.paid > f.amount ORDER BY f.id]]) do
			ctx:report {
				entity = "fund:" .. r.id,
				message = say.fmt("资金 %s (%s) 金额 %s, %d 笔付款共 %s, 超支 %s",
					"fund %s (%s) of %s: %d payments add up to %s, %s more than the fund",
					r.id, P.term("purpose", r.purpose), P.yuan(r.amount), r.n, P.yuan(r.paid), P.yuan(r.paid - r.amount)),
				evidence = { fund_id = r.id, amount = r.amount, paid = r.paid, payments = r.n },
			}
		end
	end,
}
