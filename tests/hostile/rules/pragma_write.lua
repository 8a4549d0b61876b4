-- expect: PRAGMA query_only = 0 is not allowed
return {
	id = "h.pragma-write", title = "hostile: pragma-write", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("PRAGMA query_only = 0")
	end,
}
