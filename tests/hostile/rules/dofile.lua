-- expect: attempt to call a nil value \(global 'dofile'\)
return {
	id = "h.dofile", title = "hostile: dofile", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		dofile("/etc/passwd")
	end,
}
