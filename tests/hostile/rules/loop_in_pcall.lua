-- expect: instruction budget exceeded|time budget exceeded
return {
	id = "h.loop-in-pcall", title = "hostile: loop-in-pcall", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		while true do pcall(function() while true do end end) end
	end,
}
