-- expect: error object is a table value
-- A __gc added to a metatable after setmetatable is inert (Lua marks objects
-- for finalization at setmetatable), so this loop never runs.
return {
	id = "h.gc-late-finalizer", title = "hostile: gc-late-finalizer", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local mt = {}
		setmetatable({}, mt)
		mt.__gc = function() while true do end end
		error(setmetatable({}, {}))
	end,
}
