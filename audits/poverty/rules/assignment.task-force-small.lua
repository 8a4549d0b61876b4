-- assignment.task-force-small: active task forces below the minimum size.
local P = require "poverty"
local say = require "say"

return {
	id = "assignment.task-force-small",
	title = "驻村工作队人数不足",
	title_en = "task force too small",
	category = "assignment",
	severity = "medium",
	entity = "village",
	description = "an active task force has fewer than `task_force_min` (3) members",
	description_zh = "在驻工作队的队员少于 `task_force_min`（3）人",
	basis = "2017 guidance on village task forces: a task force has at least 3 members",
	basis_zh = "2017 年关于驻村工作队选派管理的指导意见：每支驻村工作队不少于 3 人",
	params = { task_force_min = 3 },
	check = function(ctx, params)
		P.task_force_check(ctx, "t.members < ?2", { params.task_force_min }, function(r)
			return say.fmt("工作队 %s 仅 %d 人, 少于 %d 人", "task force %s has %d members, fewer than %d", r.id, r.members,
				params.task_force_min)
		end)
	end,
}
