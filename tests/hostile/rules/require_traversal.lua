-- expect: bad module name
return {
	id = "h.require-traversal", title = "hostile: require-traversal", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		require "../../../etc/passwd"
	end,
}
