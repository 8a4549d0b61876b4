-- Texts like plugins/say.lua's, whose __concat recurses before it joins.
local mt = {}
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
mt.__concat = function(a, b)
	deep(300)
	local az = type(a) == "table" and a.s or a
	local bz = type(b) == "table" and b.s or b
	return setmetatable({ s = az .. bz }, mt)
end

return {
	id = "t.concat-stack",
	title = "texts joined by a __concat that moves the stack",
	category = "test",
	severity = "info",
	entity = "household",
	check = function(ctx, params)
		local n = 0
		for r in ctx:rows("SELECT id FROM households ORDER BY id") do
			for i = 1, 200 do
				local t = setmetatable({ s = r.id }, mt) .. ":" .. setmetatable({ s = tostring(i) }, mt)
				assert(t.s == r.id .. ":" .. i, "concat gave " .. tostring(t.s))
			end
			n = n + 1
			ctx:report { entity = "household:" .. r.id, message = "joined 200 texts for " .. r.id }
		end
		assert(n > 0, "no households")
	end,
}
