-- A household with more members than max_size (shows params and ctx:one).
return {
	id = "sample.big-household",
	title = "household larger than max_size",
	category = "sample",
	severity = "low",
	entity = "household",
	basis = "example",
	params = { max_size = 6 },
	check = function(ctx, params)
		local total = ctx:one("SELECT count(*) AS n FROM households").n
		for h in ctx:rows("SELECT id, size FROM households WHERE size > :max ORDER BY id", { max = params.max_size }) do
			ctx:report{
				entity = "household:" .. h.id,
				message = string.format("%d members (more than %d)", h.size, params.max_size),
				evidence = { size = h.size, max_size = params.max_size, households = total },
			}
		end
	end,
}
