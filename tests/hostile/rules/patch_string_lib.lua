-- expect: read-only table 'string' \(field 'upper'\)
return {
	id = "h.patch-string-lib", title = "hostile: patch-string-lib", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		string.upper = function() return "pwned" end
	end,
}
