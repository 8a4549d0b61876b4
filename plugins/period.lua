-- period.lua - periods of the calendar for comparisons over time: whole
-- years, months and quarters between two dates, the year, quarter or month
-- holding a date, shifting by months or years, and period keys ("2020",
-- "2020Q3", "2020-07") to group rows by in SQL or Lua.
--
-- Dates are 'YYYY-MM-DD' text (as in the registry); functions return nil for
-- text that is not a real date and never raise on bad data. Built on dates.lua.
local dates = require "dates"

local M = {}

local function last_day(y, m)
	local days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
	if m == 2 and dates.leap(y) then return 29 end
	return days[m]
end

-- Whole months from a to b (negative when b is before a): a month is complete
-- when b's day of month reaches a's (the last day of a shorter month counts).
function M.months_between(a, b)
	local ay, am, ad = dates.parse(a)
	local by, bm, bd = dates.parse(b)
	if not ay or not by then return nil end
	local n = (by - ay) * 12 + (bm - am)
	local b_end = bd == last_day(by, bm)
	if n > 0 and bd < ad and not b_end then n = n - 1 end
	if n < 0 and bd > ad and ad ~= last_day(ay, am) then n = n + 1 end
	return n
end

-- Whole years from a to b (months_between // 12, toward zero).
function M.years_between(a, b)
	local n = M.months_between(a, b)
	if not n then return nil end
	return n >= 0 and n // 12 or -((-n) // 12)
end

-- Whole quarters (3 months) from a to b, toward zero.
function M.quarters_between(a, b)
	local n = M.months_between(a, b)
	if not n then return nil end
	return n >= 0 and n // 3 or -((-n) // 3)
end

-- The date n months after s (n may be negative); a day past the end of the
-- target month becomes its last day (2020-01-31 + 1 month = 2020-02-29).
function M.add_months(s, n)
	local y, m, d = dates.parse(s)
	if not y or math.type(n) ~= "integer" then return nil end
	local k = y * 12 + (m - 1) + n
	local ny, nm = k // 12, k % 12 + 1
	if ny < 1 or ny > 9999 then return nil end
	return string.format("%04d-%02d-%02d", ny, nm, math.min(d, last_day(ny, nm)))
end

-- The date n years after s (29 February becomes 28 February in common years).
function M.add_years(s, n)
	if math.type(n) ~= "integer" then return nil end
	return M.add_months(s, 12 * n)
end

-- The quarter (1-4) of a date.
function M.quarter(s)
	local _, m = dates.parse(s)
	if not m then return nil end
	return (m - 1) // 3 + 1
end

-- The key of the period of `unit` ("year", "quarter" or "month") holding s:
-- "2020", "2020Q3" or "2020-07".
function M.key(s, unit)
	local y, m = dates.parse(s)
	if not y then return nil end
	if unit == "year" then return string.format("%04d", y) end
	if unit == "quarter" then return string.format("%04dQ%d", y, (m - 1) // 3 + 1) end
	if unit == "month" then return string.format("%04d-%02d", y, m) end
	return nil
end

-- The first and last dates of the period of `unit` ("year", "quarter",
-- "month") holding s, e.g. bounds("2020-08-15", "quarter") gives
-- "2020-07-01", "2020-09-30". Use them as ?-parameters of a SQL range.
function M.bounds(s, unit)
	local y, m = dates.parse(s)
	if not y then return nil end
	local first, last
	if unit == "year" then
		first, last = 1, 12
	elseif unit == "quarter" then
		first = (m - 1) // 3 * 3 + 1
		last = first + 2
	elseif unit == "month" then
		first, last = m, m
	else
		return nil
	end
	return string.format("%04d-%02d-01", y, first), string.format("%04d-%02d-%02d", y, last, last_day(y, last))
end

-- The same period one step earlier: for comparisons year on year (unit
-- "year"), quarter on quarter or month on month. Returns the bounds of the
-- previous period, e.g. previous("2020-08-15", "year") gives "2019-01-01",
-- "2019-12-31".
function M.previous(s, unit)
	local first = M.bounds(s, unit)
	if not first then return nil end
	local step = unit == "year" and 12 or unit == "quarter" and 3 or 1
	return M.bounds(M.add_months(first, -step), unit)
end

return M
