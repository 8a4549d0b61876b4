-- assignment.helper-overload: cadres paired with more households than the 653 norm.
local P = require "poverty"
local say = require "say"


return {
	id = "assignment.helper-overload",
	title = "帮扶户数超标",
	title_en = "helper paired with too many households",
	category = "assignment",
	severity = "medium",
	entity = "cadre",
	description = "the cadre has more active pairings than the norm for the rank: `max_households` = {county 6, section 5, staff 3} (the \"653\" standard)",
	description_zh = "帮扶干部在岗结对户数超过其职级的标准：`max_households` = {处级 6 户，科级 5 户，一般干部 3 户}（“653”标准）",
	basis = "the \"653\" helper load standard of Luchuan county (处级 6, 科级 5, 一般干部 3 户)",
	basis_zh = "陆川县帮扶户数“653”标准（处级 6 户，科级 5 户，一般干部 3 户）",
	params = { max_households = { county = 6, section = 5, staff = 3 } },
	check = function(ctx, params)
		local max = params.max_households
		for r in ctx:rows([[
			SELECT c.id, c.name, c.rank, count(*) AS n, group_concat(p.household_id, ', ') AS households
			FROM cadres c JOIN pairings p ON p.cadre_id = c.id
			WHERE ]] .. P.active("p") .. [[
			GROUP BY c.id ORDER BY c.id]], ctx.as_of) do
			local limit = max[r.rank] and tonumber(max[r.rank])
			if limit and r.n > limit then
				ctx:report {
					entity = "cadre:" .. r.id,
					message = say.fmt("%s (%s) 结对 %d 户, 超过 %d 户: %s", "%s (%s) has %d active pairings, more than the norm of %d: %s",
						P.cadre(r.id, r.name), P.term("rank", r.rank), r.n, limit, r.households),
					evidence = { cadre_id = r.id, rank = r.rank, pairings = r.n, max = limit, households = r.households },
				}
			end
		end
	end,
}
