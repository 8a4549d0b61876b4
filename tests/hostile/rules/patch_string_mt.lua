-- expect: read-only table 'string'
return {
	id = "h.patch-string-metatable", title = "hostile: patch-string-metatable", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		getmetatable("").__index.upper = function() return "pwned" end
	end,
}
