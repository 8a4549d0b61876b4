-- expect: only SELECT, WITH, VALUES
return {
	id = "h.vacuum-into", title = "hostile: vacuum-into", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("VACUUM INTO \"/tmp/huikan-hostile.db\"")
	end,
}
