-- expect: instruction budget exceeded|time budget exceeded
return {
	id = "h.coroutine-loop", title = "hostile: coroutine-loop", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		while true do
			local co = coroutine.wrap(function() while true do coroutine.yield() end end)
			pcall(co)
			local co2 = coroutine.create(function() while true do end end)
			coroutine.resume(co2)
		end
	end,
}
