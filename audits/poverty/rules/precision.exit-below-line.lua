-- precision.exit-below-line: exited households below the poverty line of their exit year.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.exit-below-line",
	title = "脱贫户收入低于贫困线",
	title_en = "exited below the poverty line",
	category = "precision",
	severity = "high",
	entity = "household",
	description = "status `exited` and income_per_capita is below the poverty line of its exit_year",
	description_zh = "状态为已脱贫（`exited`），而人均纯收入（`income_per_capita`）低于其脱贫年度（`exit_year`）的贫困线",
	basis = "2016 opinion on the poverty exit mechanism (关于建立贫困退出机制的意见): "
		.. "income stably above the national poverty line",
	basis_zh = "2016 年《关于建立贫困退出机制的意见》：人均纯收入稳定超过国家扶贫标准",
	params = {},
	check = function(ctx, params)
		local line_sql = P.poverty_line_sql(params, "h.exit_year")
		for r in ctx:rows([[
			SELECT h.id, h.exit_year, h.income_per_capita, ]] .. line_sql .. [[ AS line,
			       ]] .. P.head_name_sql("h.id") .. [[ AS head
			FROM households h
			WHERE h.status = 'exited' AND h.income_per_capita < ]] .. line_sql .. [[
			ORDER BY h.id]]) do
			ctx:report {
				entity = "household:" .. r.id,
				message = say.fmt("%s %d 年脱贫, 人均纯收入 %s 低于当年贫困线 %s",
					"%s exited in %d with income per capita %s, below that year's poverty line %s",
					P.household(r.id, r.head), r.exit_year, P.yuan(r.income_per_capita), P.yuan(r.line)),
				evidence = { household_id = r.id, exit_year = r.exit_year, income_per_capita = r.income_per_capita,
					poverty_line = r.line },
			}
		end
		-- exited households the table has no line for are not checked: say so
		for r in ctx:rows([[
			SELECT coalesce(h.exit_year, 'empty') AS year, count(*) AS n FROM households h
			WHERE h.status = 'exited' AND h.income_per_capita IS NOT NULL AND ]] .. line_sql .. [[ IS NULL
			GROUP BY 1 ORDER BY 1]]) do
			ctx:log(string.format("no poverty_line for exit year %s: %d exited household(s) not checked", r.year, r.n))
		end
	end,
}
