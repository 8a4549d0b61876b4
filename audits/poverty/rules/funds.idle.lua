-- funds.idle: funds largely unpaid more than a year after allocation.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.idle",
	title = "资金闲置",
	title_en = "idle fund",
	category = "funds",
	severity = "medium",
	entity = "fund",
	description = "more than `idle_share` (20%) of the fund is unpaid more than `idle_days` (365) days after allocated_date (as of `as_of`)",
	description_zh = "资金下达日期（`allocated_date`）之后超过 `idle_days`（365）天（截至 `as_of`），仍有超过 `idle_share`（20%）的资金未拨付",
	basis = "National Audit Office poverty-fund audit announcements 2013-2019: funds idle for over a year (闲置一年以上)",
	basis_zh = "审计署 2013—2019 年扶贫资金审计结果公告：资金闲置一年以上",
	params = { idle_share = 0.2, idle_days = 365 },
	check = function(ctx, params)
		-- unpaid > share * amount, exactly: unpaid * 10000 > round(share * 10000) * amount.
		local bp = math.floor(tonumber(params.idle_share) * 10000 + 0.5)
		for r in ctx:rows([[
			SELECT f.id, f.purpose, f.amount, f.allocated_date, f.holder,
			       CAST(julianday(?1) - julianday(f.allocated_date) AS INTEGER) AS days,
			       coalesce((SELECT sum(p.amount) FROM payments p WHERE p.fund_id = f.id AND p.paid_date <= ?1), 0) AS paid
			FROM funds f
			WHERE julianday(?1) - julianday(f.allocated_date) > ?2
			ORDER BY f.id]], ctx.as_of, params.idle_days) do
			local unpaid = r.amount - r.paid
			if unpaid * 10000 > bp * r.amount then
				ctx:report {
					entity = "fund:" .. r.id,
					message = say.fmt("资金 %s (%s%s) %s 下达 %s, 至 %s 已 %d 天, 未支付 %s (%.1f%%)",
						"fund %s (%s%s) allocated on %s: %s; on %s, %d days later, %s (%.1f%%) is unpaid",
						r.id, P.term("purpose", r.purpose), r.holder and (", " .. r.holder) or "", r.allocated_date,
						P.yuan(r.amount), ctx.as_of, r.days, P.yuan(unpaid), 100 * unpaid / r.amount),
					evidence = { fund_id = r.id, amount = r.amount, paid = r.paid, unpaid = unpaid, days = r.days },
				}
			end
		end
	end,
}
