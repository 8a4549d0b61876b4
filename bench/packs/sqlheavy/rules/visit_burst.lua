local SQL = [[
SELECT cadre_id, max(n) AS n FROM (SELECT cadre_id, visit_date, count(DISTINCT household_id) AS n FROM visits GROUP BY cadre_id, visit_date) GROUP BY cadre_id HAVING max(n) > 3
]]
return {
	id = "bench.visit_burst", title = "bench visit_burst", category = "bench", severity = "info", entity = "cadre",
	check = function(ctx)
		for r in ctx:rows(SQL) do
			ctx:report{ entity = "cadre:" .. r.cadre_id, message = "bench", evidence = r }
		end
	end,
}
