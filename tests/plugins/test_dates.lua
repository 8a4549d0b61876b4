-- Unit tests of plugins/dates.lua.
local t = require "tap"
local d = require "dates"

t.eq("parse a real date", select(3, d.parse("2020-02-29")), 29)
t.eq("29 February of a common year is not a date", d.parse("2019-02-29"), nil)
t.eq("1900 is not a leap year", d.parse("1900-02-29"), nil)
t.eq("2000 is a leap year", d.parse("2000-02-29"), 2000)
t.eq("month 13 is rejected", d.parse("2020-13-01"), nil)
t.eq("day 0 is rejected", d.parse("2020-01-00"), nil)
t.eq("31 April is rejected", d.parse("2020-04-31"), nil)
t.eq("other separators are rejected", d.parse("2020/01/01"), nil)
t.eq("trailing text is rejected", d.parse("2020-01-011"), nil)
t.eq("non-string is rejected", d.parse(20200101), nil)
t.eq("compact date", d.from_compact("19491231"), "1949-12-31")
t.eq("compact non-date", d.from_compact("19490231"), nil)

t.eq("days in 2020", d.days_between("2020-01-01", "2021-01-01"), 366)
t.eq("days in 2019", d.days_between("2019-01-01", "2020-01-01"), 365)
t.eq("days backwards are negative", d.days_between("2020-03-01", "2020-02-28"), -2)
t.eq("days with a bad date", d.days_between("2020-02-30", "2020-03-01"), nil)
t.eq("add 45 days back", d.add_days("2020-06-30", -45), "2020-05-16")
t.eq("add across a leap day", d.add_days("2020-02-28", 1), "2020-02-29")
t.eq("add across a year", d.add_days("2019-12-31", 1), "2020-01-01")

-- daynum and from_daynum are inverse over two centuries and agree with a
-- day-by-day walk of the calendar.
local bad, n = nil, d.daynum("1900-01-01")
for y = 1900, 2100 do
	for m = 1, 12 do
		for dd = 1, 31 do
			if d.valid(y, m, dd) then
				local s = string.format("%04d-%02d-%02d", y, m, dd)
				if d.daynum(s) ~= n or d.from_daynum(n) ~= s then bad = bad or s end
				n = n + 1
			end
		end
	end
end
t.ok("day numbers walk the calendar 1900-2100", bad == nil, bad)

t.eq("age the day before the birthday", d.age("1990-07-01", "2020-06-30"), 29)
t.eq("age on the birthday", d.age("1990-06-30", "2020-06-30"), 30)
t.eq("leap-day birthday not reached on 28 Feb", d.age("2000-02-29", "2021-02-28"), 20)
t.eq("leap-day birthday reached on 1 Mar", d.age("2000-02-29", "2021-03-01"), 21)
t.eq("age of a bad date", d.age("2000-02-30", "2021-03-01"), nil)
t.eq("year", d.year("2020-06-30"), 2020)
