-- An exited household whose income is below the poverty line of its exit year.
local fen = require "fen"

return {
	id = "sample.exit-below-line",
	title = "exited below the poverty line of the exit year",
	category = "sample",
	severity = "high",
	entity = "household",
	basis = { "2016 opinion on the poverty exit mechanism", "docs/rules.md precision.exit-below-line" },
	params = { poverty_line = { [2020] = 4000 } },
	check = function(ctx, params)
		for h in ctx:rows([[SELECT id, exit_year, income_per_capita FROM households
			WHERE status = ? AND income_per_capita IS NOT NULL]], "exited") do
			local line = params.poverty_line[h.exit_year]
			if line and h.income_per_capita < line * 100 then
				ctx:report{
					entity = "household:" .. h.id,
					message = string.format("income %s yuan below the %d line of %d",
						fen.yuan(h.income_per_capita), line, h.exit_year),
					evidence = { income_fen = h.income_per_capita, line_yuan = line, exit_year = h.exit_year },
				}
			end
		end
	end,
}
