-- Unit tests of plugins/say.lua (bilingual texts) and plugins/terms.lua
-- (the registry's codes in words, places by name).
local t = require "tap"
local say = require "say"
local terms = require "terms"

local x = say.text("医疗", "medical")
t.eq("a text has both sides", x.zh .. "|" .. x.en, "医疗|medical")
t.eq("en defaults to zh", say.text("乌石镇").en, "乌石镇")
t.ok("is", say.is(x) and not say.is("x") and not say.is({ zh = "a", en = "b" }))
t.eq("zh/en of a plain value", say.zh(12) .. say.en("a") .. say.zh(nil), "12a")
local m = say.fmt("向 %s 发放 %d 元, 用途 %s", "paid %s %d yuan for %s", terms.term("payee_kind", "household"), 707, x)
t.eq("fmt: Chinese side", m.zh, "向 户 发放 707 元, 用途 医疗")
t.eq("fmt: English side", m.en, "paid household 707 yuan for medical")
t.eq("fmt without an English format", say.fmt("%s 年", nil, 2020).en, "2020 年")
local c = "资金 " .. x .. " / " .. say.text("甲", "A")
t.eq("concat: Chinese", c.zh, "资金 医疗 / 甲")
t.eq("concat: English", c.en, "资金 medical / A")
t.eq("join", say.join({ x, "b", say.text("丙", "c") }, say.text("、", ", ")).en, "medical, b, c")
t.eq("join: Chinese", say.join({ x, "b" }, say.text("、", ", ")).zh, "医疗、b")
t.eq("tostring is the Chinese side", tostring(x), "医疗")
t.ok("equal texts", say.text("a", "b") == say.text("a", "b") and say.text("a", "b") ~= say.text("a", "c"))

-- terms: every vocabulary of docs/registry.md, Chinese and English
t.eq("purpose medical", terms.zh("purpose", "medical") .. "/" .. terms.en("purpose", "medical"), "医疗/medical")
t.eq("welfare tekun", terms.zh("program", "tekun"), "特困")
t.eq("payee household", terms.zh("payee_kind", "household"), "户")
t.eq("household status", terms.zh("status", "removed"), "已剔除")
t.eq("an unknown code shows as itself", terms.term("purpose", "lottery").zh .. terms.term("purpose", "lottery").en, "lotterylottery")
t.eq("nil is empty", terms.zh("purpose", nil), "")
t.ok("an unknown vocabulary is the rule's mistake", not pcall(terms.term, "purposes", "medical"))
local n = 0
for vocab, codes in pairs(terms.vocabularies) do
	for code, pair in pairs(codes) do
		n = n + 1
		if not (type(pair[1]) == "string" and pair[1]:find("[\128-\255]") and type(pair[2]) == "string" and
			pair[2]:find("^[%w /%-]+$")) then
			t.ok("term " .. vocab .. "." .. code .. " has a Chinese and an English word", false)
		end
	end
end
t.ok("every term has a Chinese and an English word (" .. n .. ")", n >= 80)

-- places
t.eq("named place", terms.named("乌石镇", "450922108").zh, "乌石镇 (450922108)")
t.eq("a place without a name is its code", terms.named(nil, "450922108").en, "450922108")
local queries = 0
local ctx = { one = function(self, sql, code)
	queries = queries + 1
	return code == "450922108" and { name = "乌石镇" } or nil
end }
t.eq("place from the regions", terms.place(ctx, "450922108").zh, "乌石镇 (450922108)")
t.eq("place in English keeps the name", terms.place(ctx, "450922108").en, "乌石镇 (450922108)")
t.eq("unknown place", terms.place(ctx, "450922999").zh, "450922999")
terms.place(ctx, "450922999")
t.eq("names are read once per code", queries, 2)
