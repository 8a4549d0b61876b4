-- assignment.visit-burst: cadres recording implausibly many households on one day.
local P = require "poverty"
local say = require "say"

return {
	id = "assignment.visit-burst",
	title = "单日走访户数异常",
	title_en = "too many visits in one day",
	category = "assignment",
	severity = "medium",
	entity = "cadre",
	description = "the cadre recorded visits to more than `max_visits_per_day` (8) distinct households on one day",
	description_zh = "帮扶干部同一天记录的走访户数（不同户）超过 `max_visits_per_day`（8）户",
	basis = "National Audit Office poverty audit findings on false helper records (虚假走访, 填表式帮扶)",
	basis_zh = "审计署扶贫审计发现的帮扶记录造假问题（虚假走访、填表式帮扶）",
	params = { max_visits_per_day = 8 },
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f)
			return say.fmt("%s 单日走访户数超过 %d: ", "%s visited more than %d households in one day: ", P.cadre(f.cadre_id, f.name),
				params.max_visits_per_day)
		end)
		for r in ctx:rows([[
			WITH busy AS MATERIALIZED (  -- days with many visits, from the covering index
			  SELECT cadre_id, visit_date FROM visits WHERE visit_date <= ?1
			  GROUP BY cadre_id, visit_date HAVING count(*) > ?2)
			SELECT v.cadre_id, c.name, v.visit_date, count(DISTINCT v.household_id) AS n
			FROM busy b JOIN visits v ON v.cadre_id = b.cadre_id AND v.visit_date = b.visit_date
			LEFT JOIN cadres c ON c.id = v.cadre_id
			GROUP BY v.cadre_id, v.visit_date HAVING count(DISTINCT v.household_id) > ?2
			ORDER BY v.cadre_id, v.visit_date]], ctx.as_of, params.max_visits_per_day) do
			c.add("cadre:" .. r.cadre_id, say.fmt("%s 走访 %d 户", "%s %d households", r.visit_date, r.n), r)
		end
		c.flush()
	end,
}
