-- demo/writer.lua - streams the registry tables as RFC 4180 CSV files
-- (<table>.csv, English headers of docs/registry.md, UTF-8, LF) and writes
-- truth.jsonl. Files are written as .part and put in place (renamed over a
-- regular file, written into a device or FIFO) only when every table is
-- complete, so a failed run never leaves half-written tables behind.
local M = {}
M.__index = M

M.headers = {
	regions = { "code", "name", "level", "parent_code", "poor_village", "exit_year" },
	households = { "id", "village_code", "head_id_number", "size", "status", "type",
		"registered_year", "exit_year", "main_cause", "income_per_capita", "wage_income",
		"production_income", "property_income", "transfer_income", "production_cost",
		"housing_area", "housing_grade", "water_safe" },
	members = { "id_number", "household_id", "name", "relation", "sex", "birth_date",
		"education", "school_stage", "school_exempt", "health", "labor", "migrant_months",
		"medical_insured", "family_doctor" },
	cadres = { "id", "id_number", "name", "unit", "rank", "bank_account", "start_date", "end_date" },
	pairings = { "cadre_id", "household_id", "start_date", "end_date" },
	task_forces = { "id", "village_code", "first_secretary_id", "members", "start_date", "end_date" },
	visits = { "id", "cadre_id", "household_id", "visit_date" },
	plans = { "household_id", "year", "measures" },
	funds = { "id", "source", "purpose", "amount", "allocated_date", "holder" },
	payments = { "id", "fund_id", "payee_kind", "payee_id", "amount", "paid_date",
		"bank_account", "purpose" },
	projects = { "id", "village_code", "name", "fund_id", "budget", "start_date",
		"planned_end", "completed_date", "accepted" },
	loans = { "id", "household_id", "borrower_id_number", "amount", "issue_date",
		"term_months", "rate", "use" },
	welfare = { "id_number", "program", "start_date", "end_date", "monthly_amount" },
	deaths = { "id_number", "death_date" },
	vehicles = { "owner_id_number", "plate", "kind", "price", "registered_date" },
	properties = { "owner_id_number", "kind", "location", "area", "purchase_date" },
	businesses = { "legal_rep_id_number", "name", "capital", "status", "registered_date" },
	public_payroll = { "id_number", "employer", "start_date", "end_date" },
}

M.tables = { "regions", "households", "members", "cadres", "pairings", "task_forces",
	"visits", "plans", "funds", "payments", "projects", "loans", "welfare", "deaths",
	"vehicles", "properties", "businesses", "public_payroll" }

-- Columns that hold free text (the only ones that may need CSV quoting; the
-- others are codes, numbers and dates the generator makes).
M.text_columns = { name = true, unit = true, measures = true, holder = true, payee_id = true,
	location = true }

