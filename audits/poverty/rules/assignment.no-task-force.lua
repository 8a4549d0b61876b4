-- assignment.no-task-force: poor villages not exited without a stationed task force.
local P = require "poverty"
local say = require "say"

return {
	id = "assignment.no-task-force",
	title = "贫困村未派驻工作队",
	title_en = "poor village without a task force",
	category = "assignment",
	severity = "high",
	entity = "village",
	description = "a poor village not exited (exit_year empty or > year of `as_of`) has no active task force",
	description_zh = "未出列的贫困村（出列年份为空或晚于 `as_of` 所在年度）没有在驻工作队",
	basis = "2017 guidance on village task forces (关于加强贫困村驻村工作队选派管理工作的指导意见): "
		.. "every poor village has a stationed task force",
	basis_zh = "2017 年《关于加强贫困村驻村工作队选派管理工作的指导意见》：每个贫困村都派驻工作队",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT v.code, v.name, v.exit_year FROM regions v
			WHERE v.level = 'village' AND v.poor_village = 1
			  AND (v.exit_year IS NULL OR v.exit_year > CAST(substr(?1, 1, 4) AS INTEGER))
			  AND NOT EXISTS (SELECT 1 FROM task_forces t WHERE t.village_code = v.code AND ]] .. P.active("t") .. [[)
			ORDER BY v.code]], ctx.as_of) do
			ctx:report {
				entity = "village:" .. r.code,
				message = say.fmt("贫困村 %s 未出列, %s 无在驻工作队", "poor village %s has not exited and has no task force on %s",
					P.named(r.name, r.code), ctx.as_of),
				evidence = { village_code = r.code, name = r.name, exit_year = r.exit_year },
			}
		end
	end,
}
