-- precision.vehicle: registered households owning a car, truck or machinery
-- above the exclusion prices.
local P = require "poverty"

local kinds = { car = "小汽车 car", truck = "货车 truck", machinery = "农机/工程机械 machinery" }

return {
	id = "precision.vehicle",
	title = "家庭成员名下有车辆 / household member owns a vehicle",
	category = "precision",
	severity = "high",
	entity = "household",
	basis = "county exclusion lists (错评剔除, 九条红线): households owning a car or large machinery; "
		.. "2015 audit of Mashan county: 2,454 registered people owning 2,645 cars",
	params = { vehicle_min_price = 30000, machinery_min_price = 50000 },
	check = function(ctx, params)
		local vmin, mmin = P.fen(params.vehicle_min_price), P.fen(params.machinery_min_price)
		local c = P.collector(ctx, function(e, f) return P.household(f.household_id, f.head) .. ": " end,
			"a member owns a vehicle above the exclusion price")
		for r in ctx:rows([[
			SELECT h.id AS household_id, ]] .. P.head_name_sql("h.id") .. [[ AS head,
			       m.name, m.id_number, m.relation, v.plate, v.kind, v.price, v.registered_date
			FROM vehicles v CROSS JOIN members m ON m.id_number = v.owner_id_number
			JOIN households h ON h.id = m.household_id
			WHERE ]] .. P.registered("h") .. [[
			  AND ((v.kind IN ('car','truck') AND v.price >= ?2) OR (v.kind = 'machinery' AND v.price >= ?3))
			ORDER BY h.id, m.id_number, v.plate]], ctx.as_of, vmin, mmin) do
			c.add("household:" .. r.household_id,
				string.format("%s %s 名下车辆 %s %s 价格 %s", r.relation == "head" and "户主" or "成员",
					P.person(r.name, r.id_number), r.plate, kinds[r.kind], P.yuan(r.price)), r)
		end
		c.flush()
	end,
}
