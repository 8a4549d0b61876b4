-- poverty.lua - what the rules of the poverty pack share: the SQL readings of
-- docs/rules.md ("registered", "active", "on duty", a payment's purpose), the
-- labels that name households and people in messages, and a collector that
-- folds several facts about one entity into its single finding.
--
-- SQL fragments use ?1 for as_of: a rule using them binds as_of as its first
-- parameter (the engine checks the number of values against the statement).
local money = require "money"

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

-- "户 H1 (户主 韦某某)" for a household id and its head's name (may be nil).
function M.household(id, head)
	if head then return string.format("户 %s (户主 %s)", id, head) end
	return string.format("户 %s", id)
end

-- "韦某某 (450...)" for a person.
function M.person(name, id)
	if name then return string.format("%s (%s)", name, id) end
	return tostring(id)
end

M.yuan = money.fmt

-- A threshold parameter in yuan as integer fen.
M.fen = money.fen

-- The exclusion checks (public payroll, vehicles, property, businesses,
-- cadres): registered households with a member found in a roster. spec:
--   from    the roster as an SQL table with alias, e.g. "vehicles v"
--   on      its column holding the member's ID number, e.g. "v.owner_id_number"
--   columns roster columns to fetch; where: extra SQL condition (optional)
--   order   roster column(s) that order the facts within a household
--   args    values of ?1, ?2, ... (?1 is as_of where `where` uses it)
--   fact    function(row) -> the fact about one member and roster row
--   tail    the English summary of the finding
-- Rows carry household_id, head, name, id_number, relation and the columns.
-- One finding per household naming every fact; returns the number of findings.
function M.member_in_roster(ctx, spec)
	local c = M.collector(ctx, function(e, f) return M.household(f.household_id, f.head) .. ": " end, spec.tail)
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
		return string.format("村 %s %s: ", f.village_code, f.name or "")
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

-- "户主" for the head, else "成员".
function M.role(relation)
	return relation == "head" and "户主" or "成员"
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
-- head(entity, first evidence) followed by its facts joined by "; " and the
-- English `tail`, and whose evidence holds the list of facts' evidence.
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
		if not seen[entity][fact] then
			seen[entity][fact] = true
			f[#f + 1] = fact
			evs[entity][#evs[entity] + 1] = ev
		end
	end
	function c.flush()
		for _, e in ipairs(order) do
			local first = evs[e][1]
			local msg = (head and head(e, first) or "") .. table.concat(facts[e], "; ")
			if tail then msg = msg .. " — " .. tail end
			ctx:report { entity = e, message = msg, evidence = { facts = evs[e] } }
		end
		return #order
	end
	return c
end

return M
