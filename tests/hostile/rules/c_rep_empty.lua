-- expect: time budget exceeded
-- Work inside one C call: the instruction hook never fires; the parent kills the process.
return {
	id = "h.rep-empty", title = "hostile: rep-empty", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local s = string.rep("", 1 << 50)
		ctx:report{ entity = "household:H1", message = "not stopped " .. #s }
	end,
}
