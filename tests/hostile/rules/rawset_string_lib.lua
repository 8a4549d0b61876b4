-- expect: rawset: attempt to modify a read-only table
return {
	id = "h.rawset-string-lib", title = "hostile: rawset-string-lib", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		rawset(string, "upper", function() return "pwned" end)
	end,
}
