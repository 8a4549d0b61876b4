-- precision.public-payroll: registered households with a member on the public payroll.
local P = require "poverty"

return {
	id = "precision.public-payroll",
	title = "财政供养人员 / member on the public payroll",
	category = "precision",
	severity = "high",
	entity = "household",
	basis = "county exclusion lists (错评剔除, 九条红线): households with a member on the public payroll; "
		.. "2015 audit of Mashan county: 343 registered people on public payroll",
	params = {},
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f) return P.household(f.household_id, f.head) .. ": " end,
			"a member is on the public payroll (财政供养)")
		for r in ctx:rows([[
			SELECT h.id AS household_id, ]] .. P.head_name_sql("h.id") .. [[ AS head,
			       m.name, m.id_number, pp.employer, pp.start_date
			FROM public_payroll pp CROSS JOIN members m ON m.id_number = pp.id_number
			JOIN households h ON h.id = m.household_id
			WHERE ]] .. P.registered("h") .. " AND " .. P.active("pp") .. [[
			ORDER BY h.id, m.id_number, pp.employer]], ctx.as_of) do
			c.add("household:" .. r.household_id,
				string.format("成员 %s 在 %s 财政供养%s", P.person(r.name, r.id_number), r.employer,
					r.start_date and (" (自 " .. r.start_date .. ")") or ""), r)
		end
		c.flush()
	end,
}
