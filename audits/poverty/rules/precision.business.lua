-- precision.business: registered households whose member runs a sizeable active business.
local P = require "poverty"

return {
	id = "precision.business",
	title = "家庭成员为企业法人 / member runs a registered business",
	category = "precision",
	severity = "high",
	entity = "household",
	basis = "county exclusion lists (错评剔除, 九条红线): households running a registered business; "
		.. "2015 audit of Mashan county: 439 registered people running businesses",
	params = { business_min_capital = 100000 },
	check = function(ctx, params)
		local cmin = P.fen(params.business_min_capital)
		local c = P.collector(ctx, function(e, f) return P.household(f.household_id, f.head) .. ": " end,
			"a member is legal representative of an active business")
		for r in ctx:rows([[
			SELECT h.id AS household_id, ]] .. P.head_name_sql("h.id") .. [[ AS head,
			       m.name, m.id_number, b.name AS business, b.capital, b.registered_date
			FROM businesses b CROSS JOIN members m ON m.id_number = b.legal_rep_id_number
			JOIN households h ON h.id = m.household_id
			WHERE ]] .. P.registered("h") .. [[ AND b.status = 'active' AND b.capital >= ?2
			ORDER BY h.id, m.id_number, b.name]], ctx.as_of, cmin) do
			c.add("household:" .. r.household_id,
				string.format("成员 %s 为 %s 法定代表人, 注册资本 %s", P.person(r.name, r.id_number),
					r.business, P.yuan(r.capital)), r)
		end
		c.flush()
	end,
}
