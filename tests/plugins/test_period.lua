-- Unit tests of plugins/period.lua.
local t = require "tap"
local p = require "period"
local dates = require "dates"

t.eq("a month to the day", p.months_between("2020-01-15", "2020-02-15"), 1)
t.eq("a day short of a month", p.months_between("2020-01-15", "2020-02-14"), 0)
t.eq("31 Jan to the end of February is a month", p.months_between("2020-01-31", "2020-02-29"), 1)
t.eq("backwards", p.months_between("2020-03-15", "2020-01-15"), -2)
t.eq("backwards, short", p.months_between("2020-03-15", "2020-01-16"), -1)
t.eq("bad date", p.months_between("2020-02-30", "2020-03-01"), nil)
t.eq("years between", p.years_between("2017-06-30", "2020-06-30"), 3)
t.eq("a day short of three years", p.years_between("2017-07-01", "2020-06-30"), 2)
t.eq("years backwards", p.years_between("2020-06-30", "2017-07-01"), -2)
t.eq("quarters between", p.quarters_between("2020-01-01", "2020-12-31"), 3)
t.eq("add a month to 31 January", p.add_months("2020-01-31", 1), "2020-02-29")
t.eq("subtract 14 months", p.add_months("2020-03-31", -14), "2019-01-31")
t.eq("add years from a leap day", p.add_years("2020-02-29", 1), "2021-02-28")
t.eq("add_months needs an integer", p.add_months("2020-01-01", 1.5), nil)
t.eq("quarter", p.quarter("2020-08-15"), 3)
t.eq("keys", table.concat({ p.key("2020-08-15", "year"), p.key("2020-08-15", "quarter"), p.key("2020-08-15", "month") }, " "),
	"2020 2020Q3 2020-08")
t.eq("unknown unit", p.key("2020-08-15", "week"), nil)
t.eq("quarter bounds", table.concat({ p.bounds("2020-08-15", "quarter") }, " "), "2020-07-01 2020-09-30")
t.eq("February bounds in a leap year", table.concat({ p.bounds("2020-02-10", "month") }, " "), "2020-02-01 2020-02-29")
t.eq("previous year", table.concat({ p.previous("2020-08-15", "year") }, " "), "2019-01-01 2019-12-31")
t.eq("previous quarter across a year", table.concat({ p.previous("2020-02-15", "quarter") }, " "), "2019-10-01 2019-12-31")

-- months_between agrees with add_months: a + n months is on or before b,
-- a + (n + 1) months after it (pairs of days over three years).
local bad
local d0 = dates.daynum("2019-01-01")
for i = 0, 1095, 3 do
	local a = dates.from_daynum(d0 + i)
	for j = i, 1095, 5 do
		local b = dates.from_daynum(d0 + j)
		local n = p.months_between(a, b)
		if not (p.add_months(a, n) <= b and p.add_months(a, n + 1) > b) then
			bad = bad or (a .. " " .. b .. " " .. n)
		end
	end
end
t.eq("months_between and add_months agree", bad, nil)
