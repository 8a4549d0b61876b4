-- idcard.lua - resident ID numbers (公民身份号码, GB 11643-1999): the ISO 7064
-- MOD 11-2 check character, the birth date they encode, validation with a
-- reason, and the age of a person from birth date or ID number.
--
-- An ID number is 17 digits (6 address code, 8 birth date YYYYMMDD, 3 order
-- code, the last odd for men) and a check character 0-9 or upper-case X.
-- A lower-case x is a data error (docs/rules.md).
local dates = require "dates"

local M = {}

local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checkchars = { [0] = "1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2" }

-- The check character of the first 17 digits `s17` (ISO 7064 MOD 11-2), or nil
-- when s17 is not 17 digits.
function M.check_char(s17)
	if type(s17) ~= "string" or not s17:match("^" .. string.rep("%d", 17) .. "$") then
		return nil
	end
	local sum = 0
	for i = 1, 17 do
		sum = sum + (s17:byte(i) - 48) * weights[i]
	end
	return checkchars[sum % 11]
end

-- The birth date encoded in an ID number (characters 7-14) as 'YYYY-MM-DD', or
-- nil when the number is too short or those characters are not a real date.
function M.birth_date(id)
	if type(id) ~= "string" or #id < 14 then return nil end
	return dates.from_compact(id:sub(7, 14))
end

-- Checks an ID number. Returns nil when valid; else a problem text in English
-- and a Chinese one. `as_of` ('YYYY-MM-DD', optional) rejects birth dates after it.
function M.problem(id, as_of)
	if type(id) ~= "string" then
		return "ID number missing", "身份证号为空"
	end
	if #id ~= 18 then
		return string.format("ID number has %d characters, not 18", #id),
			string.format("身份证号 %d 位, 应为 18 位", #id)
	end
	local body, last = id:sub(1, 17), id:sub(18)
	if not body:match("^" .. string.rep("%d", 17) .. "$") or not last:match("^[0-9X]$") then
		if last == "x" and body:match("^" .. string.rep("%d", 17) .. "$") then
			return "check character is lower-case x (must be X)", "校验码为小写 x (应为大写 X)"
		end
		return "ID number has characters other than digits and a final X",
			"身份证号含非法字符"
	end
	local want = M.check_char(body)
	if last ~= want then
		return string.format("check character %s, MOD 11-2 gives %s", last, want),
			string.format("校验码 %s 错误, 应为 %s", last, want)
	end
	local b = M.birth_date(id)
	if not b then
		return string.format("birth date %s is not a real date", id:sub(7, 14)),
			string.format("出生日期 %s 不是有效日期", id:sub(7, 14))
	end
	if as_of and b > as_of then
		return string.format("birth date %s is after %s", b, as_of),
			string.format("出生日期 %s 晚于 %s", b, as_of)
	end
	return nil
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

return M
