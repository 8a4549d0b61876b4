-- precision.commercial-housing: registered households owning commercial housing or a shop.
local P = require "poverty"

local kinds = { commercial_housing = "商品房 commercial housing", shop = "商铺 shop" }

return {
	id = "precision.commercial-housing",
	title = "家庭成员名下有商品房或商铺 / member owns commercial housing",
	category = "precision",
	severity = "high",
	entity = "household",
	description = "a member of a registered household owns a property of kind `commercial_housing` or `shop`",
	basis = "county exclusion lists (错评剔除, 九条红线): households buying town housing or shops; "
		.. "2015 audit of Mashan county: 43 registered people owning town housing",
	params = {},
	check = function(ctx, params)
		P.member_in_roster(ctx, {
			from = "properties p", on = "p.owner_id_number", columns = "p.kind, p.location, p.area, p.purchase_date",
			where = "p.kind IN ('commercial_housing','shop')", order = "p.location",
			fact = function(r)
				return string.format("%s %s 名下 %s%s%s%s", P.role(r.relation), P.person(r.name, r.id_number), kinds[r.kind],
					r.location and (" " .. r.location) or "",
					r.area and string.format(" %g 平方米", r.area) or "",
					r.purchase_date and (" 购于 " .. r.purchase_date) or "")
			end,
			tail = "a member owns commercial housing or a shop",
		})
	end,
}