-- Raises a failed write (io.open, write, close, put: a full disk, a
-- directory taken away) as {io = message, path = file, errno = code}: the
-- user's to fix, which the generator returns and the host reports in one
-- line, in the reader's language, not with a traceback. `path` is nil when
-- `err` already names the file (the host's put_file).
local function must(ok, path, err, code)
	if not ok then error({ io = tostring(err), path = path, errno = code }, 0) end
	return ok
end

-- Puts the finished file part at path (the host's put_file, whose message
-- names the file and is in the reader's language already).
local function put(self, part, path)
	local ok, err = self.put(part, path)
	must(ok, nil, err)
end

local function field(v)
	if v == nil then return "" end
	if type(v) ~= "string" then return tostring(v) end
	if v:find('[,"\r\n]') then return '"' .. v:gsub('"', '""') .. '"' end
	return v
end

-- Opens every table of directory `dir` for writing. put_file(part, path), if
-- given, puts a finished file in place (the host's: a device or FIFO at path
-- is written in place, not replaced); else os.rename. Returns the writer, or
-- nil and a message.
function M.open(dir, put_file)
	local self = setmetatable({ dir = dir, files = {}, bufs = {}, ncols = {}, out = {},
		text = {}, put = put_file or os.rename }, M)
	for _, t in ipairs(M.tables) do
		local path = dir .. "/" .. t .. ".csv.part"
		local f, err = io.open(path, "w")
		if not f then
			self:abort()
			return nil, "cannot write " .. path .. ": " .. tostring(err)
		end
		f:setvbuf("full", 1 << 16)
		f:write(table.concat(M.headers[t], ","), "\n")
		self.files[t] = f
		self.bufs[t] = {}
		self.ncols[t] = #M.headers[t]
		self.text[t] = {}
		for i, h in ipairs(M.headers[t]) do
			if M.text_columns[h] then self.text[t][#self.text[t] + 1] = i end
		end
	end
	return self
end

-- Writes one row of table t: `row` is an array in header order (nil = empty).
-- Lines are buffered per table and written 256 at a time.
function M:row(t, row)
	local n = self.ncols[t]
	local out = self.out
	for i = 1, n do
		local v = row[i]
		if v == nil then v = "" end
		out[i] = v
	end
	local text = self.text[t]
	for j = 1, #text do
		local i = text[j]
		local v = out[i]
		if type(v) == "string" and v:find('[,"\r\n]') then out[i] = field(v) end
	end
	local b = self.bufs[t]
	local k = #b + 1
	b[k] = table.concat(out, ",", 1, n)
	if k >= 256 then self:flush(t) end
end

function M:flush(t)
	local b = self.bufs[t]
	if #b > 0 then
		local ok, err, code = self.files[t]:write(table.concat(b, "\n"), "\n")
		must(ok, self.dir .. "/" .. t .. ".csv", err, code)
		self.bufs[t] = {}
	end
end

-- Yuan text of integer fen: at most two decimals, none when whole.
function M.yuan(fen)
	if fen % 100 == 0 then return tostring(fen // 100) end
	return string.format("%d.%02d", fen // 100, fen % 100)
end

local function jstr(s)
	return '"' .. s:gsub('[%c"\\]', function(c)
		return string.format("\\u%04x", c:byte())
	end) .. '"'
end

-- Finishes: writes truth.jsonl from `truth` (array of {rule, entity}; sorted
-- and de-duplicated here), closes and renames every file. Raises on I/O errors.
local function write_truth(path, truth)
	table.sort(truth, function(a, b)
		if a[1] ~= b[1] then return a[1] < b[1] end
		return a[2] < b[2]
	end)
	local f, oerr, ocode = io.open(path, "w")
	must(f, path, oerr, ocode)
	local last
	for _, t in ipairs(truth) do
		local line = '{"rule":' .. jstr(t[1]) .. ',"entity":' .. jstr(t[2]) .. "}"
		if line ~= last then f:write(line, "\n") end
		last = line
	end
	local ok, err, code = f:close()
	must(ok, path, err, code)
end

-- `province` (a county of a multi-county slice): the truth only a db of the
-- slice's counties shows, written to truth-province.jsonl.
function M:finish(truth, province)
	local path = self.dir .. "/truth.jsonl.part"
	write_truth(path, truth)
	if province then write_truth(self.dir .. "/truth-province.jsonl.part", province) end
	for _, t in ipairs(M.tables) do
		self:flush(t)
		local ok, err, code = self.files[t]:close()
		must(ok, self.dir .. "/" .. t .. ".csv", err, code)
		self.files[t] = nil
	end
	for _, t in ipairs(M.tables) do
		local p = self.dir .. "/" .. t .. ".csv"
		put(self, p .. ".part", p)
	end
	put(self, path, self.dir .. "/truth.jsonl")
	if province then
		put(self, self.dir .. "/truth-province.jsonl.part", self.dir .. "/truth-province.jsonl")
	end
end

-- Closes and removes the partial files (after an error).
function M:abort()
	for _, t in ipairs(M.tables) do
		if self.files[t] then self.files[t]:close() end
		self.files[t] = nil
		os.remove(self.dir .. "/" .. t .. ".csv.part")
	end
	os.remove(self.dir .. "/truth.jsonl.part")
	os.remove(self.dir .. "/truth-province.jsonl.part")
end

return M
