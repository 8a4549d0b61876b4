-- precision.id-duplicate: one ID number listed in more than one household of a county.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.id-duplicate",
	title = "身份证号重复",
	title_en = "ID number in several households",
	category = "precision",
	severity = "high",
	entity = "person",
	description = "one ID number is a member of more than one existing household of one county (by the county code of the households' villages), whatever its status (one finding per ID number); households in two counties are `precision.id-cross-county`",
	description_zh = "同一身份证号是同一县（按所在户所属村的县级代码）一个以上现存户的成员，不论其状态（每个身份证号一条问题）；两个县的户见 `precision.id-cross-county`",
	basis = "national poverty information system suspect-data category: duplicate ID numbers (一人多户)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：身份证号重复（一人多户）",
	params = {},
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f)
			return say.fmt("身份证号 %s 同时登记在 %d 户: ", "ID number %s is a member of %d households: ", f.id_number, f.n)
		end)
		for r in ctx:rows([[
			WITH multi AS MATERIALIZED (SELECT id_number FROM members GROUP BY id_number HAVING count(*) > 1),
			     rows AS MATERIALIZED (
			       SELECT m.id_number, m.name, h.id AS household_id, h.status, substr(h.village_code, 1, 6) AS county
			       FROM multi d CROSS JOIN members m ON m.id_number = d.id_number
			       JOIN households h ON h.id = m.household_id)
			SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY id_number, county) AS n FROM rows)
			WHERE n > 1 ORDER BY id_number, household_id]]) do
			c.add("person:" .. r.id_number,
				say.fmt("%s 在 户 %s (%s)", "%s in household %s (%s)", r.name, r.household_id, P.term("status", r.status)), r)
		end
		c.flush()
	end,
}
