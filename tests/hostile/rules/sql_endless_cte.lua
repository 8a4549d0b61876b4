-- expect: time budget
return {
	id = "h.sql-endless-cte", title = "hostile: sql-endless-cte", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c")
	end,
}
