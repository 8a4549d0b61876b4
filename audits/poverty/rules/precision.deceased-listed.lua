-- precision.deceased-listed: dead people still members of registered households.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.deceased-listed",
	title = "已死亡人员仍在册",
	title_en = "deceased person still listed",
	category = "precision",
	severity = "high",
	entity = "person",
	description = "a member of a registered household has a death record dated on or before `as_of`",
	description_zh = "建档立卡户的成员有日期在 `as_of` 当日或之前的死亡记录",
	basis = "death registration comparison (死亡登记比对); national poverty information system "
		.. "dynamic adjustment (动态调整): deceased members are removed",
	basis_zh = "死亡登记比对；全国扶贫开发信息系统动态调整：已死亡成员应予标识删除",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT m.id_number, min(m.name) AS name, group_concat(DISTINCT m.household_id) AS households,
			       min(d.death_date) AS death_date
			FROM deaths d CROSS JOIN members m ON m.id_number = d.id_number
			JOIN households h ON h.id = m.household_id
			WHERE ]] .. P.registered("h") .. [[ AND d.death_date <= ?1
			GROUP BY m.id_number ORDER BY m.id_number]], ctx.as_of) do
			ctx:report {
				entity = "person:" .. r.id_number,
				message = say.fmt("成员 %s 已于 %s 死亡, 仍在 户 %s 在册", "member %s died on %s and is still listed in household %s",
					P.person(r.name, r.id_number), r.death_date, r.households),
				evidence = { id_number = r.id_number, name = r.name, households = r.households, death_date = r.death_date },
			}
		end
	end,
}
