-- precision.exit-unmet: exited households failing one of the three guarantees.
local idcard = require "idcard"
local P = require "poverty"

return {
	id = "precision.exit-unmet",
	title = "脱贫户三保障未达标 / exited without the three guarantees",
	category = "precision",
	severity = "high",
	entity = "household",
	basis = "2016 opinion on the poverty exit mechanism (关于建立贫困退出机制的意见): "
		.. "两不愁三保障 - compulsory education, basic medical care, safe housing and drinking water",
	params = { school_age_min = 6, school_age_max = 15 },
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f) return P.household(f.household_id, f.head) .. " 已脱贫, " end,
			"exited although a guarantee (housing, water, schooling, medical insurance) fails")
		for r in ctx:rows([[
			SELECT h.id AS household_id, ]] .. P.head_name_sql("h.id") .. [[ AS head, 'house' AS what,
			       h.housing_grade AS v, NULL AS name, NULL AS id_number, NULL AS birth_date
			FROM households h WHERE h.status = 'exited' AND h.housing_grade IN ('C','D')
			UNION ALL
			SELECT h.id, ]] .. P.head_name_sql("h.id") .. [[, 'water', NULL, NULL, NULL, NULL
			FROM households h WHERE h.status = 'exited' AND h.water_safe = 0
			UNION ALL
			SELECT h.id, ]] .. P.head_name_sql("h.id") .. [[, 'school', NULL, m.name, m.id_number, m.birth_date
			FROM households h JOIN members m ON m.household_id = h.id
			WHERE h.status = 'exited' AND m.school_stage IS NULL AND m.school_exempt IS NOT 1
			UNION ALL
			SELECT h.id, ]] .. P.head_name_sql("h.id") .. [[, 'insured', NULL, m.name, m.id_number, NULL
			FROM households h JOIN members m ON m.household_id = h.id
			WHERE h.status = 'exited' AND m.medical_insured = 0
			ORDER BY 1, 3, 6]]) do
			local e = "household:" .. r.household_id
			if r.what == "house" then
				c.add(e, string.format("住房安全等级 %s 级危房 (dangerous house grade %s)", r.v, r.v), r)
			elseif r.what == "water" then
				c.add(e, "饮水不安全 (unsafe drinking water)", r)
			elseif r.what == "insured" then
				c.add(e, string.format("成员 %s 未参加医保 (not medically insured)", P.person(r.name, r.id_number)), r)
			else
				local age = idcard.person_age(r.birth_date, r.id_number, ctx.as_of)
				if age and age >= params.school_age_min and age <= params.school_age_max then
					c.add(e, string.format("成员 %s %d 岁未在校且无免学 (aged %d, not enrolled, not exempt)",
						P.person(r.name, r.id_number), age, age), r)
				end
			end
		end
		c.flush()
	end,
}
