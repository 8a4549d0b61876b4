-- expect: PRAGMA journal_mode = delete is not allowed
return {
	id = "h.pragma-journal", title = "hostile: pragma-journal", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("PRAGMA journal_mode = delete")
	end,
}
