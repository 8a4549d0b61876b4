-- expect: memory budget exceeded
-- Findings are copied out of the Lua heap: a rule that reports the same
-- large message many times must still hit the memory budget.
return {
	id = "h.report-flood", title = "hostile: report-flood", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local big = string.rep("x", 900000)
		for i = 1, 1e9 do
			ctx:report{ entity = "household:" .. i, message = big, evidence = { big = big } }
		end
	end,
}
