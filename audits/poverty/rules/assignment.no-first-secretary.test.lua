-- Tests of assignment.no-first-secretary.
local function t(id, code, fs, e) return { id = id, village_code = code, first_secretary_id = fs, members = 3, start_date = "2018-01-01", end_date = e } end
return {
	{ name = "no first secretary; a first secretary who is not a cadre",
	  data = { cadres = { { id = "C1", name = "黄某", rank = "section" } },
	           task_forces = { t("T1", "450902001001", nil), t("T2", "450902001002", "C9") } },
	  expect = { "village:450902001001", "village:450902001002" } },
	{ name = "a cadre as first secretary; an ended task force without one: no finding",
	  data = { cadres = { { id = "C1", name = "黄某", rank = "section" } },
	           task_forces = { t("T1", "450902001001", "C1"), t("T2", "450902001002", nil, "2020-01-01") } },
	  expect = {} },
}
