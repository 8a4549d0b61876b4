-- expect: attempt to call a nil value \(field 'execute'\)
return {
	id = "h.os-execute", title = "hostile: os-execute", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		os.execute("touch /tmp/huikan-hostile-pwned")
	end,
}
