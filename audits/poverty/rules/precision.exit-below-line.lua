-- precision.exit-below-line: exited households below the poverty line of their exit year.
local P = require "poverty"

return {
	id = "precision.exit-below-line",
	title = "脱贫户收入低于贫困线 / exited below the poverty line",
	category = "precision",
	severity = "high",
	entity = "household",
	basis = "2016 opinion on the poverty exit mechanism (关于建立贫困退出机制的意见): "
		.. "income stably above the national poverty line",
	params = {},
	check = function(ctx, params)
		local unknown = {} -- exit year -> households not checked for want of a line
		for r in ctx:rows([[
			SELECT h.id, h.exit_year, h.income_per_capita, ]] .. P.head_name_sql("h.id") .. [[ AS head
			FROM households h
			WHERE h.status = 'exited' AND h.income_per_capita IS NOT NULL AND h.exit_year IS NOT NULL
			ORDER BY h.id]]) do
			local line = P.poverty_line(params, r.exit_year)
			if not line then
				unknown[r.exit_year] = (unknown[r.exit_year] or 0) + 1
			elseif r.income_per_capita < P.fen(line) then
				ctx:report {
					entity = "household:" .. r.id,
					message = string.format("%s %d 年脱贫, 人均纯收入 %s 低于当年贫困线 %s — exited in %d with income per capita below the poverty line",
						P.household(r.id, r.head), r.exit_year, P.yuan(r.income_per_capita), P.yuan(P.fen(line)), r.exit_year),
					evidence = { household_id = r.id, exit_year = r.exit_year, income_per_capita = r.income_per_capita,
						poverty_line = P.fen(line) },
				}
			end
		end
		local years = {}
		for year in pairs(unknown) do years[#years + 1] = year end
		table.sort(years)
		for _, year in ipairs(years) do
			ctx:log(string.format("no poverty_line for exit year %d: %d exited household(s) not checked", year, unknown[year]))
		end
	end,
}
