local SQL = [[
SELECT m.id_number, max(m.household_id) AS household_id, max(CAST((julianday('2020-06-30') - julianday(m.birth_date)) / 365.25 AS INTEGER)) AS age FROM members m JOIN households h ON h.id = m.household_id WHERE h.status <> 'removed' AND m.labor IN ('lost', 'none') AND m.health = 'healthy' AND (julianday('2020-06-30') - julianday(m.birth_date)) / 365.25 BETWEEN 16 AND 59 GROUP BY m.id_number
]]
return {
	id = "bench.member_age", title = "bench member_age", category = "bench", severity = "info", entity = "person",
	check = function(ctx)
		for r in ctx:rows(SQL) do
			ctx:report{ entity = "person:" .. r.id_number, message = "bench", evidence = r }
		end
	end,
}
