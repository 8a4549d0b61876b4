-- precision.village-unknown: households whose village code is not a village.
local say = require "say"
local terms = require "terms"

return {
	id = "precision.village-unknown",
	title = "村代码无效",
	title_en = "unknown village code",
	category = "precision",
	severity = "low",
	entity = "household",
	description = "village_code is not a `village` in regions",
	description_zh = "村代码（`village_code`）在行政区划表中不是一个村（`village`）",
	basis = "GB/T 2260 and the NBS statistical division codes (统计用区划代码); "
		.. "national poverty information system suspect-data category: address",
	basis_zh = "GB/T 2260 和国家统计局统计用区划代码；全国扶贫开发信息系统疑点数据类别：地址信息",
	params = {},
	check = function(ctx, params)
		for r in ctx:rows([[
			SELECT h.id, h.village_code, r.level FROM households h
			LEFT JOIN regions r ON r.code = h.village_code
			WHERE r.level IS NOT 'village' ORDER BY h.id]]) do
			ctx:report {
				entity = "household:" .. r.id,
				message = say.fmt("户 %s 村代码 %s %s", "household %s: village code %s is %s", r.id, r.village_code,
					r.level and say.fmt("为%s级, 不是村", "a %s, not a village", terms.term("level", r.level))
						or say.text("不在区划表中", "not in regions")),
				evidence = { household_id = r.id, village_code = r.village_code, level = r.level },
			}
		end
	end,
}
