-- funds.shared-account: one bank account receiving money for several payees.
local P = require "poverty"

return {
	id = "funds.shared-account",
	title = "多个对象共用一个账户 / one account for several payees",
	category = "funds",
	severity = "high",
	entity = "account",
	description = "one bank account receives household or person payments for more than one payee",
	basis = "National Audit Office poverty-fund audit announcements: funds collected into one account "
		.. "(集中冒领, 一卡多户)",
	params = { max_listed = 5 },
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT bank_account, count(DISTINCT payee_kind || ':' || payee_id) AS n, count(*) AS payments,
			       sum(amount) AS total,
			       group_concat(DISTINCT payee_kind || ' ' || payee_id) AS payees
			FROM payments NOT INDEXED
			WHERE payee_kind IN ('household','person') AND bank_account IS NOT NULL
			GROUP BY bank_account HAVING count(DISTINCT payee_kind || ':' || payee_id) > 1
			ORDER BY bank_account]]) do
			local list = {}
			for s in r.payees:gmatch("[^,]+") do
				if #list < params.max_listed then list[#list + 1] = s end
			end
			ctx:report {
				entity = "account:" .. r.bank_account,
				message = string.format("账户 %s 收到 %d 个对象的 %d 笔款项共 %s: %s%s — one account receives payments for %d payees",
					r.bank_account, r.n, r.payments, P.yuan(r.total), table.concat(list, ", "),
					r.n > #list and ", ..." or "", r.n),
				evidence = { account = r.bank_account, payees = r.n, payments = r.payments, total = r.total },
			}
		end
	end,
}
