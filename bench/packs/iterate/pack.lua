-- A rule that iterates 1,000,000 rows in Lua and reports none (bench/engine.sh).
return { name = "iterate", version = "1" }
