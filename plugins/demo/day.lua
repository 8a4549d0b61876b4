-- demo/day.lua - 'YYYY-MM-DD' text of a day number (dates.from_daynum),
-- memoized: the generator formats the same few thousand days millions of times.
local dates = require "dates"

local cache = {}

return function(n)
	local s = cache[n]
	if not s then
		s = dates.from_daynum(n)
		cache[n] = s
	end
	return s
end
