-- precision.business: registered households whose member runs a sizeable active business.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.business",
	title = "家庭成员为企业法人",
	title_en = "member runs a registered business",
	category = "precision",
	severity = "high",
	entity = "household",
	description = "a member of a registered household is legal representative of an `active` business with capital ≥ `business_min_capital` (100000)",
	description_zh = "建档立卡户的成员是注册资本不低于 `business_min_capital`（100000 元）、状态为存续（`active`）的企业的法定代表人",
	basis = "county exclusion lists (错评剔除, 九条红线): households running a registered business; "
		.. "2015 audit of Mashan county: 439 registered people running businesses",
	basis_zh = "县级错评剔除清单（九条红线）：家庭成员经营注册企业的；2015 年审计马山县：439 名建档立卡人员经营企业",
	params = { business_min_capital = { type = "money", default = 100000, doc = "registered capital from which a business excludes", doc_zh = "注册资本达到此金额的企业，其法定代表人所在户应剔除" } },
	check = function(ctx, params)
		P.member_in_roster(ctx, {
			from = "businesses b", on = "b.legal_rep_id_number", columns = "b.name AS business, b.capital",
			where = "b.status = 'active' AND b.capital >= ?1", order = "b.name",
			args = { params.business_min_capital },
			fact = function(r)
				return say.fmt("%s %s 为 %s 法定代表人, 注册资本 %s", "%s %s is legal representative of %s, capital %s",
					P.role(r.relation), P.person(r.name, r.id_number), r.business, P.yuan(r.capital))
			end,
		})
	end,
}
