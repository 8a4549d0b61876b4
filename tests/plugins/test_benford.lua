-- Unit tests of plugins/benford.lua.
local t = require "tap"
local b = require "benford"

local sum = 0
for d = 10, 99 do sum = sum + b.expected(d) end
t.ok("expected proportions sum to 1", math.abs(sum - 1) < 1e-12)
t.ok("expected 10 is log10(1.1)", math.abs(b.expected(10) - 0.0413926851582) < 1e-12)
t.eq("first two digits of fen", b.first_two(123456), 12)
t.eq("first two digits of 10", b.first_two(10), 10)
t.eq("one digit has no pair", b.first_two(9), nil)

-- A sample drawn exactly in Benford proportions has MAD ~0; all mass on one
-- pair has a large MAD.
local counts, n = {}, 0
for d = 10, 99 do
	counts[d] = math.floor(b.expected(d) * 1e6 + 0.5)
	n = n + counts[d]
end
t.ok("Benford sample conforms", b.mad(counts, n) < 1e-6)
t.ok("one pair does not conform", b.mad({ [50] = 100 }) > b.bounds.marginal)
t.eq("empty sample has no MAD", b.mad({}, 0), nil)
-- MAD of all mass on 10: (|1 - e10| + sum of others' e) / 90 = 2 (1 - e10) / 90.
t.ok("MAD formula", math.abs(b.mad({ [10] = 7 }) - 2 * (1 - b.expected(10)) / 90) < 1e-12)
local top = b.top_excess({ [50] = 100 }, 100, 2)
t.eq("top excess first", top[1].digits, 50)
