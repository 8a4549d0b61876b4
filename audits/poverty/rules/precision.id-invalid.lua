-- precision.id-invalid: member ID numbers that break GB 11643-1999.
local idcard = require "idcard"
local P = require "poverty"
local say = require "say"

return {
	id = "precision.id-invalid",
	title = "身份证号无效",
	title_en = "invalid resident ID number",
	category = "precision",
	severity = "medium",
	entity = "person",
	description = "the ID number is not 18 characters, fails the GB 11643 / ISO 7064 MOD 11-2 check digit, or its birth date (characters 7–14) is not a real date or is after `as_of`",
	description_zh = "身份证号不是 18 位，未通过 GB 11643（`ISO/IEC 7064` 的 `MOD 11-2`）校验码校验，或其出生日期（第 7—14 位）不是真实日期或晚于 `as_of`",
	basis = "GB 11643-1999 公民身份号码 (ISO 7064 MOD 11-2 check character); "
		.. "national poverty information system suspect-data category: ID numbers",
	basis_zh = "GB 11643-1999《公民身份号码》（`ISO/IEC 7064` 的 `MOD 11-2` 校验码）；全国扶贫开发信息系统疑点数据类别：身份证号",
	params = {},
	check = function(ctx, params)
		-- The numbers of 18 bytes (the valid shape) come in slices of the
		-- covering index members(id_number), each slice one text:
		-- idcard.each_invalid checks them byte by byte with no Lua value per
		-- row (a number repeated across a slice's edge is the same text, checked
		-- once). The few of another length are checked one by one. The members
		-- behind the invalid numbers are fetched after, in batches. One finding
		-- per number, naming each household.
		local problem, as_of = idcard.problem, ctx.as_of
		local bad, seen = {}, {}
		local function add(id)
			if not seen[id] then
				seen[id] = true
				bad[#bad + 1] = id
			end
		end
		local last = ""
		repeat
			local r = ctx:one([[SELECT max(id_number) AS last,
				       group_concat(id_number, '') FILTER (WHERE length(CAST(id_number AS BLOB)) = 18) AS ids
				FROM (SELECT id_number FROM members WHERE id_number > ?1 ORDER BY id_number LIMIT 65536)]], last)
			if r.ids then idcard.each_invalid(r.ids, as_of, add) end
			last = r.last
		until last == nil
		for r in ctx:rows("SELECT id_number FROM members WHERE length(CAST(id_number AS BLOB)) <> 18") do
			if problem(r.id_number, as_of) then add(r.id_number) end
		end
		table.sort(bad)
		local c = P.collector(ctx, function(e, f)
			local en, zh = idcard.problem(f.id_number, ctx.as_of)
			return say.fmt("身份证号 %s 无效: %s; 成员 ", "invalid ID number %s: %s; member ", f.id_number, say.text(zh, en))
		end)
		for i = 1, #bad, 200 do
			local batch = table.move(bad, i, math.min(i + 199, #bad), 1, {})
			local sql = "SELECT id_number, name, household_id FROM members WHERE id_number IN ("
				.. string.rep("?", #batch, ",") .. ") ORDER BY id_number, household_id"
			for r in ctx:rows(sql, table.unpack(batch)) do
				c.add("person:" .. r.id_number, say.fmt("%s (户 %s)", "%s (household %s)", r.name, r.household_id), r)
			end
		end
		c.flush()
	end,
}
