-- poverty.lua - what the rules of the poverty pack share: the SQL readings of
-- docs/rules.md ("registered", "active", "on duty", a payment's purpose), the
-- labels that name households and people in messages (say.lua texts: Chinese
-- and English), and a collector that folds several facts about one entity
-- into its single finding.
--
-- SQL fragments use ?1 for as_of: a rule using them binds as_of as its first
-- parameter (the engine checks the number of values against the statement).
local money = require "money"
local say = require "say"
local terms = require "terms"

local M = {}

-- "Registered": status poor or exited (not removed). `h` is the households alias.
function M.registered(h)
	return string.format("%s.status IN ('poor','exited')", h)
end

-- "Active" at as_of (?1): started on or before it (an unknown start counts as
-- started) and not ended before it.
function M.active(t, start_col, end_col)
	start_col, end_col = start_col or "start_date", end_col or "end_date"
	return string.format("(%s.%s IS NULL OR %s.%s <= ?1) AND (%s.%s IS NULL OR %s.%s >= ?1)",
		t, start_col, t, start_col, t, end_col, t, end_col)
end

-- A cadre "on duty" at as_of (?1): end_date empty or after as_of.
function M.on_duty(c)
	return string.format("(%s.end_date IS NULL OR %s.end_date > ?1)", c, c)
end

-- The purpose of payment `p`: its own, or its fund's when empty (an SQL
-- expression; the fund is looked up only when the payment has none).
function M.purpose(p)
	return string.format("COALESCE(%s.purpose, (SELECT f.purpose FROM funds f WHERE f.id = %s.fund_id))", p, p)
end

-- SQL condition: payment `p` has the purpose `code` (an SQL literal or
-- parameter), its own or its fund's when empty; the fund list is built once.
function M.purpose_is(p, code)
	return string.format("(%s.purpose = %s OR (%s.purpose IS NULL AND %s.fund_id IN (SELECT id FROM funds WHERE purpose = %s)))",
		p, code, p, p, code)
end

-- Correlated subquery: the name of the head of household `hid` (an SQL expression).
function M.head_name_sql(hid)
	return string.format("(SELECT name FROM members hm WHERE hm.household_id = %s AND hm.relation = 'head' ORDER BY hm.id_number LIMIT 1)", hid)
end

-- "户 H1 (户主 韦某某)" / "household H1 (head 韦某某)" for a household id and
-- its head's name (may be nil).
function M.household(id, head)
	if head then return say.fmt("户 %s (户主 %s)", "household %s (head %s)", id, head) end
	return say.fmt("户 %s", "household %s", id)
end

-- "韦某某 (450...)" for a person (the same in both languages).
function M.person(name, id)
	if name then return say.text(string.format("%s (%s)", name, id)) end
	return say.text(tostring(id))
end

-- "帮扶干部 C1 黄某" / "helper cadre C1 黄某" for a cadre id and name (may be nil).
function M.cadre(id, name)
	if name then return say.fmt("帮扶干部 %s %s", "helper cadre %s %s", id, name) end
	return say.fmt("帮扶干部 %s", "helper cadre %s", id)
end

-- A code of a registry vocabulary in words (terms.term).
M.term = terms.term

-- A place named from the regions: "乌石镇 (450922108)" (terms.place).
M.place = terms.place

-- A place of known name and code: "乌石镇 (450922108)" (terms.named).
M.named = terms.named

-- "85,000 元" / "85,000 yuan" of integer fen (money.fmt, money.yuan).
function M.yuan(fen)
	return say.text(money.fmt(fen), money.yuan(fen) .. " yuan")
end

-- A threshold parameter in yuan as integer fen.
M.fen = money.fen

