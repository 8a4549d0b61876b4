-- dates.lua - calendar dates 'YYYY-MM-DD' for rules: parsing and checking,
-- day numbers and spans, whole-year ages, and date arithmetic.
--
-- Pure arithmetic on the proleptic Gregorian calendar (no os.time: no time
-- zones, no 1970/2038 limits). Functions return nil for text that is not a
-- real date; none raises an error on bad data.
local M = {}

local mdays = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

function M.leap(y)
	return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
end

-- True when y, m, d (integers) name a real day (year 1..9999).
function M.valid(y, m, d)
	if math.type(y) ~= "integer" or math.type(m) ~= "integer" or math.type(d) ~= "integer" then
		return false
	end
	if y < 1 or y > 9999 or m < 1 or m > 12 or d < 1 then return false end
	local n = mdays[m]
	if m == 2 and M.leap(y) then n = 29 end
	return d <= n
end

-- Parses 'YYYY-MM-DD' (exactly) into y, m, d integers; nil when the text is not
-- of that form or not a real date.
function M.parse(s)
	if type(s) ~= "string" then return nil end
	local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
	if not y then return nil end
	y, m, d = tonumber(y), tonumber(m), tonumber(d)
	if not M.valid(y, m, d) then return nil end
	return y, m, d
end

-- Parses the 8 digits 'YYYYMMDD' (as in an ID number) into 'YYYY-MM-DD', or nil.
function M.from_compact(s)
	if type(s) ~= "string" or not s:match("^%d%d%d%d%d%d%d%d$") then return nil end
	local iso = s:sub(1, 4) .. "-" .. s:sub(5, 6) .. "-" .. s:sub(7, 8)
	if not M.parse(iso) then return nil end
	return iso
end

-- Day number of a date (days since 0000-03-01; only differences matter), or nil.
function M.daynum(s)
	local y, m, d = M.parse(s)
	if not y then return nil end
	if m <= 2 then y = y - 1; m = m + 12 end
	return 365 * y + y // 4 - y // 100 + y // 400 + (153 * (m - 3) + 2) // 5 + d - 1
end

-- The date of a day number (inverse of daynum).
function M.from_daynum(n)
	local y = (10000 * n + 14780) // 3652425
	local ddd = n - (365 * y + y // 4 - y // 100 + y // 400)
	if ddd < 0 then
		y = y - 1
		ddd = n - (365 * y + y // 4 - y // 100 + y // 400)
	end
	local mi = (100 * ddd + 52) // 3060
	local mm = (mi + 2) % 12 + 1
	y = y + (mi + 2) // 12
	local dd = ddd - (mi * 306 + 5) // 10 + 1
	return string.format("%04d-%02d-%02d", y, mm, dd)
end

-- Days from a to b (b - a), or nil when either is not a real date.
function M.days_between(a, b)
	local x, y = M.daynum(a), M.daynum(b)
	if not x or not y then return nil end
	return y - x
end

-- The date n days after s (n may be negative), or nil for a bad date.
function M.add_days(s, n)
	local x = M.daynum(s)
	if not x then return nil end
	return M.from_daynum(x + n)
end

-- Whole years from birth to at (both 'YYYY-MM-DD'); a 29 February birthday
-- counts as reached on 1 March in common years. nil for a bad date.
function M.age(birth, at)
	local by, bm, bd = M.parse(birth)
	local ay, am, ad = M.parse(at)
	if not by or not ay then return nil end
	local a = ay - by
	if am < bm or (am == bm and ad < bd) then a = a - 1 end
	return a
end

-- The year of a date as an integer, or nil.
function M.year(s)
	local y = M.parse(s)
	return y
end

return M
