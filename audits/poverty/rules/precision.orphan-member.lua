-- precision.orphan-member: member rows whose household does not exist.
local say = require "say"
return {
	id = "precision.orphan-member",
	title = "成员所属户不存在",
	title_en = "member of an unknown household",
	category = "precision",
	severity = "medium",
	entity = "person",
	description = "the member's household_id is not a household",
	description_zh = "成员所属户编号（`household_id`）不是在册的户",
	basis = "national poverty information system suspect-data category: household and members (户成员信息)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：户成员信息",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			WITH o AS MATERIALIZED (SELECT m.id_number, m.name, m.household_id FROM members m NOT INDEXED
			                        WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = m.household_id))
			SELECT id_number, min(name) AS name, group_concat(household_id, ', ') AS households
			FROM o GROUP BY id_number ORDER BY id_number]]) do
			ctx:report {
				entity = "person:" .. r.id_number,
				message = say.fmt("成员 %s (%s) 所属户编号 %s 不存在", "member %s (%s): household %s does not exist",
					r.name, r.id_number, r.households),
				evidence = { id_number = r.id_number, name = r.name, household_id = r.households },
			}
		end
	end,
}
