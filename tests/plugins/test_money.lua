-- Unit tests of plugins/money.lua.
local t = require "tap"
local m = require "money"

t.eq("yuan to fen", m.fen(30000), 3000000)
t.eq("text yuan to fen", m.fen("1000.5"), 100050)
t.eq("float yuan rounds to the fen", m.fen(0.29), 29)
t.eq("float yuan 1.005 rounds", m.fen(1.015), 102)
t.eq("negative yuan", m.fen(-2.5), -250)
t.ok("not a number is an error", not pcall(m.fen, "abc"))
t.eq("format thousands", m.yuan(8500000), "85,000")
t.eq("format fen", m.yuan(100050), "1,000.50")
t.eq("format small", m.yuan(5), "0.05")
t.eq("format millions", m.yuan(123456789012), "1,234,567,890.12")
t.eq("format negative", m.yuan(-150), "-1.50")
t.eq("format nil", m.yuan(nil), "?")
t.eq("fmt with unit", m.fmt(8500000), "85,000 元")
