local SQL = [[
SELECT bank_account, count(DISTINCT payee_id) AS n FROM payments WHERE bank_account IS NOT NULL GROUP BY bank_account HAVING n > 1
]]
return {
	id = "bench.shared_account", title = "bench shared_account", category = "bench", severity = "info", entity = "account",
	check = function(ctx)
		for r in ctx:rows(SQL) do
			ctx:report{ entity = "account:" .. r.bank_account, message = "bench", evidence = r }
		end
	end,
}
