-- region.lua - administrative division codes (GB/T 2260 + NBS statistical
-- codes, docs/registry.md): the county a town or village code lies in, and the
-- counties of a list of codes, for the rules that only a db of several
-- counties (a province db) can make. Pure functions; nil for text that is not
-- a code, never an error on bad data.
local M = {}

-- The 6-digit county code of a county (6), town (9) or village (12) code;
-- nil for anything else.
function M.county(code)
	if type(code) ~= "string" then return nil end
	local n = #code
	if (n ~= 6 and n ~= 9 and n ~= 12) or code:find("%D") then return nil end
	return code:sub(1, 6)
end

-- The distinct counties of a list of codes, sorted; codes that are no county,
-- town or village code are left out.
function M.counties(codes)
	local seen, out = {}, {}
	for _, c in ipairs(codes or {}) do
		local k = M.county(c)
		if k and not seen[k] then
			seen[k] = true
			out[#out + 1] = k
		end
	end
	table.sort(out)
	return out
end

return M
