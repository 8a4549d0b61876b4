-- funds.loan-terms: micro-loans beyond the amount, term or age limits.
local idcard = require "idcard"
local P = require "poverty"
local say = require "say"

return {
	id = "funds.loan-terms",
	title = "小额信贷超额度期限年龄",
	title_en = "micro-loan outside the terms",
	category = "funds",
	severity = "medium",
	entity = "loan",
	description = "amount > `loan_max` (50000), term_months > `loan_max_months` (36), or borrower age at issue outside 18–65",
	description_zh = "贷款金额超过 `loan_max`（50000 元），期限（`term_months`）超过 `loan_max_months`（36）个月，或借款人放款时年龄不在 18—65 岁之间",
	basis = "2019 notice on poverty micro-credit: at most 50,000 yuan, at most 3 years, borrowers aged 18-65",
	basis_zh = "2019 年关于扶贫小额信贷的通知：额度不超过 5 万元，期限不超过 3 年，借款人年龄 18—65 岁",
	params = {
		loan_max = { type = "money", default = 50000, doc = "largest loan", doc_zh = "单笔贷款的最高额度" },
		loan_max_months = { type = "integer", default = 36, unit = "months" },
		borrower_min_age = { type = "integer", default = 18, unit = "years" }, borrower_max_age = { type = "integer", default = 65, unit = "years" },
	},
	check = function(ctx, params)
		local max = params.loan_max
		for r in ctx:rows([[
			SELECT l.id, l.borrower_id_number, l.amount, l.issue_date, l.term_months,
			       (SELECT name FROM members m WHERE m.id_number = l.borrower_id_number ORDER BY m.household_id LIMIT 1) AS name,
			       (SELECT birth_date FROM members m WHERE m.id_number = l.borrower_id_number AND m.birth_date IS NOT NULL
			        ORDER BY m.household_id LIMIT 1) AS birth_date
			FROM loans l ORDER BY l.id]]) do
			local faults = {}
			if r.amount > max then
				faults[#faults + 1] = say.fmt("金额 %s 超过 %s", "amount %s above %s", P.yuan(r.amount), P.yuan(max))
			end
			if r.term_months > params.loan_max_months then
				faults[#faults + 1] = say.fmt("期限 %d 个月超过 %d 个月", "term %d months, more than %d", r.term_months,
					params.loan_max_months)
			end
			local age = idcard.person_age(r.birth_date, r.borrower_id_number, r.issue_date)
			if age and (age < params.borrower_min_age or age > params.borrower_max_age) then
				faults[#faults + 1] = say.fmt("借款人发放时 %d 岁, 不在 %d-%d 岁", "borrower aged %d at issue, not %d-%d",
					age, params.borrower_min_age, params.borrower_max_age)
			end
			if #faults > 0 then
				ctx:report {
					entity = "loan:" .. r.id,
					message = say.fmt("贷款 %s (%s, 借款人 %s): %s", "loan %s (%s, borrower %s) is outside the terms: %s",
						r.id, r.issue_date, P.person(r.name, r.borrower_id_number), say.join(faults, "; ")),
					evidence = { loan_id = r.id, amount = r.amount, term_months = r.term_months, age = age },
				}
			end
		end
	end,
}
