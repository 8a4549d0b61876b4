-- precision.cause-mismatch: main cause of poverty not borne out by the members.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.cause-mismatch",
	title = "致贫原因与成员情况不符",
	title_en = "cause of poverty not borne out",
	category = "precision",
	severity = "low",
	entity = "household",
	description = "main_cause `illness` with no member whose health is `chronic` or `serious`; `disability` with no `disabled` member; `schooling` with no enrolled member",
	description_zh = "主要致贫原因为因病（`illness`）而没有健康状况为长期慢性病（`chronic`）或大病（`serious`）的成员；因残（`disability`）而没有残疾（`disabled`）成员；因学（`schooling`）而没有在校成员",
	basis = "national poverty information system suspect-data category: cause of poverty vs health and schooling",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：致贫原因与健康、就学情况不符",
	params = {},
	check = function(ctx, params)
		local why = {
			illness = say.text("主要致贫原因 因病, 但无长期慢性病或大病成员",
				"main cause illness, but no member is chronically or seriously ill"),
			disability = say.text("主要致贫原因 因残, 但无残疾成员", "main cause disability, but no member is disabled"),
			schooling = say.text("主要致贫原因 因学, 但无在校生", "main cause schooling, but no member is enrolled"),
		}
		for r in ctx:rows([[
			SELECT h.id, h.main_cause, ]] .. P.head_name_sql("h.id") .. [[ AS head FROM households h
			WHERE (h.main_cause = 'illness' AND NOT EXISTS (SELECT 1 FROM members m
			        WHERE m.household_id = h.id AND m.health IN ('chronic','serious')))
			   OR (h.main_cause = 'disability' AND NOT EXISTS (SELECT 1 FROM members m
			        WHERE m.household_id = h.id AND m.health = 'disabled'))
			   OR (h.main_cause = 'schooling' AND NOT EXISTS (SELECT 1 FROM members m
			        WHERE m.household_id = h.id AND m.school_stage IS NOT NULL))
			ORDER BY h.id]]) do
			ctx:report { entity = "household:" .. r.id, message = P.household(r.id, r.head) .. ": " .. why[r.main_cause],
				evidence = { household_id = r.id, main_cause = r.main_cause } }
		end
	end,
}
