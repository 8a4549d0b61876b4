-- precision.relation-conflict: head and spouse of the same sex.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.relation-conflict",
	title = "户主与配偶性别相同",
	title_en = "head and spouse of the same sex",
	category = "precision",
	severity = "low",
	entity = "household",
	description = "the head and a `spouse` have the same sex",
	description_zh = "户主与配偶（`spouse`）性别相同",
	basis = "national poverty information system suspect-data category: family relations (与户主关系)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：与户主关系",
	params = {},
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f)
			return say.fmt("户 %s: 户主 %s 与配偶 ", "household %s: head %s and spouse ", f.household_id, P.person(f.head, f.head_id))
		end)
		for r in ctx:rows([[
			SELECT hd.household_id, hd.name AS head, hd.id_number AS head_id, hd.sex,
			       sp.name AS spouse, sp.id_number AS spouse_id
			FROM members hd JOIN members sp ON sp.household_id = hd.household_id AND sp.relation = 'spouse'
			WHERE hd.relation = 'head' AND hd.sex IS NOT NULL AND sp.sex = hd.sex
			ORDER BY hd.household_id, sp.id_number]]) do
			c.add("household:" .. r.household_id,
				say.fmt("%s 性别同为 %s", "%s are both %s", P.person(r.spouse, r.spouse_id), P.term("sex", r.sex)), r)
		end
		c.flush()
	end,
}
