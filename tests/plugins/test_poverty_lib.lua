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
t.eq("facts joined, head from the first evidence", ctx.reports[1].message.zh, "household:H2 [1]: b; c")
t.eq("the English summary only on the English side", ctx.reports[1].message.en, "household:H2 [1]: b; c — tail")
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
t.eq("household with head", P.household("H1", "韦某某").zh, "户 H1 (户主 韦某某)")
t.eq("household with head, English", P.household("H1", "韦某某").en, "household H1 (head 韦某某)")
t.eq("household without head", P.household("H1", nil).zh, "户 H1")
t.eq("cadre", P.cadre("C1", "黄某").zh .. "|" .. P.cadre("C1", nil).en, "帮扶干部 C1 黄某|helper cadre C1")
t.eq("yuan", P.yuan(8500000).zh .. "|" .. P.yuan(8500000).en, "85,000 元|85,000 yuan")
t.eq("role", (P.role("head") .. P.role("spouse")).zh, "户主成员")
t.eq("role, English", (P.role("head") .. " " .. P.role("spouse")).en, "head member")

-- bilingual facts: the same fact twice is one; texts of both languages
ctx = fake_ctx()
c = P.collector(ctx, function(e, f) return P.household(f.id, nil) .. ": " end)
c.add("household:H1", P.term("purpose", "medical"), { id = "H1" })
c.add("household:H1", P.term("purpose", "medical"), { id = "H1" })
c.add("household:H1", P.term("program", "tekun"), { id = "H1" })
c.flush()
t.eq("bilingual collector, Chinese", ctx.reports[1].message.zh, "户 H1: 医疗; 特困")
t.eq("bilingual collector, English", ctx.reports[1].message.en, "household H1: medical; tekun")
