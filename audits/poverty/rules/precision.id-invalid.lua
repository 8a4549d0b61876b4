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
		for r in ctx:rows([[
			SELECT id_number, min(name) AS name, group_concat(household_id, ',') AS households
			FROM members GROUP BY id_number ORDER BY id_number]]) do
			local en, zh = idcard.problem(r.id_number, ctx.as_of)
			if en then
				ctx:report {
					entity = "person:" .. r.id_number,
					message = string.format("成员 %s (户 %s) 身份证号 %s: %s — invalid ID number: %s",
						r.name, r.households, r.id_number, zh, en),
					evidence = { id_number = r.id_number, name = r.name, households = r.households, problem = en },
				}
			end
		end
	end,
}
