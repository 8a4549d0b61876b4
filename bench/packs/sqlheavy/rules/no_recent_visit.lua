local SQL = [[
SELECT h.id FROM households h WHERE h.status = 'poor' AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.visit_date >= '2020-05-16')
]]
return {
	id = "bench.no_recent_visit", title = "bench no_recent_visit", category = "bench", severity = "info", entity = "household",
	check = function(ctx)
		for r in ctx:rows(SQL) do
			ctx:report{ entity = "household:" .. r.id, message = "bench", evidence = r }
		end
	end,
}
