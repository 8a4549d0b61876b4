-- SQL-heavy rules for bench/engine.sh: set work in SQLite, little Lua. The
-- bench runs the same statements (between `local SQL = [[` and `]]`) with the
-- sqlite3 CLI to measure the host's overhead.
return { name = "sqlheavy", version = "1", description = "benchmark: SQL-heavy rules" }
