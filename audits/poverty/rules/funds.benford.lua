-- funds.benford: towns whose household payment amounts do not follow Benford's law.
local benford = require "benford"
local say = require "say"
local terms = require "terms"

return {
	id = "funds.benford",
	title = "发放金额首两位数字分布异常",
	title_en = "payment amounts fail the Benford test",
	category = "funds",
	severity = "low",
	entity = "town",
	description = "the first-two-digit distribution of payment amounts credited to households of one town (≥ `benford_min_n` (300) payments ≥ 10 yuan) has a mean absolute deviation above `benford_mad` (0.0022, Nigrini's nonconformity bound)",
	description_zh = "同一乡镇向户发放的金额（不少于 `benford_min_n`（300）笔、每笔不低于 10 元）首两位数字的分布，其平均绝对偏差超过 `benford_mad`（0.0022，尼格里尼给出的不符合界限）",
	basis = "Nigrini, Benford's Law (2012): first-two-digits test, MAD conformity bounds "
		.. "0.0012 / 0.0018 / 0.0022 (above 0.0022: nonconformity)",
	basis_zh = "尼格里尼《本福特定律》（2012）：首两位数字检验，平均绝对偏差的符合界限为 0.0012 / 0.0018 / 0.0022（超过 0.0022 为不符合）",
	params = { benford_min_n = 300, benford_mad = 0.0022, benford_min_amount = { type = "money", default = 10, doc = "payments below it are not counted", doc_zh = "低于此金额的发放不计入" } },
	check = function(ctx, params)
		-- Each household probes the covering index payments(payee_kind,
		-- payee_id, amount, ...): no lookup of the payment rows. The pairs are
		-- grouped on one integer (town number * 1000 + digits + 100; the
		-- digits are -9..99), cheaper to sort than (text, integer).
		local towns, order = {}, {}
		for r in ctx:rows([[
			WITH t AS MATERIALIZED (
				SELECT town, row_number() OVER (ORDER BY town) AS k
				FROM (SELECT DISTINCT substr(village_code, 1, 9) AS town FROM households)),
			g AS MATERIALIZED (
				SELECT t.k * 1000 + CAST(substr(CAST(p.amount AS TEXT), 1, 2) AS INTEGER) + 100 AS key, count(*) AS n
				FROM households h CROSS JOIN t ON t.town = substr(h.village_code, 1, 9)
				CROSS JOIN payments p ON p.payee_kind = 'household' AND p.payee_id = h.id
				WHERE p.amount >= ?1
				GROUP BY key)
			SELECT t.town, g.key % 1000 - 100 AS d, g.n FROM g JOIN t ON t.k = g.key / 1000
			ORDER BY t.town, d]], params.benford_min_amount) do
			local t = towns[r.town]
			if not t then
				t = { counts = {}, n = 0 }
				towns[r.town] = t
				order[#order + 1] = r.town
			end
			t.counts[r.d] = (t.counts[r.d] or 0) + r.n
			t.n = t.n + r.n
		end
		for _, town in ipairs(order) do
			local t = towns[town]
			if t.n >= params.benford_min_n then
				local mad = benford.mad(t.counts, t.n)
				if mad > params.benford_mad then
					local top, ex = benford.top_excess(t.counts, t.n, 3), {}
					for i, x in ipairs(top) do
						ex[i] = say.fmt("%d: %.1f%% (应为 %.1f%%)", "%d: %.1f%% (expected %.1f%%)", x.digits, 100 * x.observed,
							100 * x.expected)
					end
					ctx:report {
						entity = "town:" .. town,
						message = say.fmt("乡镇 %s 到户付款 %d 笔, 首两位数字 MAD %.4f 超过 %.4f; 偏多: %s",
							"town %s: the first two digits of %d household payments do not conform to Benford's law, "
								.. "MAD %.4f above %.4f; most in excess: %s",
							terms.place(ctx, town), t.n, mad, params.benford_mad, say.join(ex, say.text("; ", "; "))),
						evidence = { town = town, n = t.n, mad = mad, bound = params.benford_mad },
					}
				end
			end
		end
	end,
}
