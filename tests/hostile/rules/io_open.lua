-- expect: attempt to index a nil value \(global 'io'\)
return {
	id = "h.io-open", title = "hostile: io-open", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local f = io.open("/etc/passwd")
		ctx:report{ entity = "household:H1", message = f:read("a") }
	end,
}
