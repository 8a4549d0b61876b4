-- precision.commercial-housing: registered households owning commercial housing or a shop.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.commercial-housing",
	title = "家庭成员名下有商品房或商铺",
	title_en = "member owns commercial housing",
	category = "precision",
	severity = "high",
	entity = "household",
	description = "a member of a registered household owns a property of kind `commercial_housing` or `shop`",
	description_zh = "建档立卡户的成员名下有类型为商品房（`commercial_housing`）或商铺（`shop`）的房产",
	basis = "county exclusion lists (错评剔除, 九条红线): households buying town housing or shops; "
		.. "2015 audit of Mashan county: 43 registered people owning town housing",
	basis_zh = "县级错评剔除清单（九条红线）：在城镇购买商品房或商铺的；2015 年审计马山县：43 名建档立卡人员在城镇购有商品房",
	params = {},
	check = function(ctx, params)
		P.member_in_roster(ctx, {
			from = "properties p", on = "p.owner_id_number", columns = "p.kind, p.location, p.area, p.purchase_date",
			where = "p.kind IN ('commercial_housing','shop')", order = "p.location",
			fact = function(r)
				return say.fmt("%s %s 名下 %s%s%s%s", "%s %s owns %s%s%s%s", P.role(r.relation), P.person(r.name, r.id_number),
					P.term("property_kind", r.kind),
					r.location and (" " .. r.location) or "",
					r.area and say.fmt(" %g 平方米", ", %g m²", r.area) or "",
					r.purchase_date and say.fmt(" 购于 %s", ", bought %s", r.purchase_date) or "")
			end,
		})
	end,
}
