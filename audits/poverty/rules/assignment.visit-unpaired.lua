-- assignment.visit-unpaired: visits to households the cadre was not paired with.
local say = require "say"
local P = require "poverty"

return {
	id = "assignment.visit-unpaired",
	title = "走访非结对户",
	title_en = "visit to a household not paired",
	category = "assignment",
	severity = "medium",
	entity = "cadre",
	description = "the cadre recorded a visit to a household it was not paired with on that date (one finding per cadre)",
	description_zh = "帮扶干部记录了对当日并非其结对户的走访（每名干部一条问题）",
	basis = "2017 guidance on helper assignment: visits are recorded by the paired helper; "
		.. "visits to unpaired households suggest false records (虚假走访)",
	basis_zh = "2017 年关于帮扶责任人管理的指导意见：走访由结对帮扶责任人记录；走访非结对户可能是虚假记录（虚假走访）",
	params = { max_listed = 5 },
	check = function(ctx, params)
		local list, texts, count, order, info = {}, {}, {}, {}, {}
		for r in ctx:rows([[
			WITH pr AS MATERIALIZED (SELECT cadre_id, household_id, start_date, end_date FROM pairings)
			SELECT v.cadre_id, c.name, v.household_id, v.visit_date, v.id FROM visits v NOT INDEXED
			LEFT JOIN cadres c ON c.id = v.cadre_id
			WHERE v.visit_date <= ?1
			  AND NOT EXISTS (SELECT 1 FROM pr p WHERE p.cadre_id = v.cadre_id AND p.household_id = v.household_id
			                  AND (p.start_date IS NULL OR p.start_date <= v.visit_date)
			                  AND (p.end_date IS NULL OR p.end_date >= v.visit_date))
			ORDER BY v.cadre_id, v.visit_date, v.household_id, v.id]], ctx.as_of) do
			local e = r.cadre_id
			if not count[e] then
				count[e], list[e], texts[e], info[e] = 0, {}, {}, r
				order[#order + 1] = e
			end
			count[e] = count[e] + 1
			if #list[e] < params.max_listed then
				list[e][#list[e] + 1] = string.format("%s 户 %s", r.visit_date, r.household_id)
				texts[e][#texts[e] + 1] = say.fmt("%s 户 %s", "%s household %s", r.visit_date, r.household_id)
			end
		end
		for _, e in ipairs(order) do
			ctx:report {
				entity = "cadre:" .. e,
				message = say.fmt("%s 有 %d 次走访的户当日未与其结对: %s%s",
					"%s made %d visit(s) to households not paired with the cadre that day: %s%s",
					P.cadre(e, info[e].name), count[e], say.join(texts[e], ", "), count[e] > #list[e] and ", ..." or ""),
				evidence = { cadre_id = e, visits = count[e], first = list[e] },
			}
		end
	end,
}
