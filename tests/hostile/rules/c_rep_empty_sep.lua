-- expect: time budget exceeded
-- string.rep of an empty string with an empty separator: the same loop.
return {
	id = "h.rep-empty-sep", title = "hostile: rep-empty-sep", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local s = ("").rep("", 1 << 50, "")
		ctx:report{ entity = "household:H1", message = "not stopped " .. #s }
	end,
}
