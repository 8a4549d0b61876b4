-- expect: budget exceeded|queries open at once
-- 256 open queries and a big heap: every further ctx:rows forces a full collection.
return {
	id = "h.rows-gc", title = "hostile: rows-gc", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local keep, big = {}, {}
		for i = 1, 1000000 do big[i] = { i } end
		for i = 1, 255 do keep[i] = ctx:rows("SELECT " .. i .. " AS n FROM households") end
		while true do local it = ctx:rows("SELECT 1 AS n") end
	end,
}
