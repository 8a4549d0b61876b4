-- expect: queries open at once
-- Every open ctx:rows iteration holds SQLite memory outside the Lua heap.
return {
	id = "h.open-queries", title = "hostile: open-queries", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local keep = {}
		for i = 1, 1e6 do keep[i] = ctx:rows("SELECT " .. i .. " AS n FROM households") end
	end,
}
