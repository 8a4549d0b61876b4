-- expect: attempt to call a nil value \(method 'dump'\)
return {
	id = "h.string-dump-method", title = "hostile: string-dump-method", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local s = ("x"):dump()
	end,
}
