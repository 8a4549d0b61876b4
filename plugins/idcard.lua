-- idcard.lua - resident ID numbers (公民身份号码, GB 11643-1999): the ISO 7064
-- MOD 11-2 check character, the birth date they encode, validation with a
-- reason, and the age of a person from birth date or ID number.
--
-- An ID number is 17 digits (6 address code, 8 birth date YYYYMMDD, 3 order
-- code, the last odd for men) and a check character 0-9 or upper-case X.
-- A lower-case x is a data error (docs/rules.md).
local dates = require "dates"

local M = {}

local byte, find, sub = string.byte, string.find, string.sub

local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checkchars = { [0] = "1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2" }
local DIGITS17 = "^" .. string.rep("%d", 17) .. "$"

-- The MOD 11-2 check character of the 17 digits at the start of s (unchecked).
local function check_of(s)
	local a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q = byte(s, 1, 17)
	local sum = (a * 7 + b * 9 + c * 10 + d * 5 + e * 8 + f * 4 + g * 2 + h * 1 + i * 6 + j * 3
		+ k * 7 + l * 9 + m * 10 + n * 5 + o * 8 + p * 4 + q * 2) - 48 * 100 -- the weights sum to 100
	return checkchars[sum % 11]
end

-- The check character of the first 17 digits `s17` (ISO 7064 MOD 11-2), or nil
-- when s17 is not 17 digits.
function M.check_char(s17)
	if type(s17) ~= "string" or not find(s17, DIGITS17) then
		return nil
	end
	return check_of(s17)
end

-- The birth date encoded in an ID number (characters 7-14) as 'YYYY-MM-DD', or
-- nil when the number is too short or those characters are not a real date.
function M.birth_date(id)
	if type(id) ~= "string" or #id < 14 then return nil end
	return dates.from_compact(id:sub(7, 14))
end

-- The number YYYYMMDD of a 'YYYY-MM-DD' date, memoised (the as_of of a run).
local daynums = {}
local function number_of(d)
	local n = tonumber((d:gsub("-", "")))
	daynums[d] = n
	return n
end

local ID18 = "^" .. string.rep("%d", 17) .. "[0-9X]$"
-- Checks an ID number. Returns nil when valid; else a problem text in English
-- and a Chinese one. `as_of` ('YYYY-MM-DD', optional) rejects birth dates after it.
function M.problem(id, as_of)
	if type(id) ~= "string" then
		return "ID number missing", "身份证号为空"
	end
	if #id ~= 18 then
		local n = utf8.len(id) or #id
		if n ~= 18 then
			return string.format("ID number has %d characters, not 18", n),
				string.format("身份证号 %d 位, 应为 18 位", n)
		end
	end
	if not find(id, ID18) then
		if sub(id, 18) == "x" and find(sub(id, 1, 17), DIGITS17) then
			return "check character is lower-case x (must be X)", "校验码为小写 x (应为大写 X)"
		end
		return "ID number has characters other than digits and a final X",
			"身份证号含非法字符"
	end
	local want = check_of(id)
	if byte(want) ~= byte(id, 18) then
		local last = sub(id, 18)
		return string.format("check character %s, MOD 11-2 gives %s", last, want),
			string.format("校验码 %s 错误, 应为 %s", last, want)
	end
	-- characters 7-14 are digits here: check them as a date without building text
	local y1, y2, y3, y4, m1, m2, d1, d2 = byte(id, 7, 14)
	local y, m, d = y1 * 1000 + y2 * 100 + y3 * 10 + y4 - 48 * 1111, m1 * 10 + m2 - 528, d1 * 10 + d2 - 528
	if not dates.valid(y, m, d) then
		return string.format("birth date %s is not a real date", sub(id, 7, 14)),
			string.format("出生日期 %s 不是有效日期", sub(id, 7, 14))
	end
	if as_of and y * 10000 + m * 100 + d > (daynums[as_of] or number_of(as_of)) then
		local b = M.birth_date(id)
		return string.format("birth date %s is after %s", b, as_of),
			string.format("出生日期 %s 晚于 %s", b, as_of)
	end
	return nil
end

