-- demo/names.lua - plausible Chinese names for the demo county (southern
-- Guangxi): weighted common surnames and given-name characters by sex.
local M = {}

-- Surnames with rough weights for 玉林/陆川 (韦 黄 李 陈 梁 ... lead).
local surnames = { "陈", "李", "黄", "梁", "刘", "王", "张", "杨", "林", "何", "吕", "罗",
	"庞", "钟", "冯", "苏", "谢", "莫", "吴", "韦", "周", "邓", "赖", "丘", "范", "彭",
	"曾", "廖", "蓝", "宁", "覃", "潘", "叶", "朱", "温", "郑", "许", "余" }
local weights = { 14, 13, 12, 11, 8, 7, 7, 6, 6, 5, 5, 5, 5, 4, 4, 4, 3, 3, 3, 3, 3,
	3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1 }

local male = { "伟", "强", "军", "明", "华", "勇", "杰", "涛", "斌", "超", "平", "海", "志",
	"国", "建", "文", "东", "林", "俊", "峰", "亮", "辉", "荣", "成", "宇", "浩", "鹏", "飞",
	"德", "福", "贵", "生", "光", "金", "永", "家", "锦", "权", "新", "才" }
local female = { "芳", "丽", "娟", "敏", "静", "玲", "秀", "英", "华", "梅", "兰", "霞", "燕",
	"红", "艳", "凤", "萍", "琴", "洁", "婷", "雪", "莉", "玉", "妹", "春", "桂", "群", "珍",
	"慧", "月", "莲", "金", "彩", "菊", "艺", "颖", "丹", "晓", "欣", "怡" }

local total = 0
for _, w in ipairs(weights) do total = total + w end

-- A surname drawn by weight.
function M.surname(rng)
	return surnames[rng:weighted(weights, total)]
end

-- A one- or two-character given name for sex "M" or "F".
function M.given(rng, sex)
	local pool = sex == "M" and male or female
	if rng:chance(0.35) then return rng:pick(pool) end
	return rng:pick(pool) .. rng:pick(pool)
end

-- A full name: surname + given name.
function M.full(rng, sex, surname)
	return (surname or M.surname(rng)) .. M.given(rng, sex)
end

return M
