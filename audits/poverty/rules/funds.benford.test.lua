-- Tests of funds.benford: town 450902001 gets payments in Benford proportions,
-- town 450902002 gets amounts that all start with 50.
local households = {
	{ id = "H1", village_code = "450902001001", size = 1, status = "poor", registered_year = 2015 },
	{ id = "H2", village_code = "450902002001", size = 1, status = "poor", registered_year = 2015 },
}
local function benford_payments(hid, n)
	local t = {}
	for d = 10, 99 do
		for _ = 1, math.floor(n * math.log(1 + 1 / d, 10) + 0.5) do
			t[#t + 1] = { id = hid .. "-" .. #t, fund_id = "F1", payee_kind = "household", payee_id = hid,
			              amount = d * 10 + (#t % 10), paid_date = "2019-05-01" }
		end
	end
	return t
end
local function flat_payments(hid, n, amount)
	local t = {}
	for i = 1, n do
		t[i] = { id = hid .. "-" .. i, fund_id = "F1", payee_kind = "household", payee_id = hid, amount = amount, paid_date = "2019-05-01" }
	end
	return t
end
local function join(...) local t = {} for _, l in ipairs { ... } do for _, x in ipairs(l) do t[#t + 1] = x end end return t end
return {
	{ name = "300 payments all starting with 50",
	  data = { households = households, payments = join(benford_payments("H1", 1000), flat_payments("H2", 300, 500)) },
	  expect = { "town:450902002" } },
	{ name = "299 payments starting with 50 (too few); 300 with small amounts below 10 yuan: no finding",
	  data = { households = households, payments = join(flat_payments("H2", 299, 500), flat_payments("H1", 300, 9.99)) },
	  expect = {} },
}
