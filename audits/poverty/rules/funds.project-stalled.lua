-- funds.project-stalled: projects long overdue or completed but never accepted.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.project-stalled",
	title = "项目停滞或未验收",
	title_en = "project stalled or not accepted",
	category = "funds",
	severity = "medium",
	entity = "project",
	description = "a project not completed more than `stall_days` (180) days after planned_end, or completed but not accepted more than `stall_days` after completion",
	description_zh = "项目超过计划完工日期（`planned_end`）`stall_days`（180）天仍未完工，或完工后超过 `stall_days` 天仍未验收",
	basis = "National Audit Office poverty-fund audit announcements: stalled projects and projects not "
		.. "accepted after completion (项目建设滞后, 未验收)",
	basis_zh = "审计署扶贫资金审计结果公告：项目建设滞后、完工后未验收",
	params = { stall_days = { type = "integer", default = 180, unit = "days" } },
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT id, name, village_code, budget, planned_end, completed_date, accepted,
			       CAST(julianday(?1) - julianday(coalesce(completed_date, planned_end)) AS INTEGER) AS days
			FROM projects
			WHERE (completed_date IS NULL AND julianday(?1) - julianday(planned_end) > ?2)
			   OR (completed_date IS NOT NULL AND accepted = 0 AND julianday(?1) - julianday(completed_date) > ?2)
			ORDER BY id]], ctx.as_of, params.stall_days) do
			local what
			if r.completed_date == nil then
				what = say.fmt("计划 %s 完工, 至 %s 逾期 %d 天仍未完工", "planned to end %s, on %s still not completed %d days later",
					r.planned_end, ctx.as_of, r.days)
			else
				what = say.fmt("%s 完工, 至 %s 已 %d 天仍未验收", "completed %s, on %s still not accepted %d days later",
					r.completed_date, ctx.as_of, r.days)
			end
			ctx:report {
				entity = "project:" .. r.id,
				message = say.fmt("项目 %s %s%s: %s", "project %s %s%s: %s", r.id, r.name,
					r.budget and say.fmt(" (预算 %s)", " (budget %s)", P.yuan(r.budget)) or "", what),
				evidence = { project_id = r.id, planned_end = r.planned_end, completed_date = r.completed_date,
					accepted = r.accepted, days = r.days },
			}
		end
	end,
}
