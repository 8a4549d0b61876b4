-- expect: time budget exceeded
-- table.move over a huge range: one C loop.
return {
	id = "h.table-move", title = "hostile: table-move", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		table.move({}, 1, math.maxinteger // 2, 2)
	end,
}
