-- assignment.cadre-cross-county: one cadre (by ID number, else by cadre id)
-- with active pairings with households in two or more counties.
local P = require "poverty"
local region = require "region"
local say = require "say"

return {
	id = "assignment.cadre-cross-county",
	title = "帮扶干部跨县结对",
	title_en = "helper cadre paired in several counties",
	category = "assignment",
	severity = "medium",
	entity = "cadre",
	description = "one cadre (the cadres rows of one ID number, or one cadre id when the ID number is empty) has active pairings with households in more than one county, by the county code of the households' villages; one finding per cadre row, so each county sees its own; needs a db of several counties",
	description_zh = "同一名帮扶干部（身份证号相同的各条干部记录，身份证号为空时按干部编号）按所结对户所在村的县级代码，同时与一个以上县的户有有效结对；每条干部记录一条问题，各县各看到自己的一条；需要包含多个县数据的数据库",
	basis = "helpers are sent by units of the county and pair with households there (结对帮扶 within the county); a helper on two counties' rolls is double-counted or fictitious",
	basis_zh = "帮扶责任人由本县单位选派，在本县结对帮扶；同时出现在两个县帮扶名册上的干部属于重复统计或虚报",
	params = {},
	check = function(ctx, params)
		local pairs_of = {}
		local rows = {}
		for r in ctx:rows([[
			WITH cp AS MATERIALIZED (
			  SELECT coalesce(nullif(c.id_number, ''), 'id:' || c.id) AS who, c.id, c.name, c.id_number,
			         p.household_id, h.village_code
			  FROM cadres c JOIN pairings p ON p.cadre_id = c.id JOIN households h ON h.id = p.household_id
			  WHERE ]] .. P.active("p") .. [[),
			     cross AS MATERIALIZED (
			  SELECT who FROM cp GROUP BY who HAVING count(DISTINCT substr(village_code, 1, 6)) > 1)
			SELECT cp.* FROM cp JOIN cross USING (who) ORDER BY who, village_code, household_id, id]], ctx.as_of) do
			local l = pairs_of[r.who]
			if not l then
				l = { codes = {}, facts = {}, cadres = {}, seen = {} }
				pairs_of[r.who] = l
				rows[#rows + 1] = r.who
			end
			l.codes[#l.codes + 1] = r.village_code
			l.facts[#l.facts + 1] = say.fmt("县 %s 户 %s (%s)", "county %s household %s (%s)",
				region.county(r.village_code) or r.village_code, r.household_id, r.id)
			if not l.seen[r.id] then
				l.seen[r.id] = true
				l.cadres[#l.cadres + 1] = r
			end
		end
		for _, who in ipairs(rows) do
			local l = pairs_of[who]
			local list = region.counties(l.codes)
			for _, c in ipairs(l.cadres) do
				ctx:report {
					entity = "cadre:" .. c.id,
					message = say.join({
						say.fmt("%s (身份证号 %s) 在 %d 个县 (%s) 结对帮扶: ", "%s (ID number %s) has active pairings in %d counties (%s): ",
							P.cadre(c.id, c.name), c.id_number or "-", #list, table.concat(list, ", ")),
						say.join(l.facts, "; ") }, ""),
					evidence = { cadre_id = c.id, id_number = c.id_number, counties = table.concat(list, ","),
						pairings = #l.facts },
				}
			end
		end
	end,
}
