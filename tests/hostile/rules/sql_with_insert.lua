-- expect: INSERT is not allowed in rules
return {
	id = "h.sql-with-insert", title = "hostile: sql-with-insert", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		ctx:one("WITH x AS (SELECT 1) INSERT INTO households(id, size) SELECT \"H9\", 1 FROM x")
	end,
}
