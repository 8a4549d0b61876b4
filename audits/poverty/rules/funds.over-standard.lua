-- funds.over-standard: industry support to one household above the yearly standard.
local P = require "poverty"
local say = require "say"

return {
	id = "funds.over-standard",
	title = "产业扶持超标准",
	title_en = "industry support above the standard",
	category = "funds",
	severity = "medium",
	entity = "household",
	description = "payments of purpose `industry` to one household in one calendar year exceed `industry_max_per_year` (5000)",
	description_zh = "同一户一个自然年度内用途为产业扶持（`industry`）的发放合计超过 `industry_max_per_year`（5000 元）",
	basis = "county industry-support standards (产业奖补标准) and National Audit Office findings of "
		.. "payments above the standard (超标准发放)",
	basis_zh = "县级产业奖补标准，以及审计署发现的超标准发放问题",
	params = { industry_max_per_year = { type = "money", default = 5000, doc = "industry support per household and year", doc_zh = "每户每年产业扶持的上限" } },
	check = function(ctx, params)
		local max = params.industry_max_per_year
		local c = P.collector(ctx, function(e, f)
			return say.fmt("%s 产业扶持 ", "%s, industry support: ", P.household(f.payee_id))
		end)
		for r in ctx:rows([[
			SELECT p.payee_id, substr(p.paid_date, 1, 4) AS year, sum(p.amount) AS total, count(*) AS n
			FROM payments p NOT INDEXED
			WHERE p.payee_kind = 'household' AND ]] .. P.purpose_is("p", "'industry'") .. [[
			GROUP BY p.payee_id, substr(p.paid_date, 1, 4) HAVING sum(p.amount) > ?2
			ORDER BY p.payee_id, year]], ctx.as_of, max) do
			c.add("household:" .. r.payee_id, say.fmt("%s 年 %d 笔共 %s, 超过 %s", "in %s %d payments of %s in all, more than %s",
				r.year, r.n, P.yuan(r.total), P.yuan(max)), r)
		end
		c.flush()
	end,
}
