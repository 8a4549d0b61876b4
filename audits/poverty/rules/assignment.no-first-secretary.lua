-- assignment.no-first-secretary: active task forces without a (real) first secretary.
local P = require "poverty"
local say = require "say"

return {
	id = "assignment.no-first-secretary",
	title = "工作队无第一书记",
	title_en = "task force without a first secretary",
	category = "assignment",
	severity = "medium",
	entity = "village",
	description = "an active task force has no first secretary, or the first secretary is not a cadre",
	description_zh = "在驻工作队没有第一书记，或第一书记不在干部名册中",
	basis = "2017 guidance on village task forces: the first secretary (第一书记) leads the task force",
	basis_zh = "2017 年关于驻村工作队选派管理的指导意见：驻村工作队由第一书记牵头",
	params = {},
	check = function(ctx, params)
		P.task_force_check(ctx, [[(t.first_secretary_id IS NULL
			OR NOT EXISTS (SELECT 1 FROM cadres c WHERE c.id = t.first_secretary_id))]], {}, function(r)
			if r.first_secretary_id == nil then return say.fmt("工作队 %s 无第一书记", "task force %s has no first secretary", r.id) end
			return say.fmt("工作队 %s 第一书记 %s 不在干部名册", "task force %s: first secretary %s is not in the cadre roster",
				r.id, r.first_secretary_id)
		end)
	end,
}
