-- expect-load: time budget exceeded
-- A rule file whose top-level code hangs inside one C call: the process
-- that reads the pack is killed, this file is reported as broken, and a new
-- process reads the files after it.
local s = string.rep("", 1 << 50)
return { id = "h.load-c-hang" }
