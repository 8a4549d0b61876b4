-- precision.school-age: school stage impossible for the age.
local idcard = require "idcard"
local P = require "poverty"
local say = require "say"


return {
	id = "precision.school-age",
	title = "在校生状况与年龄不符",
	title_en = "school stage does not fit the age",
	category = "precision",
	severity = "low",
	entity = "person",
	description = "age ≤ 14 and enrolled in `senior`, `vocational` or `college`; or age ≥ 20 and enrolled in `primary`",
	description_zh = "年龄不超过 14 岁却就读高中（`senior`）、中职（`vocational`）或高校（`college`）；或年龄不小于 20 岁却就读小学（`primary`）",
	basis = "national poverty information system suspect-data category: school stage vs age (在校生与年龄)",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：在校生就读阶段与年龄不符",
	params = { young_max_age = 14, adult_min_age = 20 },
	check = function(ctx, params)
		local done = {}
		for r in ctx:rows([[
			SELECT id_number, name, household_id, birth_date, school_stage FROM members NOT INDEXED
			WHERE (school_stage IN ('senior','vocational','college')
			       AND ]] .. idcard.sql_age_maybe("birth_date", "id_number", 0, params.young_max_age, "?1") .. [[)
			   OR (school_stage = 'primary'
			       AND ]] .. idcard.sql_birth("birth_date", "id_number") .. [[ <= date(?1, '-' || (?2 - 1) || ' years'))]],
			ctx.as_of, params.adult_min_age) do
			local age = idcard.person_age(r.birth_date, r.id_number, ctx.as_of)
			if age and not done[r.id_number] and ((age <= params.young_max_age and r.school_stage ~= "primary")
				or (age >= params.adult_min_age and r.school_stage == "primary")) then
				done[r.id_number] = true
				ctx:report {
					entity = "person:" .. r.id_number,
					message = say.fmt("成员 %s (户 %s) %d 岁, 在校生状况 %s", "member %s (household %s) aged %d is enrolled in %s",
						P.person(r.name, r.id_number), r.household_id, age, P.term("school_stage", r.school_stage)),
					evidence = { id_number = r.id_number, name = r.name, age = age, school_stage = r.school_stage },
				}
			end
		end
	end,
}
