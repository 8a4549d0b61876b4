-- expect: out of memory|memory budget exceeded|its process
-- 30 open statements each holding a 60 MB row: SQLite memory, outside the Lua heap, capped by the process limit.
return {
	id = "h.big-rows", title = "hostile: big-rows", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local keep = {}
		for i = 1, 30 do
			local it = ctx:rows("SELECT zeroblob(60000000) || " .. i .. " AS b")
			local row = it()
			keep[i] = it
		end
	end,
}
