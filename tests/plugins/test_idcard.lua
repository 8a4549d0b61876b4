-- Unit tests of plugins/idcard.lua (GB 11643-1999, ISO 7064 MOD 11-2).
local t = require "tap"
local id = require "idcard"

-- The example of GB 11643-1999 appendix: 11010519491231002X.
t.eq("check character of the standard's example", id.check_char("11010519491231002"), "X")
t.eq("check character 0..9", id.check_char("44052418800101001"), "4")
t.eq("check character needs 17 digits", id.check_char("4405241880010100"), nil)
t.eq("the standard's example is valid", id.problem("11010519491231002X"), nil)
t.eq("a valid number with a digit check", id.valid("440524188001010014"), true)
t.ok("wrong check digit", (id.problem("110105194912310021") or ""):find("MOD 11%-2 gives X"))
t.ok("lower-case x is an error", (id.problem("11010519491231002x") or ""):find("lower%-case"))
t.ok("17 characters", (id.problem("11010519491231002") or ""):find("17 characters"))
t.ok("19 characters", (id.problem("11010519491231002X1") or ""):find("19 characters"))
t.ok("letters inside", (id.problem("1101051949123A002X") or ""):find("other than digits"))
-- 19490231 is not a date; give it its right check character so only the date fails.
local body = "11010519490231002"
t.ok("birth date not a real date", (id.problem(body .. id.check_char(body)) or ""):find("not a real date"))
body = "45090220210101001"
local later = body .. id.check_char(body)
t.ok("birth date after as_of", (id.problem(later, "2020-06-30") or ""):find("after 2020%-06%-30"))
t.eq("birth date after as_of is fine without as_of", id.problem(later), nil)
t.eq("birth date on as_of is fine", id.problem(later, "2021-01-01"), nil)
t.eq("missing number", id.problem(nil), "ID number missing")

t.eq("birth date of an ID", id.birth_date("11010519491231002X"), "1949-12-31")
t.eq("birth date of a short ID", id.birth_date("1101051949"), nil)
t.eq("sex from odd order code", id.sex("11010519491231001X"), "M")
t.eq("sex from even order code", id.sex("11010519491231002X"), "F")
t.eq("age from birth_date first", id.person_age("1990-01-01", "11010519491231002X", "2020-06-30"), 30)
t.eq("age from the ID when birth_date is empty", id.person_age(nil, "11010519491231002X", "2020-06-30"), 70)
t.eq("no age from a bad ID", id.person_age(nil, "1101051949", "2020-06-30"), nil)
t.ok("a full-width X counts as one character", (id.problem("11010519491231002Ｘ") or ""):find("other than digits"))
t.ok("characters, not bytes", (id.problem("1101051949123100２") or ""):find("17 characters"))

-- each_invalid over a run of 18-byte pieces finds exactly what problem finds:
-- every one-byte change of valid numbers (digits, ':' '/' '*' just outside
-- the digits, x, X, NUL), impossible and late birth dates, leap days.
do
	local function piece(body) return body .. id.check_char(body) end
	local valid = { "11010519491231002X", piece("45092119800101001"), piece("45092120000229001"),
		piece("45092119000101001"), piece("45092120200630001") }
	local pieces = { piece("45092119000229001"), piece("45092119801301001"), piece("45092119800100001"),
		piece("45092120200701001"), piece("45092100000101001"), piece("45092119800431001") }
	for _, v in ipairs(valid) do
		pieces[#pieces + 1] = v
		for i = 1, 18 do
			for _, ch in ipairs({ "0", "5", "9", ":", "/", "*", "x", "X", "\0" }) do
				pieces[#pieces + 1] = v:sub(1, i - 1) .. ch .. v:sub(i + 1)
			end
		end
	end
	for _, as_of in ipairs({ "2020-06-30", false }) do
		local want, got = {}, {}
		for _, p in ipairs(pieces) do
			if id.problem(p, as_of or nil) then want[#want + 1] = p end
		end
		local n = id.each_invalid(table.concat(pieces), as_of or nil, function(p) got[#got + 1] = p end)
		t.eq("each_invalid finds what problem finds, as_of " .. tostring(as_of), table.concat(got, " "), table.concat(want, " "))
		t.eq("each_invalid counts them", n, #want)
		t.ok("the corpus has valid and invalid pieces", #want > 100 and #want < #pieces)
	end
end
