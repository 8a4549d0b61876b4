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
	basis = "county exclusion lists (错评剔除, 九条红线): households running a registered business; "
		.. "2015 audit of Mashan county: 439 registered people running businesses",
	params = { business_min_capital = { type = "money", default = 100000, doc = "registered capital from which a business excludes" } },
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
