-- expect: attempt to index a nil value \(global 'package'\)
return {
	id = "h.package-loadlib", title = "hostile: package-loadlib", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")("touch /tmp/huikan-hostile-pwned")
	end,
}
