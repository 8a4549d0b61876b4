-- precision.size-mismatch: declared household size differs from the member rows.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.size-mismatch",
	title = "家庭人口数与成员数不符",
	title_en = "declared size differs from members",
	category = "precision",
	severity = "low",
	entity = "household",
	description = "declared size ≠ number of member rows",
	description_zh = "登记的家庭人口数不等于成员记录条数",
	basis = "national poverty information system suspect-data category: household head and members (户成员信息)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：户主及户成员信息",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT h.id, h.size, ]] .. P.head_name_sql("h.id") .. [[ AS head,
			       (SELECT count(*) FROM members m WHERE m.household_id = h.id) AS n
			FROM households h WHERE h.size IS NOT (SELECT count(*) FROM members m WHERE m.household_id = h.id)
			ORDER BY h.id]]) do
			ctx:report {
				entity = "household:" .. r.id,
				message = say.fmt("%s: 家庭人口 %s 人, 成员登记 %d 人", "%s: declared size %s, %d member rows",
					P.household(r.id, r.head), r.size == nil and say.text("为空", "empty") or r.size, r.n),
				evidence = { household_id = r.id, size = r.size, members = r.n },
			}
		end
	end,
}