-- Calls fn(id) for each invalid number (M.problem(id, as_of) not nil) in `s`, a
-- run of 18-byte pieces with no separator (SQL group_concat(id, '') of the
-- numbers of 18 bytes); returns how many. A piece is made a Lua string only
-- when the byte-level check of the valid shape fails: for a large table this
-- is many times faster than calling M.problem on each row.
local checkbytes = {}
for i = 0, 10 do checkbytes[i] = byte(checkchars[i]) end
function M.each_invalid(s, as_of, fn)
	local limit = as_of and (daynums[as_of] or number_of(as_of)) or math.maxinteger
	local valid, n = dates.valid, 0
	for i = 1, #s - 17, 18 do
		local a, b, c, d, e, f, y1, y2, y3, y4, m1, m2, d1, d2, o, p, q, x = byte(s, i, i + 17)
		-- 17 digits: every byte - 48 in 0..15 and every byte - 42 in 0..15
		local ok = ((a - 48) | (b - 48) | (c - 48) | (d - 48) | (e - 48) | (f - 48) | (y1 - 48) | (y2 - 48)
			| (y3 - 48) | (y4 - 48) | (m1 - 48) | (m2 - 48) | (d1 - 48) | (d2 - 48) | (o - 48) | (p - 48) | (q - 48)) & ~15 == 0
			and ((a - 42) | (b - 42) | (c - 42) | (d - 42) | (e - 42) | (f - 42) | (y1 - 42) | (y2 - 42)
			| (y3 - 42) | (y4 - 42) | (m1 - 42) | (m2 - 42) | (d1 - 42) | (d2 - 42) | (o - 42) | (p - 42) | (q - 42)) & ~15 == 0
		if ok then
			local sum = (a * 7 + b * 9 + c * 10 + d * 5 + e * 8 + f * 4 + y1 * 2 + y2 + y3 * 6 + y4 * 3
				+ m1 * 7 + m2 * 9 + d1 * 10 + d2 * 5 + o * 8 + p * 4 + q * 2) - 48 * 100
			local y, m, dd = y1 * 1000 + y2 * 100 + y3 * 10 + y4 - 48 * 1111, m1 * 10 + m2 - 528, d1 * 10 + d2 - 528
			ok = checkbytes[sum % 11] == x and y * 10000 + m * 100 + dd <= limit
				and (m >= 1 and m <= 12 and dd >= 1 and dd <= 28 and y >= 1 or valid(y, m, dd))
		end
		if not ok then
			local id = sub(s, i, i + 17)
			if M.problem(id, as_of) then
				n = n + 1
				fn(id)
			end
		end
	end
	return n
end

-- True when the ID number is valid (as of `as_of` when given).
function M.valid(id, as_of)
	return M.problem(id, as_of) == nil
end

-- Sex from the order code (character 17): "M" for odd, "F" for even; nil when
-- it is not a digit.
function M.sex(id)
	if type(id) ~= "string" or #id < 17 then return nil end
	local c = id:byte(17)
	if c < 48 or c > 57 then return nil end
	return (c - 48) % 2 == 1 and "M" or "F"
end

-- The birth date of a person: birth_date when present, else the one encoded in
-- the ID number (docs/rules.md: "Readings that hold throughout"). nil if neither.
function M.person_birth(birth_date, id)
	if birth_date ~= nil then return birth_date end
	return M.birth_date(id)
end

-- Whole-year age at `at` of a person (birth_date, else from the ID number), or nil.
function M.person_age(birth_date, id, at)
	local b = M.person_birth(birth_date, id)
	if not b then return nil end
	return dates.age(b, at)
end

-- SQL for prefiltering in queries. Rules let SQL narrow the rows and then
-- decide with the functions above; these expressions are loose supersets,
-- never narrower than the Lua checks.

-- SQL of the birth date as 'YYYY-MM-DD' text: birth_col, else characters 7-14
-- of id_col (not checked to be a real date).
function M.sql_birth(birth_col, id_col)
	return string.format("COALESCE(%s, substr(%s, 7, 4) || '-' || substr(%s, 11, 2) || '-' || substr(%s, 13, 2))",
		birth_col, id_col, id_col, id_col)
end

-- SQL condition true for every person whose age at the date `at` (an SQL
-- expression, e.g. "?1") can be in lo..hi (and for some a year either side):
-- a prefilter for M.person_age.
function M.sql_age_maybe(birth_col, id_col, lo, hi, at)
	local b = M.sql_birth(birth_col, id_col)
	return string.format("(%s > date(%s, '-%d years') AND %s <= date(%s, '-%d years'))",
		b, at, math.tointeger(hi) + 2, b, at, math.max(0, math.tointeger(lo) - 1))
end

-- SQL condition true for every ID number in column `col` that M.problem(id, at)
-- rejects (`at` an SQL expression or nil), and for no valid one: wrong length,
-- a non-digit in the first 17, a check character other than the MOD 11-2 one
-- (which also catches a lower-case x), or characters 7-14 not a real date or
-- after `at`.
function M.sql_invalid(col, at)
	local sum = {}
	for i = 1, 17 do
		sum[i] = string.format("substr(%s, %d, 1) * %d", col, i, weights[i])
	end
	local b = string.format("substr(%s, 7, 4) || '-' || substr(%s, 11, 2) || '-' || substr(%s, 13, 2)", col, col, col)
	local cond = {
		string.format("length(%s) <> 18", col),
		string.format("substr(%s, 1, 17) NOT GLOB '%s'", col, string.rep("[0-9]", 17)),
		string.format("substr(%s, 18, 1) <> substr('10X98765432', (%s) %% 11 + 1, 1)", col, table.concat(sum, " + ")),
		string.format("substr(%s, 7, 4) = '0000'", col),
		string.format("date(julianday(%s)) IS NOT %s", b, b),
	}
	if at then cond[#cond + 1] = string.format("%s > %s", b, at) end
	return "(" .. table.concat(cond, " OR ") .. ")"
end

return M
