-- expect: instruction budget exceeded|time budget exceeded
return {
	id = "h.error-in-xpcall-handler", title = "hostile: error-in-xpcall-handler", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		while true do xpcall(function() while true do end end, function(e) while true do end end) end
	end,
}
