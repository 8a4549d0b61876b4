-- expect: too costly on a string of
-- Backtracking patterns run in C where the count hook cannot stop them.
return {
	id = "h.pattern-bomb", title = "hostile: pattern-bomb", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local s = string.rep("a", 100000)
		local r = s:find(".-.-.-.-b")
	end,
}
