-- expect: memory budget exceeded
return {
	id = "h.string-doubling", title = "hostile: string-doubling", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local s = "x"
		while true do s = s .. s end
	end,
}
