-- The canary: a well-behaved rule that checks the environment it gets is
-- intact (no hostile rule patched the libraries, the ctx API or the db) and
-- reports one finding.
return {
	id = "zz.canary",
	title = "canary: the sandbox is intact",
	category = "canary",
	severity = "info",
	entity = "household",
	params = { limit = 10 },
	check = function(ctx, params)
		assert(string.upper("abc") == "ABC", "string.upper patched")
		assert(("abc"):upper() == "ABC", "string metatable patched")
		assert(string.dump == nil and io == nil and debug == nil and package == nil, "unsafe library present")
		assert(os.execute == nil and os.time ~= nil, "os not restricted")
		assert(math.floor(2.5) == 2, "math patched")
		assert(type(ctx.report) == "function" and type(ctx.rows) == "function", "ctx patched")
		assert(params.limit == 10, "params changed")
		local n = ctx:one("SELECT count(*) AS n, sum(size) AS s FROM households")
		assert(n.n == 3 and n.s == 9, "the db changed")
		ctx:report{
			entity = "household:canary",
			message = "canary ran: " .. n.n .. " households",
			evidence = { households = n.n, members = n.s },
		}
	end,
}
