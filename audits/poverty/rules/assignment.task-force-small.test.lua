-- Tests of assignment.task-force-small.
local function t(id, code, n, e) return { id = id, village_code = code, first_secretary_id = "C1", members = n, start_date = "2018-01-01", end_date = e } end
return {
	{ name = "an active task force of 2",
	  data = { task_forces = { t("T1", "450902001001", 2) } },
	  expect = { "village:450902001001" } },
	{ name = "3 members; a small task force that has ended: no finding",
	  data = { task_forces = { t("T1", "450902001001", 3), t("T2", "450902001002", 1, "2019-12-31") } },
	  expect = {} },
}
