-- tests/demo/selfcheck.lua - an independent check of `huikan demo-data`
-- output: reads the CSV files alone (no import, no audit pack, no plugins),
-- re-derives a set of rules of docs/rules.md with its own code, and compares
-- them with truth.jsonl. Any finding outside the truth (the clean data is not
-- clean) or any truth entry not re-derived is printed; exits 1 then.
--
--   lua5.4 tests/demo/selfcheck.lua DIR [AS_OF]     (AS_OF default 2020-06-30)
local dir, as_of = arg[1], arg[2] or "2020-06-30"
assert(dir, "usage: lua5.4 tests/demo/selfcheck.lua DIR [AS_OF]")

-- CSV rows of DIR/<t>.csv as tables keyed by header (the generator quotes
-- only fields with commas or quotes; embedded newlines never occur).
local function rows(t)
	local f = assert(io.open(dir .. "/" .. t .. ".csv"))
	local hdr
	return function()
		while true do
			local line = f:read("l")
			if not line then f:close(); return nil end
			local cells, i = {}, 1
			line = line .. ","
			while i <= #line do
				if line:sub(i, i) == '"' then
					local j, buf = i + 1, {}
					while true do
						local q = line:find('"', j, true)
						buf[#buf + 1] = line:sub(j, q - 1)
						if line:sub(q + 1, q + 1) == '"' then buf[#buf + 1] = '"'; j = q + 2
						else i = q + 2; break end
					end
					cells[#cells + 1] = table.concat(buf)
				else
					local c = line:find(",", i, true)
					cells[#cells + 1] = line:sub(i, c - 1)
					i = c + 1
				end
			end
			if not hdr then
				hdr = cells
			else
				local r = {}
				for k, name in ipairs(hdr) do
					if cells[k] ~= "" then r[name] = cells[k] end
				end
				return r
			end
		end
	end
end

local function dn(s)
	local y, m, d = s:match("^(%d%d%d%d)-(%d%d)-(%d%d)$")
	y, m, d = tonumber(y), tonumber(m), tonumber(d)
	if m <= 2 then y = y - 1; m = m + 12 end
	return 365 * y + y // 4 - y // 100 + y // 400 + (153 * (m - 3) + 2) // 5 + d - 1
end
local function age(b, at)
	local by, bm, bd = b:match("^(%d+)-(%d+)-(%d+)$")
	local ay, am, ad = at:match("^(%d+)-(%d+)-(%d+)$")
	local a = tonumber(ay) - tonumber(by)
	if tonumber(am) * 100 + tonumber(ad) < tonumber(bm) * 100 + tonumber(bd) then a = a - 1 end
	return a
end
local function real_date(s)
	local y, m, d = s:match("^(%d%d%d%d)(%d%d)(%d%d)$")
	if not y then return nil end
	y, m, d = tonumber(y), tonumber(m), tonumber(d)
	local ml = { 31, (y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0)) and 29 or 28, 31, 30, 31, 30, 31,
		31, 30, 31, 30, 31 }
	if m < 1 or m > 12 or d < 1 or d > ml[m] then return nil end
	return string.format("%04d-%02d-%02d", y, m, d)
end
local function id_ok(id)
	if #id ~= 18 or not id:match("^%d+[%dX]$") then return false end
	local w = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
	local sum = 0
	for i = 1, 17 do sum = sum + (id:byte(i) - 48) * w[i] end
	if ("10X98765432"):sub(sum % 11 + 1, sum % 11 + 1) ~= id:sub(18) then return false end
	local b = real_date(id:sub(7, 14))
	return b ~= nil and b <= as_of
end
local function fen(s)
	local i, f = s:match("^(%d+)%.?(%d*)$")
	return tonumber(i) * 100 + tonumber((f .. "00"):sub(1, 2))
end

local A = dn(as_of)
local found = {}
local function report(rule, entity) found[rule] = found[rule] or {}; found[rule][entity] = true end
local lines = { [2014] = 2800, [2015] = 2855, [2016] = 2952, [2017] = 3335, [2018] = 3535,
	[2019] = 3747, [2020] = 4000 }

local villages, towns_of = {}, {}
for r in rows("regions") do
	if r.level == "village" then villages[r.code] = r.parent_code end
end
local hh = {}
for r in rows("households") do
	hh[r.id] = r
	r.n, r.heads = 0, 0
	if not villages[r.village_code] then report("precision.village-unknown", "household:" .. r.id) end
	local comps = { r.wage_income, r.production_income, r.property_income, r.transfer_income, r.production_cost }
	local reg = r.status ~= "removed"
	local ipc = r.income_per_capita and fen(r.income_per_capita)
	if reg and (not ipc or ipc <= 0 or ipc > 10000000) then
		report("precision.income-implausible", "household:" .. r.id)
	end
	if ipc and #comps == 5 then
		local net = fen(comps[1]) + fen(comps[2]) + fen(comps[3]) + fen(comps[4]) - fen(comps[5])
		if math.abs(net / tonumber(r.size) - ipc) > 100 then
			report("precision.income-inconsistent", "household:" .. r.id)
		end
	end
	if r.status == "exited" and ipc and ipc < lines[tonumber(r.exit_year)] * 100 then
		report("precision.exit-below-line", "household:" .. r.id)
	end
end
for r in rows("members") do
	local h = hh[r.household_id]
	local p = "person:" .. r.id_number
	if not id_ok(r.id_number) then report("precision.id-invalid", p) end
	local b = real_date(r.id_number:sub(7, 14))
	if r.birth_date and b and b ~= r.birth_date then report("precision.id-birth-mismatch", p) end
	if not h then
		report("precision.orphan-member", p)
	else
		h.n = h.n + 1
		if r.relation == "head" then h.heads = h.heads + 1; h.head_sex = r.sex end
		if r.relation == "spouse" then h.spouse_sex = r.sex end
	end
	local a = age(r.birth_date, as_of)
	local st = r.school_stage
	if (a <= 14 and (st == "senior" or st == "vocational" or st == "college")) or (a >= 20 and st == "primary") then
		report("precision.school-age", p)
	end
	local lost = r.labor == "lost" or r.labor == "none"
	if (a >= 16 and a <= 59 and r.health == "healthy" and not st and lost) or
		(lost and tonumber(r.migrant_months or "0") > 0) then
		report("precision.labor-mismatch", p)
	end
end
for id, h in pairs(hh) do
	if tonumber(h.size) ~= h.n then report("precision.size-mismatch", "household:" .. id) end
	if h.heads ~= 1 then report("precision.head-missing", "household:" .. id) end
	if h.heads == 1 and h.spouse_sex and h.spouse_sex == h.head_sex then
		report("precision.relation-conflict", "household:" .. id)
	end
end

-- helpers: the 653 norm, visits within 45 days, bursts
local rank, on_duty = {}, {}
for r in rows("cadres") do
	rank[r.id] = r.rank
	on_duty[r.id] = not r.end_date or dn(r.end_date) > A
end
local load, active, pstart = {}, {}, {}
for r in rows("pairings") do
	if dn(r.start_date) <= A and (not r.end_date or dn(r.end_date) >= A) then
		load[r.cadre_id] = (load[r.cadre_id] or 0) + 1
		active[r.household_id] = true
		local s = dn(r.start_date)
		if not pstart[r.household_id] or s > pstart[r.household_id] then pstart[r.household_id] = s end
	end
end
local norm = { county = 6, section = 5, staff = 3 }
for c, n in pairs(load) do
	if n > norm[rank[c]] then report("assignment.helper-overload", "cadre:" .. c) end
end
local last, day = {}, {}
for r in rows("visits") do
	local d = dn(r.visit_date)
	if d <= A and (not last[r.household_id] or d > last[r.household_id]) then last[r.household_id] = d end
	local k = r.cadre_id .. "|" .. r.visit_date
	day[k] = day[k] or {}
	day[k][r.household_id] = true
end
for h in pairs(active) do
	local from = math.max(last[h] or -math.huge, pstart[h])
	if A - from > 45 then report("assignment.no-visit", "household:" .. h) end
end
for k, set in pairs(day) do
	local n = 0
	for _ in pairs(set) do n = n + 1 end
	if n > 8 then report("assignment.visit-burst", "cadre:" .. k:match("^[^|]+")) end
end

-- funds: over-standard, split payments, shared accounts, Benford by town
local fund_purpose = {}
for r in rows("funds") do fund_purpose[r.id] = r.purpose end
local industry, split, payees, bf = {}, {}, {}, {}
for r in rows("payments") do
	local amt = fen(r.amount)
	local purpose = r.purpose or fund_purpose[r.fund_id]
	if r.payee_kind == "household" and purpose == "industry" then
		local k = r.payee_id .. "|" .. r.paid_date:sub(1, 4)
		industry[k] = (industry[k] or 0) + amt
	end
	if r.bank_account and amt < 500000 then
		local k = r.bank_account .. "|" .. r.paid_date
		split[k] = split[k] or { n = 0, sum = 0 }
		split[k].n, split[k].sum = split[k].n + 1, split[k].sum + amt
	end
	if r.bank_account and (r.payee_kind == "household" or r.payee_kind == "person") then
		payees[r.bank_account] = payees[r.bank_account] or {}
		payees[r.bank_account][r.payee_kind .. r.payee_id] = true
	end
	local h = hh[r.payee_id]
	if r.payee_kind == "household" and h and villages[h.village_code] and amt >= 1000 then
		local t = villages[h.village_code]
		bf[t] = bf[t] or { n = 0 }
		local d = tonumber(tostring(amt):sub(1, 2))
		bf[t][d] = (bf[t][d] or 0) + 1
		bf[t].n = bf[t].n + 1
	end
end
for k, v in pairs(industry) do
	if v > 500000 then report("funds.over-standard", "household:" .. k:match("^[^|]+")) end
end
for k, v in pairs(split) do
	if v.n >= 2 and v.sum >= 500000 then report("funds.split-payment", "account:" .. k:match("^[^|]+")) end
end
for acct, set in pairs(payees) do
	local n = 0
	for _ in pairs(set) do n = n + 1 end
	if n > 1 then report("funds.shared-account", "account:" .. acct) end
end
for t, c in pairs(bf) do
	if c.n >= 300 then
		local mad = 0
		for d = 10, 99 do mad = mad + math.abs((c[d] or 0) / c.n - math.log(1 + 1 / d, 10)) end
		if mad / 90 > 0.0022 then report("funds.benford", "town:" .. t) end
	end
end

-- compare with the truth, rule by rule, for the rules re-derived here
local truth = {}
for line in io.lines(dir .. "/truth.jsonl") do
	local rule, entity = line:match('^{"rule":"([^"]+)","entity":"([^"]+)"}$')
	truth[rule] = truth[rule] or {}
	truth[rule][entity] = true
end
local checked = { "precision.village-unknown", "precision.income-implausible",
	"precision.income-inconsistent", "precision.exit-below-line", "precision.id-invalid",
	"precision.id-birth-mismatch", "precision.orphan-member", "precision.school-age",
	"precision.labor-mismatch", "precision.size-mismatch", "precision.head-missing",
	"precision.relation-conflict", "assignment.helper-overload", "assignment.no-visit",
	"assignment.visit-burst", "funds.over-standard", "funds.split-payment",
	"funds.shared-account", "funds.benford" }
local bad = 0
for _, rule in ipairs(checked) do
	local f, t = found[rule] or {}, truth[rule] or {}
	local nf, extra, missed = 0, {}, {}
	for e in pairs(f) do
		nf = nf + 1
		if not t[e] then extra[#extra + 1] = e end
	end
	for e in pairs(t) do if not f[e] then missed[#missed + 1] = e end end
	table.sort(extra); table.sort(missed)
	local ok = #extra == 0 and #missed == 0
	if not ok then bad = bad + 1 end
	print(string.format("%-4s %-32s %5d found%s%s", ok and "ok" or "BAD", rule, nf,
		#extra > 0 and ("  not in truth: " .. table.concat(extra, " ", 1, math.min(5, #extra))) or "",
		#missed > 0 and ("  not found: " .. table.concat(missed, " ", 1, math.min(5, #missed))) or ""))
end
os.exit(bad == 0 and 0 or 1)
