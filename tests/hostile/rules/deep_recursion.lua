-- expect: stack overflow|memory budget
return {
	id = "h.deep-recursion", title = "hostile: deep-recursion", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local function f(n) return 1 + f(n + 1) end
		f(1)
	end,
}
