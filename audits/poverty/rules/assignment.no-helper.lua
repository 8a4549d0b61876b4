-- assignment.no-helper: poor (and exited) households without a helper on duty.
local P = require "poverty"
local say = require "say"

return {
	id = "assignment.no-helper",
	title = "未落实帮扶责任人",
	title_en = "no helper cadre",
	category = "assignment",
	severity = "high",
	entity = "household",
	description = "a household with status `poor` (also `exited` when `include_exited`, default true: 脱贫不脱帮扶) has no active pairing whose cadre is still on duty",
	description_zh = "状态为未脱贫（`poor`）的户（`include_exited` 为真时，默认为真，也包括已脱贫（`exited`）户：脱贫不脱帮扶）没有帮扶干部仍在岗的有效结对",
	basis = "2017 guidance on helper assignment (结对帮扶全覆盖): every poor household has a named helper; "
		.. "脱贫不脱帮扶 for exited households",
	basis_zh = "2017 年关于帮扶责任人管理的指导意见（结对帮扶全覆盖）：每个贫困户都有明确的帮扶责任人；已脱贫户脱贫不脱帮扶",
	params = { include_exited = true },
	check = function(ctx, params)
		local incl = params.include_exited
		if incl == "false" or incl == "0" or incl == 0 then incl = false end
		for r in ctx:rows([[
			SELECT h.id, h.status, ]] .. P.head_name_sql("h.id") .. [[ AS head,
			       (SELECT count(*) FROM pairings p WHERE p.household_id = h.id AND ]] .. P.active("p") .. [[) AS pairings
			FROM households h
			WHERE (h.status = 'poor' OR (?2 AND h.status = 'exited'))
			  AND NOT EXISTS (SELECT 1 FROM pairings p JOIN cadres c ON c.id = p.cadre_id
			                  WHERE p.household_id = h.id AND ]] .. P.active("p") .. " AND " .. P.on_duty("c") .. [[)
			ORDER BY h.id]], ctx.as_of, incl and 1 or 0) do
			local why = r.pairings == 0 and say.text("无有效结对", "no active pairing")
				or say.fmt("%d 个有效结对的干部均已离岗", "the cadres of its %d active pairings are off duty", r.pairings)
			ctx:report {
				entity = "household:" .. r.id,
				message = say.fmt("%s (%s) 无在岗帮扶责任人: %s", "%s (%s) has no helper cadre on duty: %s",
					P.household(r.id, r.head), P.term("status", r.status), why),
				evidence = { household_id = r.id, status = r.status, active_pairings = r.pairings },
			}
		end
	end,
}
