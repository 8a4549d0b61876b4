-- Tests of precision.vehicle.
local function h(id, st) return { id = id, village_code = "450902001001", size = 1, status = st or "poor", registered_year = 2015 } end
local function m(id, hid) return { id_number = id, household_id = hid, name = "韦某某", relation = "head" } end
local function v(owner, plate, kind, price) return { owner_id_number = owner, plate = plate, kind = kind, price = price } end
return {
	{ name = "a car at the threshold, machinery at its threshold, a truck above",
	  data = { households = { h("H1"), h("H2"), h("H3", "exited") },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H2"), m("450902198506150033", "H3") },
	           vehicles = { v("450902198001010019", "桂K·A0001", "car", 30000), v("450902198001010027", "桂K·A0002", "machinery", 50000),
	                        v("450902198506150033", "桂K·A0003", "truck", 85000) } },
	  expect = { "household:H1", "household:H2",
	             { entity = "household:H3", message = "户 H3 (户主 韦某某): 户主 韦某某 (450902198506150033) 名下车辆 桂K·A0003 货车 价格 85,000 元",
	               message_en = "household H3 (head 韦某某): head 韦某某 (450902198506150033) owns vehicle 桂K·A0003 (truck) priced 85,000 yuan" } } },
	{ name = "a car just below, machinery just below, a car of a removed household: no finding",
	  data = { households = { h("H1"), h("H2"), h("H3", "removed") },
	           members = { m("450902198001010019", "H1"), m("450902198001010027", "H2"), m("450902198506150033", "H3") },
	           vehicles = { v("450902198001010019", "桂K·A0001", "car", 29999.99), v("450902198001010027", "桂K·A0002", "machinery", 49999),
	                        v("450902198506150033", "桂K·A0003", "car", 85000), v("450902198001010019", "桂K·A0004", "car", nil) } },
	  expect = {} },
	{ name = "the threshold is a parameter",
	  params = { vehicle_min_price = 20000 },
	  data = { households = { h("H1") }, members = { m("450902198001010019", "H1") },
	           vehicles = { v("450902198001010019", "桂K·A0001", "car", 25000) } },
	  expect = { "household:H1" } },
}
