-- money.lua - money for rules: the registry holds amounts as integer fen
-- (docs/registry.md); parameters and messages speak yuan.
local M = {}

-- Integer fen of a yuan amount (number or decimal text, e.g. a --param value),
-- rounded half away from zero to the fen on its decimal digits (so 1.015 gives
-- 102, not the 101 of binary floating point); raises an error for anything
-- that is not an amount.
function M.fen(yuan)
	if math.type(yuan) == "integer" then return yuan * 100 end
	local s = type(yuan) == "number" and string.format("%.14g", yuan) or tostring(yuan)
	local sign, int, frac = s:match("^%s*([-+]?)(%d*)%.?(%d*)%s*$")
	if not sign or (int == "" and frac == "") or s:find("[eE]") then
		error("not an amount of yuan: " .. tostring(yuan), 2)
	end
	frac = frac .. "000"
	local fen = tonumber(int ~= "" and int or "0") * 100 + tonumber(frac:sub(1, 2))
	if tonumber(frac:sub(3, 3)) >= 5 then fen = fen + 1 end
	return sign == "-" and -fen or fen
end

local function group(digits)
	local s = digits:reverse():gsub("(%d%d%d)", "%1,"):reverse()
	return (s:gsub("^,", ""))
end

-- Yuan text of integer fen with thousands separators and no trailing zero
-- decimals: 8500000 -> "85,000", 100050 -> "1,000.50", -150 -> "-1.50".
-- nil gives "?".
function M.yuan(fen)
	if fen == nil then return "?" end
	fen = math.tointeger(fen) or math.floor(fen + 0.5)
	local neg = fen < 0
	if neg then fen = -fen end
	local s = group(tostring(fen // 100))
	local c = fen % 100
	if c ~= 0 then s = s .. string.format(".%02d", c) end
	return (neg and "-" or "") .. s
end

-- "85,000 元" style text of integer fen.
function M.fmt(fen)
	return M.yuan(fen) .. " 元"
end

return M
