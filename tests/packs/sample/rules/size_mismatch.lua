-- A household whose declared size differs from its number of member rows.
return {
	id = "sample.size-mismatch",
	title = "declared household size differs from the member rows",
	category = "sample",
	severity = "medium",
	entity = "household",
	basis = "docs/rules.md precision.size-mismatch",
	check = function(ctx, params)
		for h in ctx:rows([[
			SELECT h.id, h.size, count(m.id_number) AS n
			FROM households h LEFT JOIN members m ON m.household_id = h.id
			GROUP BY h.id HAVING h.size <> count(m.id_number)]]) do
			ctx:report{
				entity = "household:" .. h.id,
				message = string.format("declared size %d, %d member rows", h.size, h.n),
				evidence = { declared = h.size, members = h.n },
			}
		end
	end,
}
