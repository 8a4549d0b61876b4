-- funds.loan-enterprise: micro-loans lent on to enterprises (户贷企用).
local P = require "poverty"
local say = require "say"

return {
	id = "funds.loan-enterprise",
	title = "户贷企用",
	title_en = "micro-loan used by an enterprise",
	category = "funds",
	severity = "medium",
	entity = "loan",
	description = "use is `enterprise` (户贷企用)",
	description_zh = "贷款用途为户贷企用（`enterprise`）",
	basis = "2019 notice on poverty micro-credit: households borrow and use the loan themselves; "
		.. "户贷企用 is stopped",
	basis_zh = "2019 年关于扶贫小额信贷的通知：贷款由贫困户自借自用；制止户贷企用",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT l.id, l.borrower_id_number, l.amount, l.issue_date,
			       (SELECT name FROM members m WHERE m.id_number = l.borrower_id_number ORDER BY m.household_id LIMIT 1) AS name
			FROM loans l WHERE l.use = 'enterprise' ORDER BY l.id]]) do
			ctx:report {
				entity = "loan:" .. r.id,
				message = say.fmt("贷款 %s (%s 发放 %s, 借款人 %s) 为户贷企用",
					"loan %s (%s, %s, borrower %s) is used by an enterprise",
					r.id, r.issue_date, P.yuan(r.amount), P.person(r.name, r.borrower_id_number)),
				evidence = { loan_id = r.id, borrower = r.borrower_id_number, amount = r.amount },
			}
		end
	end,
}
