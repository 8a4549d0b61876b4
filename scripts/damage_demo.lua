-- damage_demo.lua IN OUT [SEED] [PERCENT]: writes the registry CSV files of
-- the folder IN (huikan demo-data) to OUT damaged as Excel and county
-- offices damage exports, deterministically (an LCG seeded with SEED,
-- default 1), in two ways, each to about PERCENT (default 1) of the rows:
--
--  * read exactly: a row's values written as Excel shows them - an ID number
--    after an apostrophe ('450922...) or as ="450922...", money with
--    thousands separators and a currency sign (¥12,000.50), dates as
--    2020年6月30日, 2020.6.30 or an Excel date serial. The import must read
--    them as the clean values: the same registry.
--  * not readable: a damaged copy of a row is added - an ID number in
--    scientific notation (4.50922E+17: its digits are gone), a date that
--    does not exist (2019-02-30), an unknown code, money with letters. The
--    import refuses each (or with --keep-going keeps it in import_rejects);
--    the original row stays valid, so the registry's valid rows are the
--    clean ones and every other rule finds what it found before.
--
-- Every file also ends with a row of only separators (Excel's empty rows).
-- Prints "readable N" and "rejected N" (rows) on stdout. Run with lua5.4.
local IN, OUT = arg[1], arg[2]
local seed = tonumber(arg[3] or "1")
local percent = tonumber(arg[4] or "1")
if not IN or not OUT then
	io.stderr:write("usage: lua5.4 scripts/damage_demo.lua IN OUT [SEED] [PERCENT]\n")
	os.exit(2)
end

local state = seed
local function rand(n) -- 0 .. n-1
	state = (state * 1103515245 + 12345) % 2147483648
	return state % n
end

local TABLES = { "regions", "households", "members", "cadres", "pairings", "task_forces", "visits", "plans",
	"funds", "payments", "projects", "loans", "welfare", "deaths", "vehicles", "properties", "businesses",
	"public_payroll" }
local IDS = { id_number = true, head_id_number = true, owner_id_number = true, legal_rep_id_number = true,
	borrower_id_number = true }
local MONEY = { income_per_capita = true, wage_income = true, production_income = true, property_income = true,
	transfer_income = true, production_cost = true, amount = true, budget = true, price = true, capital = true,
	monthly_amount = true }
local CODES = { sex = true, status = true, relation = true, program = true, kind = true, purpose = true,
	payee_kind = true, rank = true, level = true, source = true, use = true, type = true, main_cause = true,
	housing_grade = true, education = true, health = true, labor = true }
local function is_date(col) return col:match("_date$") or col == "planned_end" end

-- Excel's date serial (1900 system) of y-m-d.
local function serial(y, m, d)
	local yy = m <= 2 and y - 1 or y
	local era = yy // 400
	local yoe = yy - era * 400
	local doy = (153 * (m > 2 and m - 3 or m + 9) + 2) // 5 + d - 1
	local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
	return era * 146097 + doe - 719468 + 25569
end

local function thousands(v)
	local sign, int, frac = v:match("^(%-?)(%d+)(.*)$")
	if not int then return nil end
	int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
	return sign .. "¥" .. int .. frac
end

-- A value as Excel shows it, read back exactly; nil when there is none.
local function readable(col, v)
	if v == "" then return nil end
	if IDS[col] and v:match("^%d") then
		return rand(2) == 0 and ("'" .. v) or ('"=""' .. v .. '"""')
	elseif MONEY[col] then
		return thousands(v) and ('"' .. thousands(v) .. '"')
	elseif is_date(col) then
		local y, m, d = v:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
		if not y then return nil end
		y, m, d = tonumber(y), tonumber(m), tonumber(d)
		local k = rand(3)
		if k == 0 then return string.format("%d年%d月%d日", y, m, d) end
		if k == 1 then return string.format("%d.%d.%d", y, m, d) end
		if serial(y, m, d) < 10000 then return nil end -- serials are read from 5 digits (1927-05-18)
		return tostring(serial(y, m, d))
	end
	return nil
end

-- A value that cannot be read; nil when the column has none.
local function unreadable(col, v)
	if IDS[col] and v:match("^%d%d%d%d%d%d") then
		return string.format("%s.%sE+17", v:sub(1, 1), v:sub(2, 6))
	elseif is_date(col) then
		return (v:match("^%d%d%d%d") or "2019") .. "-02-30"
	elseif CODES[col] then
		return "未知"
	elseif MONEY[col] then
		return "12k"
	end
	return nil
end

local function split(line)
	local t = {}
	for f in (line .. ","):gmatch("([^,]*),") do t[#t + 1] = f end
	return t
end

local nread, nrej = 0, 0
for _, tname in ipairs(TABLES) do
	local fin = io.open(IN .. "/" .. tname .. ".csv", "r")
	if fin then
		local out = assert(io.open(OUT .. "/" .. tname .. ".csv", "w"))
		local header = fin:read("l")
		local cols = split(header)
		out:write(header, "\n")
		local added = {}
		for line in fin:lines() do
			local f = split(line)
			if not line:find('"', 1, true) and #f == #cols then
				if rand(100 * 100) < percent * 100 then -- read exactly
					local start = rand(#cols)
					for k = 0, #cols - 1 do
						local i = (start + k) % #cols + 1
						local d = readable(cols[i], f[i])
						if d then
							f[i] = d
							nread = nread + 1
							break
						end
					end
				end
				if rand(100 * 100) < percent * 100 then -- a damaged copy
					local g = split(line)
					for i = 1, #cols do
						local d = unreadable(cols[i], g[i])
						if d then
							g[i] = d
							added[#added + 1] = table.concat(g, ",")
							nrej = nrej + 1
							break
						end
					end
				end
			end
			out:write(table.concat(f, ","), "\n")
		end
		for _, l in ipairs(added) do out:write(l, "\n") end
		out:write(string.rep(",", #cols - 1), "\n")
		fin:close()
		out:close()
	end
end
print("readable " .. nread)
print("rejected " .. nrej)
