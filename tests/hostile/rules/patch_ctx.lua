-- expect: read-only table 'ctx' \(field 'report'\)
return {
	id = "h.patch-ctx", title = "hostile: patch-ctx", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx.report = function() end
	end,
}
