-- expect: unknown field 'mesage'
return {
	id = "h.report-unknown-field", title = "hostile: report-unknown-field", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:report{ entity = "household:H1", mesage = "typo" }
	end,
}
