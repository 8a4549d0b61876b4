-- Unit tests of audits/poverty/lib/poverty.lua (the pack's shared readings),
-- with a fake ctx that records reports.
local t = require "tap"
local P = require "poverty"

local function fake_ctx()
	local ctx = { reports = {} }
	function ctx:report(f) self.reports[#self.reports + 1] = f end
	return ctx
end

-- collector: one finding per entity, facts in order, repeated facts once
local ctx = fake_ctx()
local c = P.collector(ctx, function(e, f) return e .. " [" .. f.n .. "]: " end, "tail")
c.add("household:H2", "b", { n = 1 })
c.add("household:H1", "a", { n = 2 })
c.add("household:H2", "c", { n = 3 })
c.add("household:H2", "b", { n = 4 })
t.eq("collector returns the number of findings", c.flush(), 2)
t.eq("one report per entity", #ctx.reports, 2)
t.eq("entities in the order first added", ctx.reports[1].entity, "household:H2")
t.eq("facts joined, head from the first evidence, tail last", ctx.reports[1].message, "household:H2 [1]: b; c — tail")
t.eq("evidence lists each fact's evidence once", #ctx.reports[1].evidence.facts, 2)

-- SQL readings
t.eq("registered", P.registered("h"), "h.status IN ('poor','exited')")
t.ok("active: started on or before, not ended before as_of",
	P.active("p"):find("p.start_date <= ?1", 1, true) and P.active("p"):find("p.end_date >= ?1", 1, true))
t.ok("on duty: end_date after as_of", P.on_duty("c"):find("c.end_date > ?1", 1, true))
t.ok("purpose falls back to the fund's", P.purpose("p"):find("COALESCE(p.purpose, (SELECT f.purpose FROM funds f WHERE f.id = p.fund_id))", 1, true))
t.ok("purpose_is", P.purpose_is("p", "'industry'"):find("p.purpose IS NULL AND p.fund_id IN", 1, true))

-- the poverty line table as SQL, in fen, sorted, from integer or text keys
t.eq("poverty line CASE", P.poverty_line_sql({ poverty_line = { [2020] = 4000, ["2019"] = 3747.5 } }, "y"),
	"(CASE y WHEN 2019 THEN 374750 WHEN 2020 THEN 400000 END)")
t.eq("no table, no line", P.poverty_line_sql({}, "y"), "NULL")

-- labels
t.eq("household with head", P.household("H1", "韦某某"), "户 H1 (户主 韦某某)")
t.eq("household without head", P.household("H1", nil), "户 H1")
t.eq("yuan", P.yuan(8500000), "85,000 元")
t.eq("role", P.role("head") .. P.role("spouse"), "户主成员")
