-- Tests of precision.village-unknown.
local function h(id, v) return { id = id, village_code = v, size = 1, status = "poor", registered_year = 2015 } end
local regions = { { code = "450902", name = "玉州区", level = "county" },
                  { code = "450902001", name = "某镇", level = "town", parent_code = "450902" },
                  { code = "450902001001", name = "某村", level = "village", parent_code = "450902001" } }
return {
	{ name = "a code not in regions; a town code",
	  data = { regions = regions, households = { h("H1", "450902001999"), h("H2", "450902001") } },
	  expect = { "household:H1", "household:H2" } },
	{ name = "a village code: no finding",
	  data = { regions = regions, households = { h("H1", "450902001001") } },
	  expect = {} },
}
