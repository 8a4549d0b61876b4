local SQL = [[
SELECT id, prev FROM (SELECT id, paid_date, lag(paid_date) OVER (PARTITION BY payee_kind, payee_id, amount ORDER BY paid_date, id) AS prev FROM payments) WHERE prev IS NOT NULL AND julianday(paid_date) - julianday(prev) <= 30
]]
return {
	id = "bench.repeat_payment", title = "bench repeat_payment", category = "bench", severity = "info", entity = "payment",
	check = function(ctx)
		for r in ctx:rows(SQL) do
			ctx:report{ entity = "payment:" .. r.id, message = "bench", evidence = r }
		end
	end,
}
