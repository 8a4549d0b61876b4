-- assignment.no-family-doctor: ill or disabled members without a family doctor contract.
local P = require "poverty"
local say = require "say"


return {
	id = "assignment.no-family-doctor",
	title = "患病残疾成员未签约家庭医生",
	title_en = "no family doctor for an ill member",
	category = "assignment",
	severity = "low",
	entity = "person",
	description = "a member of a registered household with health `chronic`, `serious` or `disabled` has no family doctor contract",
	description_zh = "建档立卡户中健康状况为长期慢性病（`chronic`）、大病（`serious`）或残疾（`disabled`）的成员未签约家庭医生",
	basis = "health poverty alleviation (健康扶贫): family doctor contracts for registered poor people "
		.. "with chronic or serious illness and the disabled (家庭医生签约服务)",
	basis_zh = "健康扶贫：对患慢性病、大病的建档立卡贫困人口和残疾人开展家庭医生签约服务",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			WITH hit AS MATERIALIZED (
			  SELECT m.id_number, m.name, m.household_id, m.health FROM members m NOT INDEXED
			  JOIN households h ON h.id = m.household_id
			  WHERE ]] .. P.registered("h") .. [[ AND m.health IN ('chronic','serious','disabled') AND m.family_doctor = 0)
			SELECT id_number, min(name) AS name, min(household_id) AS household_id, min(health) AS health
			FROM hit GROUP BY id_number ORDER BY id_number]]) do
			ctx:report {
				entity = "person:" .. r.id_number,
				message = say.fmt("成员 %s (户 %s) 健康状况 %s, 未签约家庭医生",
					"member %s (household %s), health %s, has no family doctor contract",
					P.person(r.name, r.id_number), r.household_id, P.term("health", r.health)),
				evidence = { id_number = r.id_number, household_id = r.household_id, health = r.health },
			}
		end
	end,
}
