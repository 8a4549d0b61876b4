-- expect: memory budget exceeded
return {
	id = "h.string-rep-bomb", title = "hostile: string-rep-bomb", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local s = string.rep("x", 1 << 30)
		ctx:report{ entity = "household:H1", message = #s }
	end,
}
