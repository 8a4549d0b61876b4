-- funds.split-payment: same-day payments to one account split below the approval threshold.
local P = require "poverty"

return {
	id = "funds.split-payment",
	title = "拆分支付规避审批 / split payments below the approval threshold",
	category = "funds",
	severity = "medium",
	entity = "account",
	description = "on one day, one account receives two or more payments each below `approval_threshold` (5000) that together reach it",
	basis = "fund management rules requiring approval above a threshold; National Audit Office findings of "
		.. "split payments (化整为零, 拆分支付)",
	params = { approval_threshold = { type = "money", default = 5000, doc = "payments below it need no approval" } },
	check = function(ctx, params)
		local limit = params.approval_threshold
		local c = P.collector(ctx, function(e, f)
			return string.format("账户 %s 单日收到多笔低于审批额 %s 的款项: ", f.bank_account, P.yuan(limit))
		end, "same-day payments each below the approval threshold together reach it")
		for r in ctx:rows([[
			SELECT bank_account, paid_date, count(*) AS n, sum(amount) AS total, group_concat(id, char(10)) AS ids
			FROM payments NOT INDEXED WHERE bank_account IS NOT NULL AND amount < ?2
			GROUP BY bank_account, paid_date HAVING count(*) >= 2 AND sum(amount) >= ?2
			ORDER BY bank_account, paid_date]], ctx.as_of, limit) do
			local ids = {}
			for id in r.ids:gmatch("[^\n]+") do ids[#ids + 1] = id end
			table.sort(ids)
			r.ids = table.concat(ids, ", ")
			c.add("account:" .. r.bank_account,
				string.format("%s %d 笔 (%s) 共 %s", r.paid_date, r.n, r.ids, P.yuan(r.total)), r)
		end
		c.flush()
	end,
}
