-- funds.payee-deceased: payments to people after their death.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.payee-deceased",
	title = "向已死亡人员发放",
	title_en = "payment to a deceased person",
	category = "funds",
	severity = "high",
	entity = "payment",
	description = "a payment with payee_kind `person` is dated after the payee's death date",
	description_zh = "发放对象类型为个人（`person`）的发放，日期晚于该人员的死亡日期",
	basis = "National Audit Office poverty-fund audit announcements: payments to deceased people (向已死亡人员发放)",
	basis_zh = "审计署扶贫资金审计结果公告：向已死亡人员发放",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT p.id, p.payee_id, p.amount, p.paid_date, p.fund_id, d.death_date,
			       (SELECT name FROM members m WHERE m.id_number = p.payee_id ORDER BY m.household_id LIMIT 1) AS name
			FROM payments p JOIN (SELECT id_number, min(death_date) AS death_date FROM deaths GROUP BY id_number) d
			  ON d.id_number = p.payee_id
			WHERE p.payee_kind = 'person' AND p.paid_date > d.death_date
			ORDER BY p.id]]) do
			ctx:report {
				entity = "payment:" .. r.id,
				message = say.fmt("资金 %s 于 %s 向 %s 发放 %s, 其已于 %s 死亡",
					"fund %s: on %s paid to %s (%s), who died on %s",
					r.fund_id, r.paid_date, P.person(r.name, r.payee_id), P.yuan(r.amount), r.death_date),
				evidence = { payment_id = r.id, payee_id = r.payee_id, amount = r.amount, paid_date = r.paid_date,
					death_date = r.death_date },
			}
		end
	end,
}
