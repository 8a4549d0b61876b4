-- precision.income-inconsistent: income per capita that does not follow from its components.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.income-inconsistent",
	title = "收入构成与人均纯收入不符",
	title_en = "income components do not add up",
	category = "precision",
	severity = "medium",
	entity = "household",
	description = "all five income components are present and their net per capita differs from income_per_capita by more than `income_tolerance` (1 yuan)",
	description_zh = "五项收入构成都已填写，但由其算出的人均纯收入与登记的人均纯收入（`income_per_capita`）相差超过 `income_tolerance`（1 元）",
	basis = "national poverty information system income definition: net income per capita = "
		.. "(wage + production + property + transfer - production cost) / size",
	basis_zh = "全国扶贫开发信息系统收入口径：人均纯收入 =（工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出）÷ 家庭人口数",
	params = { income_tolerance = { type = "money", default = 1, doc = "rounding allowed per person", doc_zh = "每人允许的舍入误差" } },
	check = function(ctx, params)
		local tol = params.income_tolerance
		-- |sum/size - ipc| > tol  <=>  |sum - ipc*size| > tol*size, in exact integers.
		for r in ctx:rows([[
			SELECT h.id, h.size, h.income_per_capita, ]] .. P.head_name_sql("h.id") .. [[ AS head,
			       h.wage_income + h.production_income + h.property_income + h.transfer_income - h.production_cost AS net
			FROM households h
			WHERE h.wage_income IS NOT NULL AND h.production_income IS NOT NULL AND h.property_income IS NOT NULL
			  AND h.transfer_income IS NOT NULL AND h.production_cost IS NOT NULL
			  AND h.income_per_capita IS NOT NULL AND h.size > 0
			  AND abs(h.wage_income + h.production_income + h.property_income + h.transfer_income - h.production_cost
			          - h.income_per_capita * h.size) > ?2 * h.size
			ORDER BY h.id]], ctx.as_of, tol) do
			local net_pc = r.net / r.size
			ctx:report {
				entity = "household:" .. r.id,
				message = say.fmt("%s: 家庭纯收入 %s / %d 人 = %s, 登记人均纯收入 %s, 相差超过 %s",
					"%s: net income %s / %d people = %s, registered income per capita %s, more than %s apart",
					P.household(r.id, r.head), P.yuan(r.net), r.size, P.yuan(math.floor(net_pc + 0.5)),
					P.yuan(r.income_per_capita), P.yuan(tol)),
				evidence = { household_id = r.id, net_income = r.net, size = r.size, income_per_capita = r.income_per_capita },
			}
		end
	end,
}
