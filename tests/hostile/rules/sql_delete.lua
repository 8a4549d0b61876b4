-- expect: only SELECT, WITH, VALUES
return {
	id = "h.sql-delete", title = "hostile: sql-delete", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		for r in ctx:rows("DELETE FROM households") do end
	end,
}
