-- fen.lua - money helpers of the sample pack (money is integer fen).
local M = {}

-- "1234.50" from 123450 fen
function M.yuan(fen)
	return string.format("%d.%02d", fen // 100, fen % 100)
end

return M
