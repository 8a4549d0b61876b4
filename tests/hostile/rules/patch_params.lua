-- expect: read-only table 'params' \(field 'limit'\)
return {
	id = "h.patch-params", title = "hostile: patch-params", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		params.limit = 1e9
	end,
}
