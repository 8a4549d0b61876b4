-- demo/rng.lua - the demo generator's random numbers: a seeded 64-bit
-- generator (SplitMix64) written in Lua so the output depends only on the
-- seed, never on the Lua build's math.random.
local M = {}
M.__index = M

local GOLDEN = -7046029254386353131 -- 0x9E3779B97F4A7C15 as a signed integer

-- A generator for integer seed `seed`; `stream` (integer, optional) derives
-- an independent sequence from the same seed.
function M.new(seed, stream)
	local self = setmetatable({ s = seed * 2654435761 + (stream or 0) * 40503 + 1 }, M)
	for _ = 1, 4 do self:next() end
	return self
end

-- Next raw 64-bit value (any integer). float, int and chance repeat its
-- body inline: they are the generator's hot path.
function M:next()
	local z = self.s + GOLDEN
	self.s = z
	z = (z ~ (z >> 30)) * -4658895280553007687 -- 0xBF58476D1CE4E5B9
	z = (z ~ (z >> 27)) * -7723592293110705685 -- 0x94D049BB133111EB
	return z ~ (z >> 31)
end

-- Uniform float in [0, 1).
function M:float()
	local z = self.s + GOLDEN
	self.s = z
	z = (z ~ (z >> 30)) * -4658895280553007687
	z = (z ~ (z >> 27)) * -7723592293110705685
	return ((z ~ (z >> 31)) >> 11) * 0x1p-53
end

-- Uniform integer in [a, b].
function M:int(a, b)
	if b < a then error(string.format("rng:int(%d, %d): empty range", a, b), 2) end
	local z = self.s + GOLDEN
	self.s = z
	z = (z ~ (z >> 30)) * -4658895280553007687
	z = (z ~ (z >> 27)) * -7723592293110705685
	return a + ((z ~ (z >> 31)) >> 1) % (b - a + 1)
end

-- True with probability p.
function M:chance(p)
	local z = self.s + GOLDEN
	self.s = z
	z = (z ~ (z >> 30)) * -4658895280553007687
	z = (z ~ (z >> 27)) * -7723592293110705685
	return ((z ~ (z >> 31)) >> 11) * 0x1p-53 < p
end

-- A random element of array t.
function M:pick(t)
	return t[self:int(1, #t)]
end

-- Index into weights w (array of non-negative numbers), chosen by weight.
function M:weighted(w, total)
	if not total then
		total = 0
		for i = 1, #w do total = total + w[i] end
	end
	local x = self:float() * total
	for i = 1, #w do
		x = x - w[i]
		if x < 0 then return i end
	end
	return #w
end

-- Shuffles array t in place (Fisher-Yates) and returns it.
function M:shuffle(t)
	for i = #t, 2, -1 do
		local j = self:int(1, i)
		t[i], t[j] = t[j], t[i]
	end
	return t
end

return M
