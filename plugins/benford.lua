-- benford.lua - the first-two-digits Benford test (Nigrini): expected
-- proportions, the first two digits of an amount, and the mean absolute
-- deviation (MAD) of an observed distribution.
--
-- Nigrini's conformity bounds for MAD of the first-two-digits test: close
-- conformity ≤ 0.0012, acceptable ≤ 0.0018, marginal ≤ 0.0022, above that
-- nonconformity.
local M = {}

M.bounds = { close = 0.0012, acceptable = 0.0018, marginal = 0.0022 }

-- Expected proportion of first two digits d (10..99): log10(1 + 1/d).
function M.expected(d)
	return math.log(1 + 1 / d, 10)
end

-- First two digits (10..99) of a positive integer amount (fen or yuan: the
-- leading digits are the same), or nil when it has fewer than two digits.
function M.first_two(n)
	n = math.tointeger(n)
	if not n or n < 10 then return nil end
	return tonumber(tostring(n):sub(1, 2))
end

-- Mean absolute deviation over the 90 digit pairs between the observed
-- proportions counts[d] / n and the Benford proportions. counts maps
-- 10..99 to counts (missing = 0); n = total (defaults to the sum).
function M.mad(counts, n)
	if not n then
		n = 0
		for d = 10, 99 do n = n + (counts[d] or 0) end
	end
	if n == 0 then return nil end
	local sum = 0
	for d = 10, 99 do
		sum = sum + math.abs((counts[d] or 0) / n - M.expected(d))
	end
	return sum / 90
end

-- The digit pairs most over-represented against Benford: up to k entries
-- {digits=d, observed=p, expected=e}, largest excess first.
function M.top_excess(counts, n, k)
	local t = {}
	for d = 10, 99 do
		local p = (counts[d] or 0) / n
		t[#t + 1] = { digits = d, observed = p, expected = M.expected(d) }
	end
	table.sort(t, function(a, b)
		local x, y = a.observed - a.expected, b.observed - b.expected
		if x ~= y then return x > y end
		return a.digits < b.digits
	end)
	local out = {}
	for i = 1, math.min(k or 3, #t) do out[i] = t[i] end
	return out
end

return M
