-- expect: nested deeper than
return {
	id = "h.report-cyclic-evidence", title = "hostile: report-cyclic-evidence", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		local t = {}
		t.self = t
		ctx:report{ entity = "household:H1", message = "x", evidence = t }
	end,
}
