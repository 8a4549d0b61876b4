-- expect: __gc metamethods are not allowed
return {
	id = "h.gc-finalizer", title = "hostile: gc-finalizer", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		setmetatable({}, { __gc = function() while true do end end })
	end,
}
