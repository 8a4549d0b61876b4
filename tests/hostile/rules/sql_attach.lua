-- expect: only SELECT, WITH, VALUES
return {
	id = "h.sql-attach", title = "hostile: sql-attach", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("ATTACH DATABASE \"/tmp/huikan-hostile.db\" AS x")
	end,
}
