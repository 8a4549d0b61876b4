-- assignment.no-visit: paired households not visited within the gap limit.
local dates = require "dates"
local P = require "poverty"
local say = require "say"

return {
	id = "assignment.no-visit",
	title = "长期未入户走访",
	title_en = "no visit within the gap limit",
	category = "assignment",
	severity = "medium",
	entity = "household",
	description = "a household with an active pairing has had no visit in the `max_visit_gap_days` (45) days up to `as_of`, counting from the pairing's start when that is later",
	description_zh = "存在有效结对的户在截至 `as_of` 的 `max_visit_gap_days`（45）天内没有走访记录；结对开始日期较晚的，从结对开始日期算起",
	basis = "2017 guidance on helper assignment: helpers visit their households at least monthly (每月至少走访一次); "
		.. "the gap limit is a parameter",
	basis_zh = "2017 年关于帮扶责任人管理的指导意见：帮扶责任人每月至少走访一次所帮扶户；间隔天数上限可由参数设定",
	params = { max_visit_gap_days = { type = "integer", default = 45, unit = "days" } },
	check = function(ctx, params)
		-- The gap runs to as_of from the later of the last visit (on or before
		-- as_of) and the start of the household's earliest active pairing; a
		-- finding when it exceeds the limit, so a visit exactly
		-- max_visit_gap_days before as_of is in time.
		local limit = math.tointeger(tonumber(params.max_visit_gap_days))
		local cut = dates.add_days(ctx.as_of, -limit)
		for r in ctx:rows([[
			SELECT a.household_id, a.first_start, ]] .. P.head_name_sql("a.household_id") .. [[ AS head,
			       (SELECT max(v.visit_date) FROM visits v WHERE v.household_id = a.household_id
			          AND v.visit_date <= ?1) AS last_visit
			FROM (SELECT p.household_id, min(p.start_date) AS first_start FROM pairings p
			      WHERE ]] .. P.active("p") .. [[ GROUP BY p.household_id) a
			WHERE a.first_start < ?2
			  AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = a.household_id
			                  AND v.visit_date >= ?2 AND v.visit_date <= ?1)
			ORDER BY a.household_id]], ctx.as_of, cut) do
			local since = r.last_visit
			if since == nil or r.first_start > since then since = r.first_start end
			local gap = dates.days_between(since, ctx.as_of)
			ctx:report {
				entity = "household:" .. r.household_id,
				message = say.fmt("%s %s, 至 %s 已 %s 天未走访, 超过 %d 天", "%s %s: on %s, %s days without a visit, more than %d",
					P.household(r.household_id, r.head),
					r.last_visit and say.fmt("最近走访 %s", "last visited %s", r.last_visit)
						or say.fmt("自结对 %s 起从未走访", "never visited since the pairing began %s", r.first_start),
					ctx.as_of, tostring(gap), limit),
				evidence = { household_id = r.household_id, last_visit = r.last_visit, pairing_start = r.first_start,
					gap_days = gap },
			}
		end
	end,
}
