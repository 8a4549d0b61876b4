-- precision.id-invalid: member ID numbers that break GB 11643-1999.
local idcard = require "idcard"
local P = require "poverty"

return {
	id = "precision.id-invalid",
	title = "身份证号无效 / invalid resident ID number",
	category = "precision",
	severity = "medium",
	entity = "person",
	basis = "GB 11643-1999 公民身份号码 (ISO 7064 MOD 11-2 check character); "
		.. "national poverty information system suspect-data category: ID numbers",
	params = {},
	check = function(ctx, params)
		-- Every number is checked in Lua (idcard.problem: a few hundred ns each);
		-- one finding per number, naming each household it is listed in.
		local c = P.collector(ctx, function(e, f)
			local en, zh = idcard.problem(f.id_number, ctx.as_of)
			return string.format("身份证号 %s: %s — invalid ID number: %s; 成员 ", f.id_number, zh, en)
		end)
		local problem, as_of = idcard.problem, ctx.as_of
		for r in ctx:rows("SELECT id_number, name, household_id FROM members NOT INDEXED") do
			if problem(r.id_number, as_of) then
				c.add("person:" .. r.id_number, string.format("%s (户 %s)", r.name, r.household_id), r)
			end
		end
		c.flush()
	end,
}
