-- expect: budget exceeded
-- string.upper of tens of MB in a loop: each call is one C call.
return {
	id = "h.upper-loop", title = "hostile: upper-loop", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local s = string.rep("a", 25000000)
		while true do local u = s:upper() end
	end,
}
