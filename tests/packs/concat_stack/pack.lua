-- A pack whose one rule joins texts with a __concat metamethod that moves
-- the Lua stack (it recurses 300 calls deep), in `a .. b .. c` form: with
-- Debian's liblua5.4 5.4.4-3 this crashed the rule's process (see
-- HK_SANDBOX_STACK_RESERVE in host/engine/sandbox.c). Run by
-- tests/cli/run_concat_stack.sh.
return {
	name = "concat-stack",
	version = "1",
	description = "__concat metamethods that move the Lua stack",
}
