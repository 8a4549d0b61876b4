-- expect: time budget exceeded
-- A plain find of a 10 MB needle in a 20 MB haystack: naive search, 10^14 steps in C.
return {
	id = "h.find-plain", title = "hostile: find-plain", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local hay = string.rep("a", 20000000)
		local needle = string.rep("a", 9999999) .. "b"
		ctx:report{ entity = "household:H1", message = tostring(hay:find(needle, 1, true)) }
	end,
}
