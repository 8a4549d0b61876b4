-- The sample pack: a few small rules that exercise the engine (rows, one,
-- report, params, pack params, lib/ helpers) and the test command.
return {
	name = "sample",
	version = "1.0",
	description = "example rules for huikan's own tests",
	params = {
		-- shared by the rules: yuan per person per year, by year
		poverty_line = { [2014] = 2800, [2015] = 2855, [2016] = 2952, [2017] = 3335,
			[2018] = 3535, [2019] = 3747, [2020] = 4000 },
	},
}
