local SQL = [[
SELECT payee_id, sum(amount) AS s, count(*) AS n FROM payments WHERE payee_kind = 'household' GROUP BY payee_id HAVING s > 1500000
]]
return {
	id = "bench.payee_year", title = "bench payee_year", category = "bench", severity = "info", entity = "household",
	check = function(ctx)
		for r in ctx:rows(SQL) do
			ctx:report{ entity = "household:" .. r.payee_id, message = "bench", evidence = r }
		end
	end,
}
