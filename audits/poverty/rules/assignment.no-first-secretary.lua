-- assignment.no-first-secretary: active task forces without a (real) first secretary.
local P = require "poverty"

return {
	id = "assignment.no-first-secretary",
	title = "工作队无第一书记 / task force without a first secretary",
	category = "assignment",
	severity = "medium",
	entity = "village",
	basis = "2017 guidance on village task forces: the first secretary (第一书记) leads the task force",
	params = {},
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f)
			return string.format("村 %s %s: ", f.village_code, f.name or "")
		end, "an active task force has no first secretary who is a cadre")
		for r in ctx:rows([[
			SELECT t.village_code, v.name, t.id, t.first_secretary_id FROM task_forces t
			LEFT JOIN regions v ON v.code = t.village_code
			WHERE ]] .. P.active("t") .. [[
			  AND (t.first_secretary_id IS NULL
			       OR NOT EXISTS (SELECT 1 FROM cadres c WHERE c.id = t.first_secretary_id))
			ORDER BY t.village_code, t.id]], ctx.as_of) do
			c.add("village:" .. r.village_code, r.first_secretary_id == nil
				and string.format("工作队 %s 无第一书记", r.id)
				or string.format("工作队 %s 第一书记 %s 不在干部名册", r.id, r.first_secretary_id), r)
		end
		c.flush()
	end,
}
