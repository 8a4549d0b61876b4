-- Tests of precision.id-invalid.
local function m(id, hid) return { id_number = id, household_id = hid or "H1", name = "韦某某", relation = "head" } end
return {
	{ name = "wrong check digit, lower-case x, short, bad birth date, birth after as_of",
	  data = { members = { m("450902198001010018"), m("11010519491231002x", "H2"), m("45090219800101001", "H3"),
	                       m("450902199002290117", "H4"), m("450902202101010015", "H5") } },
	  expect = { "person:450902198001010018", "person:11010519491231002x", "person:45090219800101001",
	             "person:450902199002290117", "person:450902202101010015" } },
	{ name = "valid numbers, upper-case X, birth on as_of: no finding",
	  data = { members = { m("450902198001010019"), m("11010519491231002X", "H2"), m("450902202006300014", "H3") } },
	  expect = {} },
	{ name = "a full-width digit: 18 characters, 20 bytes",
	  data = { members = { m("45090219800101001９") } },
	  expect = { { entity = "person:45090219800101001９", message = "身份证号 45090219800101001９ 无效: 身份证号含非法字符; 成员 韦某某 (户 H1)", message_en = "other than digits" } } },
	{ name = "one invalid number in two households is one finding",
	  data = { members = { m("450902198001010018"), m("450902198001010018", "H2") } },
	  expect = { { entity = "person:450902198001010018", message = "成员 韦某某 (户 H1); 韦某某 (户 H2)" } } },
}
