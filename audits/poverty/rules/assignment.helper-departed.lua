-- assignment.helper-departed: active pairings whose cadre has left.
local P = require "poverty"
local say = require "say"

return {
	id = "assignment.helper-departed",
	title = "帮扶干部已离岗仍结对",
	title_en = "helper left but pairing still active",
	category = "assignment",
	severity = "medium",
	entity = "household",
	description = "an active pairing's cadre has an end_date on or before `as_of`",
	description_zh = "有效结对的帮扶干部离岗日期（`end_date`）在 `as_of` 当日或之前",
	basis = "2017 guidance on helper assignment: a helper who leaves is replaced (帮扶责任人调整)",
	basis_zh = "2017 年关于帮扶责任人管理的指导意见：帮扶责任人离岗的，应及时调整（帮扶责任人调整）",
	params = {},
	check = function(ctx, params)
		local c = P.collector(ctx, function(e, f) return P.household(f.household_id, f.head) .. ": " end)
		for r in ctx:rows([[
			SELECT p.household_id, ]] .. P.head_name_sql("p.household_id") .. [[ AS head,
			       c.id AS cadre_id, c.name, c.end_date, p.start_date
			FROM pairings p JOIN cadres c ON c.id = p.cadre_id
			WHERE ]] .. P.active("p") .. [[ AND c.end_date <= ?1
			ORDER BY p.household_id, c.id]], ctx.as_of) do
			c.add("household:" .. r.household_id,
				say.fmt("%s 已于 %s 离岗, 结对 (自 %s) 仍有效", "%s left duty on %s, the pairing (since %s) is still active",
					P.cadre(r.cadre_id, r.name), r.end_date, r.start_date), r)
		end
		c.flush()
	end,
}
