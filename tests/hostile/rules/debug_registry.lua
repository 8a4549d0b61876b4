-- expect: attempt to index a nil value \(global 'debug'\)
return {
	id = "h.debug-registry", title = "hostile: debug-registry", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local r = debug.getregistry()
	end,
}
