-- precision.head-missing: households without exactly one head.
local say = require "say"

return {
	id = "precision.head-missing",
	title = "户主缺失或多个",
	title_en = "no single head of household",
	category = "precision",
	severity = "medium",
	entity = "household",
	description = "the household does not have exactly one member with relation `head`",
	description_zh = "户内与户主关系为“户主”（`head`）的成员不是恰好一人",
	basis = "national poverty information system suspect-data category: household head (户主信息)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：户主信息",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT h.id, count(m.id_number) AS heads, group_concat(m.name, ', ') AS names
			FROM households h LEFT JOIN members m ON m.household_id = h.id AND m.relation = 'head'
			GROUP BY h.id HAVING count(m.id_number) <> 1 ORDER BY h.id]]) do
			local msg
			if r.heads == 0 then
				msg = say.fmt("户 %s 无户主", "household %s has no member with relation head", r.id)
			else
				msg = say.fmt("户 %s 有 %d 个户主 (%s)", "household %s has %d heads (%s)", r.id, r.heads, r.names)
			end
			ctx:report { entity = "household:" .. r.id, message = msg,
				evidence = { household_id = r.id, heads = r.heads, names = r.names } }
		end
	end,
}
