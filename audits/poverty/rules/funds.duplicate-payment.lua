-- funds.duplicate-payment: the same payment made again within the window.
local P = require "poverty"

return {
	id = "funds.duplicate-payment",
	title = "重复发放 / duplicate payment",
	category = "funds",
	severity = "high",
	entity = "payment",
	basis = "National Audit Office poverty-fund audit announcements: duplicate claims and payments (重复申领, 重复发放)",
	params = { duplicate_window_days = 30 },
	check = function(ctx, params)
		-- Within one (payee, purpose, amount), in (paid_date, id) order, a payment
		-- duplicates its predecessor when at most the window later.
		for r in ctx:rows([[
			SELECT * FROM (
			  SELECT p.id, p.payee_kind, p.payee_id, p.amount, p.paid_date, ]] .. P.purpose("p", "f") .. [[ AS purpose,
			         lag(p.id) OVER w AS prev_id, lag(p.paid_date) OVER w AS prev_date
			  FROM payments p LEFT JOIN funds f ON f.id = p.fund_id
			  WINDOW w AS (PARTITION BY p.payee_kind, p.payee_id, ]] .. P.purpose("p", "f") .. [[, p.amount
			               ORDER BY p.paid_date, p.id))
			WHERE prev_id IS NOT NULL AND julianday(paid_date) - julianday(prev_date) <= ?2
			ORDER BY id]], ctx.as_of, params.duplicate_window_days) do
			ctx:report {
				entity = "payment:" .. r.id,
				message = string.format("付款 %s (%s 向 %s %s 发放 %s, 用途 %s) 与付款 %s (%s) 重复 — same payee, purpose and amount paid again within %d days",
					r.id, r.paid_date, r.payee_kind, r.payee_id, P.yuan(r.amount), tostring(r.purpose), r.prev_id, r.prev_date,
					params.duplicate_window_days),
				evidence = { payment_id = r.id, duplicate_of = r.prev_id, payee_kind = r.payee_kind, payee_id = r.payee_id,
					amount = r.amount, purpose = r.purpose, paid_date = r.paid_date, previous_date = r.prev_date },
			}
		end
	end,
}
