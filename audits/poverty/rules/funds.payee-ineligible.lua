-- funds.payee-ineligible: household payments to no household or to a removed one.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.payee-ineligible",
	title = "资金发放对象不符",
	title_en = "payment to an ineligible household",
	category = "funds",
	severity = "high",
	entity = "payment",
	description = "a payment with payee_kind `household` goes to an id that is not a household, or to a household with status `removed` whose exit_year ≤ the payment's year",
	description_zh = "发放对象类型为户（`household`）的发放，对象编号不是在册的户，或是退出年份不晚于发放年份的已剔除（`removed`）户",
	basis = "National Audit Office poverty-fund audit announcements 2013-2019: payments to the ineligible "
		.. "(向不符合条件对象发放)",
	basis_zh = "审计署 2013—2019 年扶贫资金审计结果公告：向不符合条件对象发放",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT p.id, p.payee_id, p.amount, p.paid_date, p.fund_id, h.id AS hid, h.status, h.exit_year
			FROM payments p LEFT JOIN households h ON h.id = p.payee_id
			WHERE p.payee_kind = 'household'
			  AND (h.id IS NULL OR (h.status = 'removed' AND h.exit_year <= CAST(substr(p.paid_date, 1, 4) AS INTEGER)))
			ORDER BY p.id]]) do
			local why
			if r.hid == nil then
				why = say.fmt("户 %s, 该户不存在", "household %s, which does not exist", r.payee_id)
			else
				why = say.fmt("户 %s, 该户已于 %d 年剔除", "household %s, removed in %d", r.payee_id, r.exit_year)
			end
			ctx:report {
				entity = "payment:" .. r.id,
				message = say.fmt("资金 %s 发放 %s 于 %s 给 %s", "fund %s paid %s on %s to %s", r.fund_id, P.yuan(r.amount),
					r.paid_date, why),
				evidence = { payment_id = r.id, payee_id = r.payee_id, amount = r.amount, paid_date = r.paid_date,
					status = r.status, exit_year = r.exit_year },
			}
		end
	end,
}
