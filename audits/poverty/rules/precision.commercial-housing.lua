-- precision.commercial-housing: registered households owning commercial housing or a shop.
local P = require "poverty"

local kinds = { commercial_housing = "商品房 commercial housing", shop = "商铺 shop" }

return {
	id = "precision.commercial-housing",
	title = "家庭成员名下有商品房或商铺 / member owns commercial housing",
	category = "precision",
	severity = "high",
	entity = "household",
	basis = "county exclusion lists (错评剔除, 九条红线): households buying town housing or shops; "
		.. "2015 audit of Mashan county: 43 registered people owning town housing",
	params = {},
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f) return P.household(f.household_id, f.head) .. ": " end,
			"a member owns commercial housing or a shop")
		for r in ctx:rows([[
			SELECT h.id AS household_id, ]] .. P.head_name_sql("h.id") .. [[ AS head,
			       m.name, m.id_number, p.kind, p.location, p.area, p.purchase_date
			FROM properties p CROSS JOIN members m ON m.id_number = p.owner_id_number
			JOIN households h ON h.id = m.household_id
			WHERE ]] .. P.registered("h") .. [[ AND p.kind IN ('commercial_housing','shop')
			ORDER BY h.id, m.id_number, p.location]]) do
			c.add("household:" .. r.household_id,
				string.format("成员 %s 名下 %s%s%s%s", P.person(r.name, r.id_number), kinds[r.kind],
					r.location and (" " .. r.location) or "",
					r.area and string.format(" %g 平方米", r.area) or "",
					r.purchase_date and (" 购于 " .. r.purchase_date) or ""), r)
		end
		c.flush()
	end,
}
