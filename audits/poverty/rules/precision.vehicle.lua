-- precision.vehicle: registered households owning a car, truck or machinery
-- above the exclusion prices.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.vehicle",
	title = "家庭成员名下有车辆",
	title_en = "household member owns a vehicle",
	category = "precision",
	severity = "high",
	entity = "household",
	description = "a member of a registered household owns a vehicle of kind `car` or `truck` with price ≥ `vehicle_min_price` (30000), or any `machinery` with price ≥ `machinery_min_price` (50000)",
	description_zh = "建档立卡户的成员名下有价格不低于 `vehicle_min_price`（30000 元）的小汽车（`car`）或货车（`truck`），或价格不低于 `machinery_min_price`（50000 元）的农机/工程机械（`machinery`）",
	basis = "county exclusion lists (错评剔除, 九条红线): households owning a car or large machinery; "
		.. "2015 audit of Mashan county: 2,454 registered people owning 2,645 cars",
	basis_zh = "县级错评剔除清单（九条红线）：拥有小汽车或大型农机的；2015 年审计马山县：2454 名建档立卡人员拥有小汽车 2645 辆",
	params = {
		vehicle_min_price = { type = "money", default = 30000, doc = "price of a car or truck from which it excludes", doc_zh = "小汽车或货车价格达到此金额时该户应剔除" },
		machinery_min_price = { type = "money", default = 50000, doc = "price of farm machinery from which it excludes", doc_zh = "农机/工程机械价格达到此金额时该户应剔除" },
	},
	check = function(ctx, params)
		P.member_in_roster(ctx, {
			from = "vehicles v", on = "v.owner_id_number", columns = "v.plate, v.kind, v.price",
			where = "((v.kind IN ('car','truck') AND v.price >= ?1) OR (v.kind = 'machinery' AND v.price >= ?2))",
			order = "v.plate", args = { params.vehicle_min_price, params.machinery_min_price },
			fact = function(r)
				return say.fmt("%s %s 名下车辆 %s %s 价格 %s", "%s %s owns vehicle %s (%s) priced %s", P.role(r.relation),
					P.person(r.name, r.id_number), r.plate, P.term("vehicle_kind", r.kind), P.yuan(r.price))
			end,
		})
	end,
}
