-- precision.cadre-is-poor: a helper cadre listed as a member of a registered household.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.cadre-is-poor",
	title = "帮扶干部本人为贫困户成员",
	title_en = "helper cadre is a registered member",
	category = "precision",
	severity = "high",
	entity = "household",
	description = "a helper cadre (cadres.id_number) is a member of a registered household",
	description_zh = "帮扶干部（`cadres.id_number`）本人是建档立卡户的成员",
	basis = "county exclusion lists (错评剔除): village and helper cadres and their families "
		.. "(干部优亲厚友)",
	basis_zh = "县级错评剔除清单：村干部、帮扶干部及其亲属（干部优亲厚友）",
	params = {},
	check = function(ctx, params)
		P.member_in_roster(ctx, {
			from = "cadres c", on = "c.id_number", columns = "c.id AS cadre_id, c.unit", order = "c.id",
			fact = function(r)
				return say.fmt("%s %s 是帮扶干部 %s%s", "%s %s is helper cadre %s%s", P.role(r.relation),
					P.person(r.name, r.id_number), r.cadre_id, r.unit and (" (" .. r.unit .. ")") or "")
			end,
		})
	end,
}
