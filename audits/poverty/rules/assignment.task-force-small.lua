-- assignment.task-force-small: active task forces below the minimum size.
local P = require "poverty"

return {
	id = "assignment.task-force-small",
	title = "驻村工作队人数不足 / task force too small",
	category = "assignment",
	severity = "medium",
	entity = "village",
	basis = "2017 guidance on village task forces: a task force has at least 3 members",
	params = { task_force_min = 3 },
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f)
			return string.format("村 %s %s: ", f.village_code, f.name or "")
		end, "an active task force has fewer members than the minimum")
		for r in ctx:rows([[
			SELECT t.village_code, v.name, t.id, t.members FROM task_forces t
			LEFT JOIN regions v ON v.code = t.village_code
			WHERE ]] .. P.active("t") .. [[ AND t.members < ?2
			ORDER BY t.village_code, t.id]], ctx.as_of, params.task_force_min) do
			c.add("village:" .. r.village_code,
				string.format("工作队 %s 仅 %d 人, 少于 %d 人", r.id, r.members, params.task_force_min), r)
		end
		c.flush()
	end,
}
