-- funds.loan-ineligible: micro-loans to people not registered in the year of issue.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.loan-ineligible",
	title = "小额信贷对象不符",
	title_en = "micro-loan to a non-registered borrower",
	category = "funds",
	severity = "high",
	entity = "loan",
	description = "the borrower is not, in the year of issue, a member of a household with registered_year ≤ that year that is not `removed` with exit_year ≤ that year",
	description_zh = "借款人在放款当年不是建档立卡户的成员（该户建档年份不晚于当年，且不是退出年份不晚于当年的已剔除（`removed`）户）",
	basis = "2019 notice on poverty micro-credit (关于进一步规范和完善扶贫小额信贷管理的通知): "
		.. "loans go to registered poor households",
	basis_zh = "2019 年《关于进一步规范和完善扶贫小额信贷管理的通知》：扶贫小额信贷只发放给建档立卡贫困户",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT l.id, l.borrower_id_number, l.amount, l.issue_date, l.household_id,
			       (SELECT name FROM members m WHERE m.id_number = l.borrower_id_number ORDER BY m.household_id LIMIT 1) AS name
			FROM loans l
			WHERE NOT EXISTS (
			  SELECT 1 FROM members m JOIN households h ON h.id = m.household_id
			  WHERE m.id_number = l.borrower_id_number
			    AND h.registered_year <= CAST(substr(l.issue_date, 1, 4) AS INTEGER)
			    AND NOT (h.status = 'removed' AND h.exit_year <= CAST(substr(l.issue_date, 1, 4) AS INTEGER)))
			ORDER BY l.id]]) do
			ctx:report {
				entity = "loan:" .. r.id,
				message = say.fmt("贷款 %s (%s 发放 %s) 借款人 %s 在 %s 年不是建档立卡户成员",
					"loan %s (%s, %s): borrower %s was not a member of a registered household in %s",
					r.id, r.issue_date, P.yuan(r.amount), P.person(r.name, r.borrower_id_number), r.issue_date:sub(1, 4)),
				evidence = { loan_id = r.id, borrower = r.borrower_id_number, issue_date = r.issue_date, amount = r.amount },
			}
		end
	end,
}
