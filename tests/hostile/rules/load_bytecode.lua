-- expect: binary chunks are not allowed
return {
	id = "h.load-bytecode", title = "hostile: load-bytecode", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local bytecode = "\27LuaT\0\25\147\13\10\26\10\4\8\8xV\0\0\0\0\0\0\0\0\0\0\0(w@"
		assert(load(bytecode, "evil", "b"))
		assert(load(bytecode))
	end,
}
