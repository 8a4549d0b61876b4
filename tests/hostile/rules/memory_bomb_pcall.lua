-- expect: memory budget exceeded
return {
	id = "h.memory-bomb-in-pcall", title = "hostile: memory-bomb-in-pcall", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local keep = {}
		while true do pcall(function() keep[#keep + 1] = string.rep("x", 1 << 22) .. #keep end) end
	end,
}
