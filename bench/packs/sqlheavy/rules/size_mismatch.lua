local SQL = [[
SELECT h.id, h.size, count(m.id_number) AS n FROM households h LEFT JOIN members m ON m.household_id = h.id GROUP BY h.id HAVING h.size <> count(m.id_number)
]]
return {
	id = "bench.size_mismatch", title = "bench size_mismatch", category = "bench", severity = "info", entity = "household",
	check = function(ctx)
		for r in ctx:rows(SQL) do
			ctx:report{ entity = "household:" .. r.id, message = "bench", evidence = r }
		end
	end,
}
