-- expect: time budget exceeded
-- table.insert with a __len that says the table is huge: the C loop shifts them all.
return {
	id = "h.insert-len", title = "hostile: insert-len", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local t = setmetatable({}, { __len = function() return math.maxinteger // 4 end })
		table.insert(t, 1, "x")
	end,
}
