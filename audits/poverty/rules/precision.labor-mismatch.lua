-- precision.labor-mismatch: labour ability that contradicts age, health or migrant work.
local idcard = require "idcard"
local P = require "poverty"
local say = require "say"

return {
	id = "precision.labor-mismatch",
	title = "劳动能力与年龄健康务工不符",
	title_en = "labour ability contradicts the facts",
	category = "precision",
	severity = "low",
	entity = "person",
	description = "a member aged 16–59, health `healthy`, not enrolled, has labor `lost` or `none`; or a member with labor `lost`/`none` has migrant_months > 0",
	description_zh = "16—59 岁、健康状况为健康（`healthy`）、不在校的成员，劳动能力为丧失劳动力（`lost`）或无劳动力（`none`）；或劳动能力为丧失劳动力、无劳动力的成员务工月数（`migrant_months`）大于 0",
	basis = "national poverty information system suspect-data category: labour vs work (劳动能力与务工)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：劳动能力与务工情况",
	params = { working_age_min = 16, working_age_max = 59 },
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f)
			return say.fmt("成员 %s (户 %s) 劳动技能 %s: ", "member %s (household %s) has labour '%s': ",
				P.person(f.name, f.id_number), f.household_id, P.term("labor", f.labor))
		end)
		for r in ctx:rows([[
			SELECT id_number, name, household_id, birth_date, health, school_stage, labor, migrant_months
			FROM members NOT INDEXED WHERE labor IN ('lost','none')
			  AND ((health = 'healthy' AND school_stage IS NULL
			        AND ]] .. idcard.sql_age_maybe("birth_date", "id_number", params.working_age_min, params.working_age_max, "?1") .. [[)
			       OR migrant_months > 0)]], ctx.as_of) do
			local e = "person:" .. r.id_number
			local age = idcard.person_age(r.birth_date, r.id_number, ctx.as_of)
			if r.health == "healthy" and r.school_stage == nil and age
				and age >= params.working_age_min and age <= params.working_age_max then
				c.add(e, say.fmt("%d 岁, 健康, 未在校", "aged %d, healthy, not enrolled", age), r)
			end
			if (r.migrant_months or 0) > 0 then
				c.add(e, say.fmt("外出务工 %d 个月", "worked away %d months", r.migrant_months), r)
			end
		end
		c.flush()
	end,
}
