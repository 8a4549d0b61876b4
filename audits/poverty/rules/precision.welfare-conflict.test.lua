-- Tests of precision.welfare-conflict.
local function w(id, p, s, e) return { id_number = id, program = p, start_date = s, end_date = e } end
return {
	{ name = "dibao and tekun both active; dibao and wubao ending on as_of",
	  data = { welfare = { w("450902198001010019", "dibao", "2018-01-01"), w("450902198001010019", "tekun", "2019-01-01"),
	                       w("450902198001010027", "dibao", "2018-01-01", "2020-06-30"), w("450902198001010027", "wubao", "2017-01-01", "2020-06-30") } },
	  expect = { "person:450902198001010019", "person:450902198001010027" } },
	{ name = "dibao ended before tekun; wubao starting after as_of; tekun and wubao: no finding",
	  data = { welfare = { w("450902198001010019", "dibao", "2018-01-01", "2018-12-31"), w("450902198001010019", "tekun", "2019-01-01"),
	                       w("450902198001010027", "dibao", "2018-01-01"), w("450902198001010027", "wubao", "2020-07-01"),
	                       w("450902198506150033", "tekun", "2018-01-01"), w("450902198506150033", "wubao", "2018-01-01") } },
	  expect = {} },
}
