-- funds.split-payment: same-day payments to one account split below the approval threshold.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.split-payment",
	title = "拆分支付规避审批",
	title_en = "split payments below the approval threshold",
	category = "funds",
	severity = "medium",
	entity = "account",
	description = "on one day, one account receives two or more payments each below `approval_threshold` (5000) that together reach it",
	description_zh = "同一天同一账户收到两笔或以上、每笔低于 `approval_threshold`（5000 元）但合计达到该金额的发放",
	basis = "fund management rules requiring approval above a threshold; National Audit Office findings of "
		.. "split payments (化整为零, 拆分支付)",
	basis_zh = "资金管理办法规定超过限额须经审批；审计署发现的化整为零、拆分支付问题",
	params = { approval_threshold = { type = "money", default = 5000, doc = "payments below it need no approval", doc_zh = "低于此金额的发放无须审批" } },
	check = function(ctx, params)
		local limit = params.approval_threshold
		local c = P.collector(ctx, function(e, f)
			return say.fmt("账户 %s 单日收到多笔低于审批额 %s 的款项, 合计达到审批额: ",
				"account %s received several payments on one day, each below the approval threshold %s, together reaching it: ",
				f.bank_account, P.yuan(limit))
		end)
		-- The days are found on the covering index payments(bank_account,
		-- paid_date, amount, ...) without a sort; the ids only for those days.
		for r in ctx:rows([[
			WITH g AS MATERIALIZED (
				SELECT bank_account, paid_date, count(*) AS n, sum(amount) AS total FROM payments
				WHERE bank_account IS NOT NULL AND amount < ?2
				GROUP BY bank_account, paid_date HAVING count(*) >= 2 AND sum(amount) >= ?2)
			SELECT bank_account, paid_date, n, total,
			       (SELECT group_concat(q.id, char(10)) FROM payments q
			        WHERE q.bank_account = g.bank_account AND q.paid_date = g.paid_date AND q.amount < ?2) AS ids
			FROM g ORDER BY bank_account, paid_date]], ctx.as_of, limit) do
			local ids = {}
			for id in r.ids:gmatch("[^\n]+") do ids[#ids + 1] = id end
			table.sort(ids)
			r.ids = table.concat(ids, ", ")
			c.add("account:" .. r.bank_account,
				say.fmt("%s %d 笔 (%s) 共 %s", "%s %d payments (%s), %s in all", r.paid_date, r.n, r.ids, P.yuan(r.total)), r)
		end
		c.flush()
	end,
}
