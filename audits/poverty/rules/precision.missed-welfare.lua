-- precision.missed-welfare: people on dibao or tekun who are in no registered household.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.missed-welfare",
	title = "低保特困人员未纳入建档立卡",
	title_en = "welfare recipient not registered",
	category = "precision",
	severity = "medium",
	entity = "person",
	description = "the person has active `dibao` or `tekun` welfare but is not a member of any registered household (suspected missed household, 疑似漏评)",
	description_zh = "该人员正在享受低保（`dibao`）或特困（`tekun`）待遇，却不是任何建档立卡户的成员（疑似漏评）",
	basis = "two-system coordination (农村低保制度与扶贫开发政策有效衔接): dibao and tekun households are "
		.. "checked for registration (疑似漏评)",
	basis_zh = "农村低保制度与扶贫开发政策有效衔接（两项制度衔接）：对低保户、特困户核查是否纳入建档立卡（疑似漏评）",
	params = {},
	check = function(ctx, params)
		local function programs(list)
			local v = {}
			for p in list:gmatch("[^,]+") do v[#v + 1] = P.term("program", p) end
			return v
		end
		for r in ctx:rows([[
			WITH hit AS MATERIALIZED (
			  SELECT w.* FROM welfare w NOT INDEXED
			  WHERE w.program IN ('dibao','tekun') AND ]] .. P.active("w") .. [[
			    AND NOT EXISTS (SELECT 1 FROM members m JOIN households h ON h.id = m.household_id
			                    WHERE m.id_number = w.id_number AND ]] .. P.registered("h") .. [[))
			SELECT id_number, group_concat(DISTINCT program) AS programs, min(start_date) AS start_date,
			       max(monthly_amount) AS monthly_amount
			FROM hit GROUP BY id_number ORDER BY id_number]], ctx.as_of) do
			ctx:report {
				entity = "person:" .. r.id_number,
				message = say.fmt("%s 享受 %s (自 %s%s), 不在任何建档立卡户中 (疑似漏评)",
					"%s draws %s (since %s%s) but is in no registered household (suspected missed household)",
					r.id_number, say.join(programs(r.programs), say.text("、", ", ")), r.start_date or "?",
					r.monthly_amount and say.fmt(", 每月 %s", ", %s a month", P.yuan(r.monthly_amount)) or ""),
				evidence = { id_number = r.id_number, programs = r.programs, start_date = r.start_date },
			}
		end
	end,
}
