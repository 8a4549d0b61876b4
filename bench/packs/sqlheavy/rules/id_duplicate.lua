local SQL = [[
SELECT id_number, count(DISTINCT household_id) AS n FROM members GROUP BY id_number HAVING n > 1
]]
return {
	id = "bench.id_duplicate", title = "bench id_duplicate", category = "bench", severity = "info", entity = "person",
	check = function(ctx)
		for r in ctx:rows(SQL) do
			ctx:report{ entity = "person:" .. r.id_number, message = "bench", evidence = r }
		end
	end,
}
