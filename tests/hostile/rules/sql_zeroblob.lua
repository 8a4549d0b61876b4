-- expect: string or blob too big
return {
	id = "h.sql-zeroblob", title = "hostile: sql-zeroblob", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("SELECT length(zeroblob(2000000000)) AS n")
	end,
}
