-- The hostile pack: rules that try to escape the sandbox, exhaust the host or
-- poison the next rule, and one well-behaved canary (zz.canary) that must
-- still run and report after each of them. Each hostile rule says on a
-- "-- expect:" line (an extended regex) how the host must stop it;
-- tests/cli/hostile.sh checks that, the canary, and that the db is unchanged.
return {
	name = "hostile",
	version = "1",
	description = "sandbox escape and exhaustion attempts",
	params = { limit = 10 },
}
