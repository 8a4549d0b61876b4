-- terms.lua - the registry's codes in the words of the domain: each coded
-- column's vocabulary (docs/registry.md) with its Chinese term and an English
-- one, and places named as people name them (乌石镇 (450922108)). Texts are
-- say.lua texts, so a message holds both languages.
local say = require "say"

local M = {}

-- vocabulary -> code -> { Chinese term, English term }
local V = {
	level = { province = { "省", "province" }, city = { "市", "city" }, county = { "县", "county" },
		town = { "乡镇", "town" }, village = { "村", "village" } },
	status = { poor = { "未脱贫", "not exited" }, exited = { "已脱贫", "exited" }, removed = { "已剔除", "removed" } },
	household_type = { general = { "一般贫困户", "general poor household" }, dibao = { "低保贫困户", "dibao poor household" },
		tekun = { "特困供养贫困户", "tekun-supported poor household" } },
	main_cause = { illness = { "因病", "illness" }, disability = { "因残", "disability" }, schooling = { "因学", "schooling" },
		disaster = { "因灾", "disaster" }, land = { "缺土地", "lack of land" }, water = { "缺水", "lack of water" },
		skills = { "缺技术", "lack of skills" }, labor = { "缺劳力", "lack of labour" }, funds = { "缺资金", "lack of funds" },
		transport = { "交通条件落后", "poor transport" }, motivation = { "自身发展动力不足", "lack of motivation" },
		other = { "其他", "other" } },
	relation = { head = { "户主", "head" }, spouse = { "配偶", "spouse" }, child = { "子女", "child" },
		parent = { "父母", "parent" }, grandchild = { "孙子女", "grandchild" }, sibling = { "兄弟姐妹", "sibling" },
		other = { "其他", "other relative" } },
	sex = { M = { "男", "male" }, F = { "女", "female" } },
	education = { none = { "文盲或半文盲", "illiterate" }, primary = { "小学", "primary" }, junior = { "初中", "junior secondary" },
		senior = { "高中", "senior secondary" }, vocational = { "中专", "vocational" }, college = { "大专及以上", "college" } },
	school_stage = { preschool = { "学前", "preschool" }, primary = { "小学", "primary school" },
		junior = { "初中", "junior secondary school" }, senior = { "高中", "senior secondary school" },
		vocational = { "中职", "vocational school" }, college = { "高校", "college" } },
	health = { healthy = { "健康", "healthy" }, chronic = { "长期慢性病", "chronic illness" }, serious = { "大病", "serious illness" },
		disabled = { "残疾", "disabled" } },
	labor = { normal = { "普通劳动力", "ordinary labour" }, skilled = { "技能劳动力", "skilled labour" },
		lost = { "丧失劳动力", "lost the ability to work" }, none = { "无劳动力", "no labour" } },
	rank = { county = { "处级", "county rank" }, section = { "科级", "section rank" }, staff = { "一般干部", "staff" } },
	source = { central = { "中央", "central" }, province = { "省级", "provincial" }, city = { "市级", "city" },
		county = { "县级", "county" }, other = { "其他", "other" } },
	purpose = { industry = { "产业扶持", "industry support" }, housing = { "危房改造", "housing renovation" },
		education = { "教育", "education" }, medical = { "医疗", "medical" }, infrastructure = { "基础设施", "infrastructure" },
		employment = { "就业", "employment" }, loan_subsidy = { "贴息", "loan interest subsidy" }, other = { "其他", "other" } },
	payee_kind = { household = { "户", "household" }, person = { "个人", "person" }, project = { "项目", "project" },
		cooperative = { "合作社", "cooperative" }, enterprise = { "企业", "enterprise" } },
	loan_use = { household = { "户借户用", "used by the household" }, enterprise = { "户贷企用", "used by an enterprise" } },
	program = { dibao = { "低保", "dibao" }, tekun = { "特困", "tekun" }, wubao = { "五保", "wubao" } },
	vehicle_kind = { car = { "小汽车", "car" }, truck = { "货车", "truck" }, machinery = { "农机/工程机械", "machinery" } },
	property_kind = { commercial_housing = { "商品房", "commercial housing" }, shop = { "商铺", "shop" } },
	business_status = { active = { "存续", "active" }, closed = { "注销", "closed" } },
}

-- The vocabularies by name: vocabulary -> code -> {Chinese, English}; read only.
M.vocabularies = V

-- The term of `code` in vocabulary `vocab` as a text (Chinese and English);
-- a code the vocabulary does not hold is shown as itself, nil as "".
-- Raises for an unknown vocabulary (a mistake in the rule).
function M.term(vocab, code)
	local v = V[vocab]
	if not v then error("terms: no vocabulary '" .. tostring(vocab) .. "'", 2) end
	local t = code ~= nil and v[code]
	if t then return say.text(t[1], t[2]) end
	return say.text(code == nil and "" or tostring(code))
end

-- The Chinese term of code (or the code when unknown).
function M.zh(vocab, code)
	return M.term(vocab, code).zh
end

-- The English term of code (or the code when unknown).
function M.en(vocab, code)
	return M.term(vocab, code).en
end

-- "乌石镇 (450922108)" for a place's name and code; the code alone when the
-- name is unknown (nil or empty). Same in both languages.
function M.named(name, code)
	if name == nil or name == "" then return say.text(tostring(code)) end
	return say.text(string.format("%s (%s)", name, code))
end

-- The place with region code `code` named from the registry's regions, as
-- M.named gives it; names are read once per ctx and code (a cache in ctx's
-- table of this module).
local cache = setmetatable({}, { __mode = "k" })
function M.place(ctx, code)
	if code == nil then return say.text("") end
	local c = cache[ctx]
	if not c then c = {}; cache[ctx] = c end
	local name = c[code]
	if name == nil then
		local r = ctx:one("SELECT name FROM regions WHERE code = ?", code)
		name = r and r.name or false
		c[code] = name
	end
	return M.named(name or nil, code)
end

return M
