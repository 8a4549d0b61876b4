-- The poverty-alleviation audit pack: the rule catalogue of docs/rules.md,
-- one rule a file (<rule id>.lua), tests beside each (<rule id>.test.lua).
return {
	name = "poverty",
	version = "1.0.0",
	-- shown by `huikan rules` in the language of --lang: Chinese, or English
	description = "建档立卡数据审计：精准识别、帮扶落实、资金使用（见 docs/rules.md）",
	description_en = "audit of the poverty registration data: targeting, assistance in place, use of funds (see docs/rules.md)",
	params = {
		-- Poverty line by year, yuan per person per year at current prices.
		poverty_line = {
			[2014] = 2800, [2015] = 2855, [2016] = 2952, [2017] = 3335,
			[2018] = 3535, [2019] = 3747, [2020] = 4000,
		},
	},
}
