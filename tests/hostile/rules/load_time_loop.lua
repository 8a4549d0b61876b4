-- expect-load: instruction budget exceeded|time budget exceeded
-- A rule file whose top-level code never returns: the pack still loads (this
-- file is reported as broken) and every other rule runs.
while true do end
