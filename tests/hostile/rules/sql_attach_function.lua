-- expect: ATTACH is not allowed|only SELECT|no such function: sqlite_attach
return {
	id = "h.sql-attach-function", title = "hostile: sql-attach-function", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("SELECT 1 FROM households WHERE id IN (SELECT 1) UNION SELECT sqlite_attach(1)")
	end,
}
