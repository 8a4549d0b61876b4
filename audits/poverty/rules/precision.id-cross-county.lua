-- precision.id-cross-county: one ID number a member of households in two or
-- more counties (a province db of several counties' registries).
local P = require "poverty"
local region = require "region"
local say = require "say"

return {
	id = "precision.id-cross-county",
	title = "身份证号跨县重复",
	title_en = "ID number registered in several counties",
	category = "precision",
	severity = "high",
	entity = "person",
	description = "one ID number is a member of existing households in more than one county, by the county code of the households' villages (one finding per ID number); needs a db of several counties (`huikan import` of their exports into one db); the same ID number twice in one county is `precision.id-duplicate`",
	description_zh = "按所在户所属村的县级代码，同一身份证号是一个以上县现存户的成员（每个身份证号一条问题）；需要包含多个县数据的数据库（用 `huikan import` 把各县的导出数据导入同一个数据库）；同一身份证号在一个县内重复的，见 `precision.id-duplicate`",
	basis = "national poverty information system suspect-data category: duplicate ID numbers (一人多户), across counties (跨县重复)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：身份证号重复（一人多户），跨县重复",
	params = {},
	check = function(ctx, params)
		local counties = {}
		local c = P.collector(ctx, function(e, f)
			local list = region.counties(counties[f.id_number])
			return say.fmt("身份证号 %s 同时登记在 %d 个县 (%s): ", "ID number %s is a member of households in %d counties (%s): ",
				f.id_number, #list, table.concat(list, ", "))
		end)
		for r in ctx:rows([[
			WITH multi AS MATERIALIZED (SELECT id_number FROM members GROUP BY id_number HAVING count(*) > 1),
			     cross AS MATERIALIZED (
			       SELECT d.id_number FROM multi d CROSS JOIN members m ON m.id_number = d.id_number
			       JOIN households h ON h.id = m.household_id
			       GROUP BY d.id_number HAVING count(DISTINCT substr(h.village_code, 1, 6)) > 1)
			SELECT m.id_number, m.name, h.id AS household_id, h.village_code, h.status
			FROM cross d CROSS JOIN members m ON m.id_number = d.id_number
			JOIN households h ON h.id = m.household_id
			ORDER BY m.id_number, h.village_code, h.id]]) do
			local l = counties[r.id_number] or {}
			l[#l + 1] = r.village_code
			counties[r.id_number] = l
			c.add("person:" .. r.id_number,
				say.fmt("%s 在 县 %s 户 %s (%s)", "%s in county %s, household %s (%s)", r.name,
					region.county(r.village_code) or r.village_code, r.household_id, P.term("status", r.status)), r)
		end
		c.flush()
	end,
}
