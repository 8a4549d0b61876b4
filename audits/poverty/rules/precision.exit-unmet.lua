-- precision.exit-unmet: exited households failing one of the three guarantees.
local idcard = require "idcard"
local P = require "poverty"
local say = require "say"

return {
	id = "precision.exit-unmet",
	title = "脱贫户三保障未达标",
	title_en = "exited without the three guarantees",
	category = "precision",
	severity = "high",
	entity = "household",
	description = "status `exited` and one of the three guarantees fails: housing_grade `C`/`D`, water_safe false, a member aged 6–15 not enrolled and not school_exempt, or a member not medical_insured",
	description_zh = "状态为已脱贫（`exited`），而“三保障”有一项未达标：住房等级为 `C`/`D` 级，饮水不安全（`water_safe` 为假），有 6—15 岁成员未在校且未办理免学（`school_exempt`），或有成员未参加基本医疗保险（`medical_insured`）",
	basis = "2016 opinion on the poverty exit mechanism (关于建立贫困退出机制的意见): "
		.. "两不愁三保障 - compulsory education, basic medical care, safe housing and drinking water",
	basis_zh = "2016 年《关于建立贫困退出机制的意见》：两不愁三保障——义务教育、基本医疗、住房安全有保障，饮水安全",
	params = { school_age_min = 6, school_age_max = 15 },
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f)
			return P.household(f.household_id, f.head) .. say.text(" 已脱贫, ", " exited although ")
		end)
		for r in ctx:rows([[
			WITH hit AS MATERIALIZED (
			  SELECT h.id AS household_id, 'house' AS what, h.housing_grade AS v,
			         NULL AS name, NULL AS id_number, NULL AS birth_date, NULL AS insured, NULL AS unschooled
			  FROM households h WHERE h.status = 'exited' AND h.housing_grade IN ('C','D')
			  UNION ALL
			  SELECT h.id, 'water', NULL, NULL, NULL, NULL, NULL, NULL
			  FROM households h WHERE h.status = 'exited' AND h.water_safe = 0
			  UNION ALL
			  SELECT m.household_id, 'member', NULL, m.name, m.id_number, m.birth_date, m.medical_insured,
			         m.school_stage IS NULL AND m.school_exempt IS NOT 1
			  FROM members m NOT INDEXED
			  WHERE (m.medical_insured = 0
			         OR (m.school_stage IS NULL AND m.school_exempt IS NOT 1
			             AND ]] .. idcard.sql_age_maybe("m.birth_date", "m.id_number", params.school_age_min, params.school_age_max, "?1") .. [[))
			    AND EXISTS (SELECT 1 FROM households h WHERE h.id = m.household_id AND h.status = 'exited'))
			SELECT hit.*, ]] .. P.head_name_sql("hit.household_id") .. [[ AS head FROM hit
			ORDER BY household_id, what, id_number]], ctx.as_of) do
			local e = "household:" .. r.household_id
			if r.what == "house" then
				c.add(e, say.fmt("住房安全等级 %s 级危房", "the house is dangerous (grade %s)", r.v), r)
			elseif r.what == "water" then
				c.add(e, say.text("饮水不安全", "drinking water is unsafe"), r)
			else
				local age = r.unschooled == 1 and idcard.person_age(r.birth_date, r.id_number, ctx.as_of)
				if age and age >= params.school_age_min and age <= params.school_age_max then
					c.add(e, say.fmt("成员 %s %d 岁未在校且无免学", "member %s aged %d is not enrolled and not exempt",
						P.person(r.name, r.id_number), age), r)
				end
				if r.insured == 0 then
					c.add(e, say.fmt("成员 %s 未参加医保", "member %s is not medically insured", P.person(r.name, r.id_number)), r)
				end
			end
		end
		c.flush()
	end,
}
