-- funds.duplicate-payment: the same payment made again within the window.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.duplicate-payment",
	title = "重复发放",
	title_en = "duplicate payment",
	category = "funds",
	severity = "high",
	entity = "payment",
	description = "another payment to the same payee (payee_kind, payee_id), same purpose and same amount is dated 0 to `duplicate_window_days` (30) days before it; the later payment is the finding, and on the same day the one with the greater id (text order)",
	description_zh = "发放给同一对象（`payee_kind`、`payee_id`）、用途相同、金额相同的另一笔发放，日期在本笔之前 0 至 `duplicate_window_days`（30）天内；以较晚的一笔为问题，同一天的以编号（按文本排序）较大的一笔为问题",
	basis = "National Audit Office poverty-fund audit announcements: duplicate claims and payments (重复申领, 重复发放)",
	basis_zh = "审计署扶贫资金审计结果公告：重复申领、重复发放",
	params = { duplicate_window_days = { type = "integer", default = 30, unit = "days" } },
	check = function(ctx, params)
		-- A payment is a finding when an earlier one (by date, then id) to the
		-- same payee with the same amount and purpose lies within the window.
		-- Only payees paid one amount more than once can have one: those groups
		-- come from the covering index payments(payee_kind, payee_id, amount,
		-- ...) without a sort, and only their payments are probed; purposes are
		-- looked up only for the few same-amount neighbours.
		local purpose = P.purpose
		local earlier = [[
			FROM payments q
			WHERE q.payee_kind = p.payee_kind AND q.payee_id = p.payee_id AND q.amount = p.amount
			  AND q.paid_date <= p.paid_date AND q.paid_date >= date(p.paid_date, '-' || ?1 || ' days')
			  AND (q.paid_date < p.paid_date OR q.id < p.id)
			  AND ]] .. purpose("q") .. " IS " .. purpose("p")
		for r in ctx:rows([[
			WITH g AS MATERIALIZED (
				SELECT payee_kind, payee_id, amount FROM payments GROUP BY payee_kind, payee_id, amount HAVING count(*) > 1)
			SELECT p.id, p.payee_kind, p.payee_id, p.amount, p.paid_date, ]] .. purpose("p") .. [[ AS purpose,
			       (SELECT q.id ]] .. earlier .. [[ ORDER BY q.paid_date DESC, q.id DESC LIMIT 1) AS prev_id,
			       (SELECT q.paid_date ]] .. earlier .. [[ ORDER BY q.paid_date DESC, q.id DESC LIMIT 1) AS prev_date
			FROM g CROSS JOIN payments p ON p.payee_kind = g.payee_kind AND p.payee_id = g.payee_id AND p.amount = g.amount
			WHERE EXISTS (SELECT 1 ]] .. earlier .. [[)
			ORDER BY p.id]], params.duplicate_window_days) do
			ctx:report {
				entity = "payment:" .. r.id,
				message = say.fmt("付款 %s (%s 向%s %s 发放 %s, 用途 %s) 与付款 %s (%s) 重复",
					"payment %s (%s, to %s %s, %s for %s) repeats payment %s (%s): same payee, purpose and amount within %d days",
					r.id, r.paid_date, P.term("payee_kind", r.payee_kind), r.payee_id, P.yuan(r.amount),
					P.term("purpose", r.purpose), r.prev_id, r.prev_date, params.duplicate_window_days),
				evidence = { payment_id = r.id, duplicate_of = r.prev_id, payee_kind = r.payee_kind, payee_id = r.payee_id,
					amount = r.amount, purpose = r.purpose, paid_date = r.paid_date, previous_date = r.prev_date },
			}
		end
	end,
}
