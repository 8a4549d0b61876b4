-- funds.shared-account: one bank account receiving money for several payees.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.shared-account",
	title = "多个对象共用一个账户",
	title_en = "one account for several payees",
	category = "funds",
	severity = "high",
	entity = "account",
	description = "one bank account receives household or person payments for more than one payee",
	description_zh = "同一银行账户收取了一个以上对象的户或个人发放款",
	basis = "National Audit Office poverty-fund audit announcements: funds collected into one account "
		.. "(集中冒领, 一卡多户)",
	basis_zh = "审计署扶贫资金审计结果公告：资金集中到一个账户（集中冒领、一卡多户）",
	params = { max_listed = 5 },
	check = function(ctx, params)
		-- Accounts with two payees are found on the covering index
		-- payments(bank_account, ..., payee_kind, payee_id) without a sort (the
		-- unary + keeps SQLite off the payee index; two
		-- distinct (kind, id) pairs: the kinds or the ids differ); only those
		-- few accounts are then counted, their payees listed in the order they
		-- were first paid (storage order).
		for r in ctx:rows([[
			WITH a AS MATERIALIZED (
				SELECT bank_account FROM payments
				WHERE +payee_kind IN ('household','person') AND bank_account IS NOT NULL
				GROUP BY bank_account HAVING min(payee_kind) < max(payee_kind) OR min(payee_id) < max(payee_id))
			SELECT a.bank_account, count(DISTINCT p.payee_kind || ':' || p.payee_id) AS n, count(*) AS payments,
			       sum(p.amount) AS total,
			       (SELECT group_concat(x) FROM (SELECT q.payee_kind || ' ' || q.payee_id AS x FROM payments q
			         WHERE q.bank_account = a.bank_account AND q.payee_kind IN ('household','person')
			         GROUP BY x ORDER BY min(q.rowid))) AS payees
			FROM a CROSS JOIN payments p ON p.bank_account = a.bank_account
			WHERE p.payee_kind IN ('household','person')
			GROUP BY a.bank_account ORDER BY a.bank_account]]) do
			local list = {}
			for s in r.payees:gmatch("[^,]+") do
				local kind, id = s:match("^(%S+) (.*)$")
				if #list < params.max_listed then list[#list + 1] = P.term("payee_kind", kind) .. " " .. id end
			end
			ctx:report {
				entity = "account:" .. r.bank_account,
				message = say.fmt("账户 %s 收到 %d 个对象的 %d 笔款项共 %s: %s%s",
					"account %s receives payments for %d payees, %d payments of %s in all: %s%s",
					r.bank_account, r.n, r.payments, P.yuan(r.total), say.join(list, say.text("、", ", ")),
					r.n > #list and say.text("等", ", ...") or ""),
				evidence = { account = r.bank_account, payees = r.n, payments = r.payments, total = r.total },
			}
		end
	end,
}
