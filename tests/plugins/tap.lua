-- tap.lua - the tiny ok / not ok reporter of the plugin tests (tests/cli/plugins.sh).
local M = {}

function M.eq(name, got, want)
	if got == want and math.type(got) == math.type(want) then
		print("ok - " .. name)
	else
		print(string.format("not ok - %s: got %s (%s), want %s (%s)", name, tostring(got),
			math.type(got) or type(got), tostring(want), math.type(want) or type(want)))
	end
end

function M.ok(name, cond, why)
	if cond then print("ok - " .. name) else print("not ok - " .. name .. (why and (": " .. why) or "")) end
end

return M
