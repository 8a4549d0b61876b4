-- expect: instruction budget exceeded|time budget exceeded
return {
	id = "h.infinite-loop", title = "hostile: infinite-loop", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		while true do end
	end,
}
