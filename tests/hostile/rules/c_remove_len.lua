-- expect: time budget exceeded
-- table.remove with a huge __len: the same.
return {
	id = "h.remove-len", title = "hostile: remove-len", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local t = setmetatable({}, { __len = function() return math.maxinteger // 4 end })
		table.remove(t, 1)
	end,
}
