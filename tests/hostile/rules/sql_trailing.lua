-- expect: one SQL statement per call
return {
	id = "h.sql-trailing", title = "hostile: sql-trailing", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("SELECT 1; DELETE FROM households")
	end,
}
