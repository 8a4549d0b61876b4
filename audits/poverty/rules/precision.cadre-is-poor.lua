-- precision.cadre-is-poor: a helper cadre listed as a member of a registered household.
local P = require "poverty"

return {
	id = "precision.cadre-is-poor",
	title = "帮扶干部本人为贫困户成员 / helper cadre is a registered member",
	category = "precision",
	severity = "high",
	entity = "household",
	basis = "county exclusion lists (错评剔除): village and helper cadres and their families "
		.. "(干部优亲厚友)",
	params = {},
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f) return P.household(f.household_id, f.head) .. ": " end,
			"a helper cadre is a member of this registered household")
		for r in ctx:rows([[
			SELECT h.id AS household_id, ]] .. P.head_name_sql("h.id") .. [[ AS head,
			       m.name, m.id_number, c.id AS cadre_id, c.unit
			FROM cadres c CROSS JOIN members m ON m.id_number = c.id_number
			JOIN households h ON h.id = m.household_id
			WHERE ]] .. P.registered("h") .. [[
			ORDER BY h.id, m.id_number, c.id]]) do
			c.add("household:" .. r.household_id,
				string.format("成员 %s 是帮扶干部 %s%s", P.person(r.name, r.id_number), r.cadre_id,
					r.unit and (" (" .. r.unit .. ")") or ""), r)
		end
		c.flush()
	end,
}
