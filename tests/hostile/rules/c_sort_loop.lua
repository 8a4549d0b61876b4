-- expect: budget exceeded
-- table.sort of millions in a loop: each sort is one C call the hook cannot interrupt.
return {
	id = "h.sort-loop", title = "hostile: sort-loop", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local t = {}
		for i = 1, 2000000 do t[i] = (i * 7919) % 2000000 end
		while true do table.sort(t) end
	end,
}
