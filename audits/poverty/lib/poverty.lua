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

-- The poverty line (yuan) of `year` from the pack parameter, or nil. Keys may
-- be integers or text (a --param override).
function M.poverty_line(params, year)
	local t = params.poverty_line
	if type(t) ~= "table" or year == nil then return nil end
	local v = t[year] or t[tostring(year)] or t[math.tointeger(year) or year]
	return v and tonumber(v)
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
