-- expect: error object is a table value
return {
	id = "h.error-object-metatable", title = "hostile: error-object-metatable", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		error(setmetatable({}, { __tostring = function() while true do end end,
			__index = function() error("nope") end, __concat = function() while true do end end }))
	end,
}
