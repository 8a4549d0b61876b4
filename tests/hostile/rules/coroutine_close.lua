-- expect: instruction budget exceeded|time budget exceeded
return {
	id = "h.coroutine-close-loop", title = "hostile: coroutine-close-loop", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local co = coroutine.create(function()
			local x <close> = setmetatable({}, { __close = function() while true do end end })
			coroutine.yield()
		end)
		coroutine.resume(co)
		coroutine.close(co)
	end,
}
