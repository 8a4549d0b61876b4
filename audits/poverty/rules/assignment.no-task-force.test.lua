-- Tests of assignment.no-task-force.
local function v(code, poor, exit) return { code = code, name = "某村", level = "village", parent_code = "450902001", poor_village = poor, exit_year = exit } end
local function t(id, code, s, e) return { id = id, village_code = code, first_secretary_id = "C1", members = 3, start_date = s, end_date = e } end
return {
	{ name = "poor village without task force; exiting after the as_of year; task force ended",
	  data = { regions = { v("450902001001", 1), v("450902001002", 1, 2021), v("450902001003", 1) },
	           task_forces = { t("T3", "450902001003", "2016-01-01", "2020-06-29") } },
	  expect = { "village:450902001001", "village:450902001002", "village:450902001003" } },
	{ name = "exited in the as_of year; not a poor village; poor_village unknown; active task force: no finding",
	  data = { regions = { v("450902001001", 1, 2020), v("450902001002", 0), v("450902001003", nil), v("450902001004", 1) },
	           task_forces = { t("T4", "450902001004", "2016-01-01", "2020-06-30") } },
	  expect = {} },
}
