-- expect: memory budget exceeded
return {
	id = "h.memory-bomb", title = "hostile: memory-bomb", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local t = {}
		while true do t[#t + 1] = { 1, 2, 3, 4, 5, 6, 7, 8 } end
	end,
}
