-- expect: readfile\(\) is not allowed|no such function: readfile
return {
	id = "h.sql-readfile", title = "hostile: sql-readfile", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("SELECT readfile(\"/etc/passwd\") AS x")
	end,
}
