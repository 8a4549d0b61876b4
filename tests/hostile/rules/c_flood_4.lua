-- expect: budget exceeded
-- One of 4 rules that report a million findings each: the memory budget of each holds, and so the whole run.
return {
	id = "h.flood-4", title = "hostile: flood-4", category = "hostile", severity = "info", entity = "household",
	check = function(ctx, params)
		for i = 1, 1000000 do
			ctx:report{ entity = "household:" .. i, message = "finding number " .. i .. " of a million", evidence = { i = i, pad = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" } }
		end
	end,
}
