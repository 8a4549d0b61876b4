-- expect: reported twice
return {
	id = "h.report-twice", title = "hostile: report-twice", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:report{ entity = "household:H1", message = "one" }
		ctx:report{ entity = "household:H1", message = "two" }
	end,
}
