-- sql_corpus.lua OUTDIR: writes OUTDIR/invalid.sql and OUTDIR/age.sql (scripts
-- for the sqlite3 shell) and OUTDIR/invalid.want / OUTDIR/age.want (what the
-- Lua functions say), so tests/cli/plugins.sh can check that the SQL
-- prefilters of plugins/idcard.lua agree with idcard.problem (exactly) and
-- never drop a person idcard.person_age puts in range (superset).
local idcard = require "idcard"
local dates = require "dates"

local out = arg[1]
local seed = 12345
local function rand(n) -- deterministic LCG, 1..n
	seed = (seed * 1103515245 + 12345) % 2147483648
	return seed % n + 1
end

local as_of = "2020-06-30"
local ids = {}
for _ = 1, 3000 do
	local y = 1900 + rand(125) - 1
	local m, d = rand(13), rand(32) - 1
	local body = string.format("450922%04d%02d%02d%03d", y, m, d, rand(999))
	local id = body .. (idcard.check_char(body) or "0")
	local k = rand(10)
	if k == 1 then id = body .. "x"
	elseif k == 2 then id = body .. tostring(rand(10) - 1)
	elseif k == 3 then id = id:sub(1, 17)
	elseif k == 4 then id = id .. "1"
	elseif k == 5 then id = id:sub(1, 8) .. "A" .. id:sub(10)
	elseif k == 6 then id = "4509220000" .. id:sub(11)
	end
	ids[#ids + 1] = id
end
local f = assert(io.open(out .. "/invalid.sql", "w"))
local w = assert(io.open(out .. "/invalid.want", "w"))
f:write("CREATE TABLE t (id TEXT);\n")
for _, id in ipairs(ids) do
	f:write(string.format("INSERT INTO t VALUES ('%s');\n", id))
end
f:write("SELECT id FROM t WHERE " .. idcard.sql_invalid("id", "'" .. as_of .. "'") .. " ORDER BY rowid;\n")
for _, id in ipairs(ids) do
	if idcard.problem(id, as_of) then w:write(id, "\n") end
end
f:close()
w:close()

-- ages: birth_date or the ID's date; ranges of the rules
f = assert(io.open(out .. "/age.sql", "w"))
w = assert(io.open(out .. "/age.want", "w"))
f:write("CREATE TABLE p (n INTEGER, birth TEXT, id TEXT);\n")
local people = {}
for n = 1, 3000 do
	local b = dates.from_daynum(dates.daynum("1930-01-01") + rand(33000))
	local id = ids[rand(#ids)]
	if rand(2) == 1 then b = nil end
	people[n] = { b, id }
	f:write(string.format("INSERT INTO p VALUES (%d, %s, '%s');\n", n, b and ("'" .. b .. "'") or "NULL", id))
end
for _, r in ipairs { { 6, 15 }, { 16, 59 }, { 0, 14 }, { 18, 65 } } do
	f:write(string.format("SELECT '%d-%d', n FROM p WHERE %s ORDER BY n;\n", r[1], r[2],
		idcard.sql_age_maybe("birth", "id", r[1], r[2], "'" .. as_of .. "'")))
	for n, p in ipairs(people) do
		local age = idcard.person_age(p[1], p[2], as_of)
		if age and age >= r[1] and age <= r[2] then w:write(string.format("%d-%d|%d\n", r[1], r[2], n)) end
	end
end
f:close()
w:close()
