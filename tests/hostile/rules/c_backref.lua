-- expect: time budget exceeded
-- A back-reference pattern without quantifiers (the pattern guard lets it through): 10^12 steps in C.
return {
	id = "h.backref", title = "hostile: backref", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local s = string.rep("a", 20000000)
		ctx:report{ entity = "household:H1", message = tostring(s:find("(" .. string.rep(".", 100000) .. ")%1b")) }
	end,
}
