-- precision.income-implausible: registered households with a missing, zero or huge income.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.income-implausible",
	title = "人均纯收入异常",
	title_en = "implausible income per capita",
	category = "precision",
	severity = "medium",
	entity = "household",
	description = "a registered household's income_per_capita is empty, ≤ 0, or > `income_max` (100000)",
	description_zh = "建档立卡户的人均纯收入（`income_per_capita`）为空、不大于 0 或大于 `income_max`（100000 元）",
	basis = "national poverty information system suspect-data category: income (收入信息)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：收入信息",
	params = { income_max = { type = "money", default = 100000, doc = "income per capita above it is implausible", doc_zh = "人均纯收入高于此金额视为不合理" } },
	check = function(ctx, params)
		local max = params.income_max
		for r in ctx:rows([[
			SELECT h.id, h.income_per_capita, ]] .. P.head_name_sql("h.id") .. [[ AS head
			FROM households h
			WHERE ]] .. P.registered("h") .. [[
			  AND (h.income_per_capita IS NULL OR h.income_per_capita <= 0 OR h.income_per_capita > ?2)
			ORDER BY h.id]], ctx.as_of, max) do
			local what
			if r.income_per_capita == nil then
				what = say.text("人均纯收入为空", "income per capita is empty")
			elseif r.income_per_capita <= 0 then
				what = say.fmt("人均纯收入 %s ≤ 0", "income per capita %s is not positive", P.yuan(r.income_per_capita))
			else
				what = say.fmt("人均纯收入 %s 超过 %s", "income per capita %s is above the plausible maximum %s",
					P.yuan(r.income_per_capita), P.yuan(max))
			end
			ctx:report { entity = "household:" .. r.id, message = P.household(r.id, r.head) .. ": " .. what,
				evidence = { household_id = r.id, income_per_capita = r.income_per_capita } }
		end
	end,
}
