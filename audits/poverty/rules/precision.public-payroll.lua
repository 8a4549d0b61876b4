-- precision.public-payroll: registered households with a member on the public payroll.
local P = require "poverty"
local say = require "say"

return {
	id = "precision.public-payroll",
	title = "财政供养人员",
	title_en = "member on the public payroll",
	category = "precision",
	severity = "high",
	entity = "household",
	description = "a member of a registered household is on the public payroll (active record)",
	description_zh = "建档立卡户的成员是财政供养人员（有在职记录）",
	basis = "county exclusion lists (错评剔除, 九条红线): households with a member on the public payroll; "
		.. "2015 audit of Mashan county: 343 registered people on public payroll",
	basis_zh = "县级错评剔除清单（九条红线）：家庭成员为财政供养人员的；2015 年审计马山县：343 名建档立卡人员为财政供养人员",
	params = {},
	check = function(ctx, params)
		P.member_in_roster(ctx, {
			from = "public_payroll pp", on = "pp.id_number", columns = "pp.employer, pp.start_date",
			where = P.active("pp"), order = "pp.employer", args = { ctx.as_of },
			fact = function(r)
				return say.fmt("%s %s 在 %s 财政供养%s", "%s %s is on the public payroll of %s%s", P.role(r.relation),
					P.person(r.name, r.id_number), r.employer,
					r.start_date and say.fmt(" (自 %s)", " (since %s)", r.start_date) or "")
			end,
		})
	end,
}
