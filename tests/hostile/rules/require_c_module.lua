-- expect: module 'lfs' not found.*only Lua modules
return {
	id = "h.require-c-module", title = "hostile: require-c-module", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local lfs = require "lfs"
		lfs.mkdir("/tmp/huikan-hostile-pwned")
	end,
}
