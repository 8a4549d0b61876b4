-- expect: read-only table 'string metatable'
return {
	id = "h.replace-string-metatable", title = "hostile: replace-string-metatable", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		getmetatable("").__index = { upper = function() return "pwned" end }
	end,
}
