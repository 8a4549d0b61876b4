-- expect: attempt to call a nil value \(global 'collectgarbage'\)
return {
	id = "h.collectgarbage", title = "hostile: collectgarbage", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		collectgarbage("stop")
	end,
}
