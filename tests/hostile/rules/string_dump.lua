-- expect: attempt to call a nil value \(field 'dump'\)
return {
	id = "h.string-dump", title = "hostile: string-dump", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local f = string.dump(function() return 1 end)
		ctx:report{ entity = "household:H1", message = f }
	end,
}
