-- say.lua - bilingual text for findings: a message is written once in Chinese
-- (the domain's language) and once in English, and a finding keeps both
-- (ctx:report{message = say.fmt(...)}); the reader's language picks one when
-- it is shown. A text is a table {zh = "...", en = "..."}; plain strings and
-- numbers are the same in both languages.
local M = {}

local mt = {}
mt.__index = mt

-- zh and en of x: a text's own, or tostring(x) for both (nil gives "").
local function sides(x)
	if getmetatable(x) == mt then return x.zh, x.en end
	if x == nil then return "", "" end
	local s = tostring(x)
	return s, s
end

-- A text of its Chinese and English renderings (en defaults to zh).
function M.text(zh, en)
	zh = zh == nil and "" or tostring(zh)
	return setmetatable({ zh = zh, en = en == nil and zh or tostring(en) }, mt)
end

-- True when x is a text made by this module.
function M.is(x)
	return getmetatable(x) == mt
end

-- The Chinese side of x (a text, or any value as tostring gives it).
function M.zh(x)
	return (sides(x))
end

-- The English side of x.
function M.en(x)
	local _, en = sides(x)
	return en
end

-- string.format of zh_fmt and en_fmt with the same arguments; an argument
-- that is a text gives its Chinese side to zh_fmt and its English side to
-- en_fmt. en_fmt nil: zh_fmt for both.
function M.fmt(zh_fmt, en_fmt, ...)
	local n, zs, es = select("#", ...), {}, {}
	for i = 1, n do
		local v = select(i, ...)
		if getmetatable(v) == mt then zs[i], es[i] = v.zh, v.en else zs[i], es[i] = v, v end
	end
	return M.text(string.format(zh_fmt, table.unpack(zs, 1, n)),
		string.format(en_fmt or zh_fmt, table.unpack(es, 1, n)))
end

-- The items of list (texts or strings) joined by sep (a text or a string).
function M.join(list, sep)
	local zs, es = {}, {}
	for i, v in ipairs(list) do zs[i], es[i] = sides(v) end
	local zsep, esep = sides(sep or "")
	return M.text(table.concat(zs, zsep), table.concat(es, esep))
end

-- a .. b where either side is a text: the text of both sides joined.
mt.__concat = function(a, b)
	local az, ae = sides(a)
	local bz, be = sides(b)
	return M.text(az .. bz, ae .. be)
end

-- tostring of a text is its Chinese side.
mt.__tostring = function(t) return t.zh end

mt.__eq = function(a, b) return a.zh == b.zh and a.en == b.en end

return M
