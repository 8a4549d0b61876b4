-- expect: cannot change a protected metatable
return {
	id = "h.setmetatable-lib", title = "hostile: setmetatable-lib", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		setmetatable(math, { __index = function() return 0 end })
	end,
}
