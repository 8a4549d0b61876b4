-- precision.id-birth-mismatch: birth_date differs from the date in the ID number.
local idcard = require "idcard"
local say = require "say"

return {
	id = "precision.id-birth-mismatch",
	title = "出生日期与身份证号不符",
	title_en = "birth date differs from the ID number",
	category = "precision",
	severity = "low",
	entity = "person",
	description = "birth_date is present and differs from the birth date encoded in the ID number",
	description_zh = "出生日期（`birth_date`）不为空，且与身份证号中的出生日期不一致",
	basis = "GB 11643-1999 (characters 7-14 are the birth date); "
		.. "national poverty information system suspect-data category: ID numbers",
	basis_zh = "GB 11643-1999（第 7—14 位为出生日期）；全国扶贫开发信息系统疑点数据类别：身份证号",
	params = {},
	check = function(ctx, params)
		local done = {}
		for r in ctx:rows([[
			SELECT id_number, name, household_id, birth_date FROM members NOT INDEXED
			WHERE birth_date IS NOT NULL AND length(id_number) >= 14
			  AND birth_date <> substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2)
]]) do
			local coded = idcard.birth_date(r.id_number)
			if coded and coded ~= r.birth_date and not done[r.id_number] then
				done[r.id_number] = true
				ctx:report {
					entity = "person:" .. r.id_number,
					message = say.fmt("成员 %s (户 %s) 出生日期 %s, 身份证号 %s 中为 %s",
						"member %s (household %s): birth date %s, the ID number %s says %s",
						r.name, r.household_id, r.birth_date, r.id_number, coded),
					evidence = { id_number = r.id_number, name = r.name, birth_date = r.birth_date, id_birth_date = coded },
				}
			end
		end
	end,
}