-- The exclusion checks (public payroll, vehicles, property, businesses,
-- cadres): registered households with a member found in a roster. spec:
--   from    the roster as an SQL table with alias, e.g. "vehicles v"
--   on      its column holding the member's ID number, e.g. "v.owner_id_number"
--   columns roster columns to fetch; where: extra SQL condition (optional)
--   order   roster column(s) that order the facts within a household
--   args    values of ?1, ?2, ... (?1 is as_of where `where` uses it)
--   fact    function(row) -> the fact about one member and roster row (a text)
--   tail    the English summary of the finding (ends the English message)
-- Rows carry household_id, head, name, id_number, relation and the columns.
-- One finding per household naming every fact; returns the number of findings.
function M.member_in_roster(ctx, spec)
	local c = M.collector(ctx, function(e, f) return M.household(f.household_id, f.head) .. say.text(": ", ": ") end, spec.tail)
	local sql = "SELECT h.id AS household_id, " .. M.head_name_sql("h.id") .. " AS head, "
		.. "m.name, m.id_number, m.relation, " .. spec.columns
		.. " FROM " .. spec.from .. " CROSS JOIN members m ON m.id_number = " .. spec.on
		.. " JOIN households h ON h.id = m.household_id"
		.. " WHERE " .. M.registered("h") .. (spec.where and (" AND " .. spec.where) or "")
		.. " ORDER BY h.id, m.id_number, " .. spec.order
	for r in ctx:rows(sql, table.unpack(spec.args or {})) do
		c.add("household:" .. r.household_id, spec.fact(r), r)
	end
	return c.flush()
end

-- The task-force checks: active task forces (alias t) meeting the SQL
-- condition `where` (?1 is as_of, ?2... are `args`); rows carry village_code,
-- name (the village's), id, members, first_secretary_id. One finding per
-- village naming each task force by fact(row); returns the number of findings.
function M.task_force_check(ctx, where, args, fact, tail)
	local c = M.collector(ctx, function(e, f)
		return say.fmt("村 %s: ", "village %s: ", terms.named(f.name, f.village_code))
	end, tail)
	for r in ctx:rows([[
		SELECT t.village_code, v.name, t.id, t.members, t.first_secretary_id FROM task_forces t
		LEFT JOIN regions v ON v.code = t.village_code
		WHERE ]] .. M.active("t") .. " AND " .. where .. [[
		ORDER BY t.village_code, t.id]], ctx.as_of, table.unpack(args)) do
		c.add("village:" .. r.village_code, fact(r), r)
	end
	return c.flush()
end

-- "户主" / "head" for the head, else "成员" / "member".
function M.role(relation)
	if relation == "head" then return say.text("户主", "head") end
	return say.text("成员", "member")
end

-- SQL expression: the poverty line in fen of the year in SQL expression
-- `year_sql`, from the pack parameter (integer literals only), NULL for a
-- year the table does not give.
function M.poverty_line_sql(params, year_sql)
	local whens = {}
	if type(params.poverty_line) == "table" then
		for y, v in pairs(params.poverty_line) do
			local year = math.tointeger(tonumber(y))
			local fen = tonumber(v) and M.fen(v)
			if year and fen then whens[#whens + 1] = string.format(" WHEN %d THEN %d", year, fen) end
		end
	end
	table.sort(whens)
	if #whens == 0 then return "NULL" end
	return "(CASE " .. year_sql .. table.concat(whens) .. " END)"
end

-- A collector: add(entity, fact, evidence) any number of times, then flush()
-- reports one finding per entity, in the order first added, whose message is
-- head(entity, first evidence) followed by its facts joined by "; ", the
-- English side ending in " — " and `tail` (an English summary, optional);
-- facts and head are say.lua texts (or strings, the same in both languages).
-- The evidence holds the list of facts' evidence.
function M.collector(ctx, head, tail)
	local order, facts, evs, seen = {}, {}, {}, {}
	local c = {}
	function c.add(entity, fact, ev)
		local f = facts[entity]
		if not f then
			f, evs[entity], seen[entity] = {}, {}, {}
			facts[entity] = f
			order[#order + 1] = entity
		end
		local key = say.zh(fact) .. "\0" .. say.en(fact)
		if not seen[entity][key] then
			seen[entity][key] = true
			f[#f + 1] = fact
			evs[entity][#evs[entity] + 1] = ev
		end
	end
	function c.flush()
		for _, e in ipairs(order) do
			local first = evs[e][1]
			local msg = (head and head(e, first) or say.text("")) .. say.join(facts[e], "; ")
			if tail then msg = M.summary(msg, tail) end
			ctx:report { entity = e, message = msg, evidence = { facts = evs[e] } }
		end
		return #order
	end
	return c
end

-- The text msg with the English summary `tail` after " — " on its English
-- side only (the Chinese message stays Chinese).
function M.summary(msg, tail)
	return say.text(say.zh(msg), say.en(msg) .. " — " .. tail)
end

return M
