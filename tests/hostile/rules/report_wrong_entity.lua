-- expect: entity 'person:1' is not a household key
return {
	id = "h.report-wrong-entity", title = "hostile: report-wrong-entity", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:report{ entity = "person:1", message = "wrong kind" }
	end,
}
