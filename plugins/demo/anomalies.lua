-- demo/anomalies.lua - which anomalies the demo county gets, how often, and
-- the truth list (truth.jsonl) that records each injected finding.
--
-- Each rule of docs/rules.md has a rate per household. The scheduler spreads
-- the injections evenly over the run: after i of N households, rule r is
-- "due" while fewer than about k_r * i / (0.9 N) have been injected
-- (k_r = max(1, round(N * rate))), so every rule gets its count even at small
-- scales and no village gets them all. A household takes at most one
-- injection, so injected entities stay apart.
local M = {}
M.__index = M

-- Rule id -> injections per household (village, project and fund rules use
-- their own counts; see generate.lua and funds.lua).
M.rates = {
	["precision.id-invalid"] = 0.002,
	["precision.id-duplicate"] = 0.0015,
	["precision.id-birth-mismatch"] = 0.002,
	["precision.deceased-listed"] = 0.002,
	["precision.public-payroll"] = 0.0015,
	["precision.vehicle"] = 0.002,
	["precision.commercial-housing"] = 0.001,
	["precision.business"] = 0.001,
	["precision.cadre-is-poor"] = 0.0005,
	["precision.size-mismatch"] = 0.003,
	["precision.head-missing"] = 0.002,
	["precision.orphan-member"] = 0.001,
	["precision.village-unknown"] = 0.0008,
	["precision.exit-below-line"] = 0.002,
	["precision.income-implausible"] = 0.001,
	["precision.income-inconsistent"] = 0.003,
	["precision.cause-mismatch"] = 0.002,
	["precision.labor-mismatch"] = 0.002,
	["precision.school-age"] = 0.001,
	["precision.relation-conflict"] = 0.001,
	["precision.exit-unmet"] = 0.002,
	["precision.welfare-conflict"] = 0.0008,
	["precision.missed-welfare"] = 0.001,
	["assignment.no-helper"] = 0.002,
	["assignment.helper-departed"] = 0.001,
	["assignment.helper-overload"] = 0.0008,
	["assignment.no-plan"] = 0.002,
	["assignment.no-visit"] = 0.003,
	["assignment.visit-unpaired"] = 0.001,
	["assignment.visit-burst"] = 0.0003,
	["assignment.no-family-doctor"] = 0.002,
	["funds.payee-ineligible"] = 0.001,
	["funds.payee-deceased"] = 0.0005,
	["funds.duplicate-payment"] = 0.001,
	["funds.over-standard"] = 0.001,
	["funds.shared-account"] = 0.0008,
	["funds.cadre-account"] = 0.0005,
	["funds.split-payment"] = 0.0008,
	["funds.project-stalled"] = 0.0005,
	["funds.loan-ineligible"] = 0.0008,
	["funds.loan-terms"] = 0.001,
	["funds.loan-enterprise"] = 0.001,
}

-- The order in which a household is offered to the household rules.
M.household_order = {
	"precision.id-invalid", "precision.id-duplicate", "precision.id-birth-mismatch",
	"precision.deceased-listed", "precision.public-payroll", "precision.vehicle",
	"precision.commercial-housing", "precision.business", "precision.size-mismatch",
	"precision.head-missing", "precision.village-unknown", "precision.exit-below-line",
	"precision.income-implausible", "precision.income-inconsistent", "precision.cause-mismatch",
	"precision.labor-mismatch", "precision.school-age", "precision.relation-conflict",
	"precision.exit-unmet", "precision.welfare-conflict", "assignment.no-helper",
	"assignment.helper-departed", "assignment.no-plan", "assignment.no-visit",
	"assignment.visit-unpaired", "assignment.no-family-doctor", "funds.duplicate-payment",
	"funds.over-standard", "funds.shared-account", "funds.cadre-account", "funds.split-payment",
	"funds.payee-ineligible", "funds.loan-terms", "funds.loan-enterprise",
}

-- The first household index at which rule `id` is due again.
local function threshold(self, id)
	local k = self.k[id]
	if self.done[id] >= k then return math.huge end
	-- smallest i with floor(k * i / (0.9 n) + off) > done
	return math.max(1, math.ceil((self.done[id] + 1 - self.off[id]) * 0.9 * self.n / k))
end

-- A scheduler for n households; rng gives each rule its phase.
function M.new(rng, n)
	local self = setmetatable({ n = n, k = {}, done = {}, off = {}, truth = {} }, M)
	local ids = {}
	for id in pairs(M.rates) do ids[#ids + 1] = id end
	table.sort(ids)
	for _, id in ipairs(ids) do
		self.k[id] = math.max(1, math.floor(n * M.rates[id] + 0.5))
		self.done[id] = 0
		self.off[id] = 0.3 + 0.6 * rng:float()
	end
	self.thr = {}
	for _, id in ipairs(ids) do self.thr[id] = threshold(self, id) end
	return self
end

-- True when rule `id` should be injected at household index i (1-based).
function M:due(id, i)
	return i >= self.thr[id]
end

-- Counts one injection of rule `id`.
function M:took(id)
	self.done[id] = self.done[id] + 1
	self.thr[id] = threshold(self, id)
end

-- Records a finding the data must produce: rule id and entity key.
function M:record(rule, entity)
	self.truth[#self.truth + 1] = { rule, entity }
end

return M
