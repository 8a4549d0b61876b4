-- precision.welfare-conflict: dibao at the same time as wubao or tekun.
local P = require "poverty"
local say = require "say"


return {
	id = "precision.welfare-conflict",
	title = "低保与特困/五保重复享受",
	title_en = "dibao together with wubao or tekun",
	category = "precision",
	severity = "medium",
	entity = "person",
	description = "the person has active `dibao` and active `wubao` or `tekun` at once",
	description_zh = "该人员同时享受低保（`dibao`）和五保（`wubao`）或特困（`tekun`）待遇",
	basis = "national poverty information system suspect-data category: welfare conflicts; "
		.. "Interim Measures for Social Assistance (社会救助暂行办法): tekun support and dibao are not drawn together",
	basis_zh = "全国扶贫开发信息系统疑点数据类别：救助待遇冲突；《社会救助暂行办法》：特困人员供养与低保不得同时享受",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT d.id_number, min(d.start_date) AS dibao_start, group_concat(DISTINCT o.program) AS others,
			       min(o.start_date) AS other_start,
			       (SELECT name FROM members m WHERE m.id_number = d.id_number ORDER BY m.household_id LIMIT 1) AS name
			FROM welfare d JOIN welfare o ON o.id_number = d.id_number AND o.program IN ('wubao','tekun')
			WHERE d.program = 'dibao' AND ]] .. P.active("d") .. " AND " .. P.active("o") .. [[
			GROUP BY d.id_number ORDER BY d.id_number]], ctx.as_of) do
			local other = {}
			for p in r.others:gmatch("[^,]+") do other[#other + 1] = P.term("program", p) end
			ctx:report {
				entity = "person:" .. r.id_number,
				message = say.fmt("%s 同时享受 低保 (自 %s) 与 %s (自 %s)", "%s draws dibao (since %s) together with %s (since %s)",
					P.person(r.name, r.id_number), r.dibao_start or "?", say.join(other, say.text("、", ", ")), r.other_start or "?"),
				evidence = { id_number = r.id_number, others = r.others, dibao_start = r.dibao_start },
			}
		end
	end,
}
