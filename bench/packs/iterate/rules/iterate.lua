return {
	id = "bench.iterate", title = "iterate all rows, report none", category = "bench", severity = "info",
	entity = "household",
	check = function(ctx)
		local n = 0
		for r in ctx:rows("SELECT id, amount, code FROM bench_rows") do
			if r.amount < 0 then ctx:report{ entity = "household:" .. r.code, message = "negative" } end
			n = n + 1
		end
		ctx:log(n, "rows")
	end,
}
