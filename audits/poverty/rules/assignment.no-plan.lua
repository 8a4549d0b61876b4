-- assignment.no-plan: poor households without a help plan for the year.
local P = require "poverty"
local say = require "say"

return {
	id = "assignment.no-plan",
	title = "无当年帮扶计划",
	title_en = "no help plan for the year",
	category = "assignment",
	severity = "medium",
	entity = "household",
	description = "a household with status `poor` has no plan for the year of `as_of`",
	description_zh = "状态为未脱贫（`poor`）的户没有 `as_of` 所在年度的帮扶计划",
	basis = "一户一策 (one plan per household): each poor household has a help plan every year",
	basis_zh = "一户一策：每个贫困户每年都有帮扶计划",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT h.id, ]] .. P.head_name_sql("h.id") .. [[ AS head, CAST(substr(?1, 1, 4) AS INTEGER) AS year
			FROM households h
			WHERE h.status = 'poor'
			  AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.household_id = h.id
			                  AND p.year = CAST(substr(?1, 1, 4) AS INTEGER))
			ORDER BY h.id]], ctx.as_of) do
			ctx:report {
				entity = "household:" .. r.id,
				message = say.fmt("%s 无 %d 年帮扶计划 (一户一策)", "%s has no help plan for %d", P.household(r.id, r.head), r.year),
				evidence = { household_id = r.id, year = r.year },
			}
		end
	end,
}
