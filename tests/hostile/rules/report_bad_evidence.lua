-- expect: evidence.f: a function value cannot be serialised
return {
	id = "h.report-bad-evidence", title = "hostile: report-bad-evidence", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:report{ entity = "household:H1", message = "x", evidence = { f = print } }
	end,
}
