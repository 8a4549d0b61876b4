-- expect: load_extension\(\) is not allowed
return {
	id = "h.sql-load-extension", title = "hostile: sql-load-extension", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("SELECT load_extension(\"/tmp/evil.so\") AS x")
	end,
}
