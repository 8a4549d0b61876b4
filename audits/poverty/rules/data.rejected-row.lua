-- data.rejected-row: rows of the export that an import with --keep-going kept
-- aside (table import_rejects), one finding per entity of the row where its
-- key column was read, else per row (row:<table>:<line>).
local say = require "say"

-- The entity kind and key column of a table's rows (docs/rules.md).
local KEYS = {
	households = { "household", "id" }, members = { "household", "household_id" },
	plans = { "household", "household_id" }, pairings = { "household", "household_id" },
	visits = { "household", "household_id" },
	deaths = { "person", "id_number" }, vehicles = { "person", "owner_id_number" },
	properties = { "person", "owner_id_number" }, businesses = { "person", "legal_rep_id_number" },
	public_payroll = { "person", "id_number" }, welfare = { "person", "id_number" },
	cadres = { "cadre", "id" }, funds = { "fund", "id" }, payments = { "payment", "id" },
	projects = { "project", "id" }, loans = { "loan", "id" },
	regions = { "village", "code" }, task_forces = { "village", "village_code" },
}

-- The reasons of import_rejects (docs/import.md) in Chinese, after the column's name.
local CAUSES = {
	["no-such-date"] = "不存在",
	["not-a-date"] = "不是日期",
	["unknown-code"] = "编码无法识别",
	["excel-digits-lost"] = "被 Excel 损坏（存成了数字，15 位以后的数字已丢失）",
	["excel-error"] = "单元格显示公式错误",
	["missing-value"] = "为空（必填）",
	["not-money"] = "不是金额",
	["not-a-number"] = "不是数字",
	["not-a-boolean"] = "不是“是/否”",
	["not-a-code"] = "位数不对",
	["duplicate-key"] = "重复（同一编号已导入）",
	["field-count"] = "列数与表头不符",
	["extra-value"] = "在表头最后一列之外",
}

return {
	id = "data.rejected-row",
	title = "数据行导入被拒",
	title_en = "row rejected by the import",
	category = "data",
	severity = "medium",
	entity = "*",
	description = "a row of the export was rejected by an import with --keep-going (table import_rejects): "
		.. "the finding names the table, the line or cell, the column and the reason in Chinese "
		.. "(出生日期不存在, 编码无法识别, 身份证号被 Excel 损坏); its entity is the row's own "
		.. "(household, person, cadre, fund, payment, project, loan, village) where its key column "
		.. "was read, else row:<table>:<line>; one finding per entity, naming every rejected row of it",
	description_zh = "导出数据中的一行在以 --keep-going 导入时被拒收（表 `import_rejects`）：问题写明表、行或单元格、列和中文原因（出生日期不存在、编码无法识别、身份证号被 Excel 损坏）；能读出该行主键列的，问题的对象为该行自身（户、人员、干部、资金、发放、项目、贷款、村），否则为 `row:<表>:<行号>`；每个对象一条问题，列出其所有被拒收的行",
	basis = "docs/rules.md, data (数据质量): data problems go into the ledger like every other finding",
	basis_zh = "docs/rules.md 中的数据质量类规则：数据问题与其他问题一样记入台账",
	params = {},
	check = function(ctx, params)
		local present = 0
		for r in ctx:rows([[SELECT count(*) AS n FROM sqlite_master
			WHERE type = 'table' AND name = 'import_rejects']]) do present = r.n end
		if present == 0 then return end
		local keys = {}
		for t, k in pairs(KEYS) do
			keys[#keys + 1] = string.format("('%s', '%s', '%s')", t, k[1], k[2])
		end
		table.sort(keys)
		local order, by = {}, {}
		for r in ctx:rows([[
			WITH k(tbl, kind, col) AS (VALUES ]] .. table.concat(keys, ", ") .. [[)
			SELECT r.id, r.table_name, r.line, r.location, r.column_name, r.column_zh, r.value,
			       r.reason, r.message, k.kind, json_extract(r.raw, '$.' || k.col) AS key,
			       EXISTS (SELECT 1 FROM import_rejects b WHERE b.file = r.file AND b.line = r.line
			               AND b.column_name = k.col) AS key_bad
			FROM import_rejects r LEFT JOIN k ON k.tbl = r.table_name ORDER BY r.id]]) do
			local entity
			if r.kind and r.key ~= nil and tostring(r.key) ~= "" and r.key_bad == 0 then
				entity = r.kind .. ":" .. tostring(r.key)
			end
			entity = entity or ("row:" .. r.table_name .. ":" .. r.line)
			if not by[entity] then
				by[entity] = { zh = {}, en = {}, rows = {} }
				order[#order + 1] = entity
			end
			local e = by[entity]
			local what = (r.column_zh or "该行") .. (CAUSES[r.reason] or "不符合数据规范")
			if r.value ~= nil and r.value ~= "" then what = what .. "：" .. r.value end
			e.zh[#e.zh + 1] = r.location .. " " .. what
			e.en[#e.en + 1] = r.message
			e.rows[#e.rows + 1] = { location = r.location, table = r.table_name, line = r.line,
				column = r.column_name, value = r.value, reason = r.reason }
		end
		for _, entity in ipairs(order) do
			local e = by[entity]
			ctx:report { entity = entity,
				message = say.text("导入时被拒的数据行：" .. table.concat(e.zh, "；"),
					"rows rejected by the import: " .. table.concat(e.en, "; ")),
				evidence = { rows = e.rows } }
		end
	end,
}
