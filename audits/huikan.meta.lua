---@meta huikan
-- huikan.meta.lua - the rule API for editors (lua-language-server, LuaLS):
-- the rule table, ctx, findings, test cases, and every function of the
-- plugins rules may `require` (plugins/*.lua). Nothing here runs; the host
-- provides these in the sandbox (docs/rules-authoring.md). The repository's
-- .luarc.json points LuaLS here; elsewhere add this file to
-- "workspace.library". tests/cli/meta_env.sh checks it against the sandbox.
--
-- Use in a rule file:   ---@type huikan.Rule
--                       return { id = ..., check = function(ctx, params) ... end }

---A row of ctx:rows / ctx:one: column name -> value (NULL columns absent;
---integers stay integers; money is integer fen; dates 'YYYY-MM-DD' text).
---@alias huikan.Row table<string, integer|number|string>

---The parameters a rule runs with (rule default < pack params < --param);
---read-only. A money parameter arrives as integer fen.
---@alias huikan.Params table<string, any>

---What ctx:report takes.
---@class huikan.Finding
---@field entity string "<kind>:<key>", kind = the rule's entity (e.g. "household:H001")
---@field message string|huikan.Text for people; non-empty: Chinese text, or {zh=, en=} (say.fmt) to keep an English rendering too
---@field evidence? table strings, numbers, booleans, nested tables (JSON object, at most 1 MB)
---@field severity? "critical"|"high"|"medium"|"low"|"info" overrides the rule's severity

---The ctx a rule's check(ctx, params) receives; read-only.
---@class huikan.Ctx
---@field as_of string the audit date 'YYYY-MM-DD' (--as-of, default today)
---@field params huikan.Params the merged parameters (also check's 2nd argument)
---@field rule string the rule id
local Ctx = {}

---Iterates the rows of one read-only SQL statement (SELECT, WITH, VALUES or a
---reading PRAGMA); `?` parameters bound to the extra arguments, or `:name`
---parameters to the fields of one table argument. Break out to release it.
---Example: `for h in ctx:rows("SELECT id FROM households WHERE size > ?", 6) do ... end`
---@param sql string
---@param ... integer|number|string|boolean|table|nil
---@return fun(): huikan.Row iterator
function Ctx:rows(sql, ...) end

---The first row of a statement as a table, or nil.
---Example: `local n = ctx:one("SELECT count(*) AS n FROM households").n`
---@param sql string
---@param ... integer|number|string|boolean|table|nil
---@return huikan.Row|nil
function Ctx:one(sql, ...) end

---Records one finding (at most one per entity).
---Example: `ctx:report{ entity = "household:" .. h.id, message = "...", evidence = { size = h.size } }`
---@param finding huikan.Finding
function Ctx:report(finding) end

---Writes a line "huikan: [rule id] ..." to stderr (at most 1000 per rule).
---@param ... any
function Ctx:log(...) end

---A typed parameter declaration (instead of a plain default value).
---@class huikan.TypedParam
---@field type "money"|"date"|"percent"|"integer"|"list" money: yuan given, fen received
---@field default any the default, in the unit given (money: yuan)
---@field unit? string "yuan" (money), "%" (percent), "days", "months", ...
---@field doc? string what it means
---@field doc_zh? string the same in Chinese (shown under --lang zh)

---A rule file returns this table.
---@class huikan.Rule
---@field id string stable id CATEGORY.NAME; never changes meaning
---@field title string title (Chinese, or "中文 / English")
---@field title_en? string English title
---@field category string
---@field severity "critical"|"high"|"medium"|"low"|"info"
---@field entity string the kind of every entity it reports (household, person, ...)
---@field basis? string|string[] policy text or sources
---@field basis_zh? string|string[] the basis in Chinese (shown under --lang zh)
---@field description? string what makes a finding
---@field description_zh? string the description in Chinese (shown under --lang zh)
---@field params? table<string, any|huikan.TypedParam> defaults
---@field check fun(ctx: huikan.Ctx, params: huikan.Params)

---One case of a rule's x.test.lua.
---@class huikan.TestCase
---@field name string
---@field as_of? string default 2020-06-30
---@field fixture? string a directory of <table>.csv, relative to the test file
---@field data? table<string, table[]> rows by table, in the CSV contract (money in yuan)
---@field params? table<string, any> like --param
---@field expect (string|{entity: string, message?: string, message_en?: string, severity?: string})[]
---@field expect_not? string[]
---@field exact? boolean default true

-- ---- plugins/money.lua ----------------------------------------------------

---@class huikan.money
local money = {}

---Integer fen of an amount of yuan (number or decimal text), rounded half away
---from zero on its decimal digits; raises for anything that is not an amount.
---@param yuan number|string
---@return integer fen
function money.fen(yuan) end

---Yuan text of integer fen with thousands separators: 8500000 -> "85,000".
---@param fen integer|nil
---@return string
function money.yuan(fen) end

---"85,000 元" style text of integer fen.
---@param fen integer|nil
---@return string
function money.fmt(fen) end

-- ---- plugins/dates.lua ----------------------------------------------------

---@class huikan.dates
local dates = {}

---@param y integer
---@return boolean
function dates.leap(y) end

---@param y integer
---@param m integer
---@param d integer
---@return boolean
function dates.valid(y, m, d) end

---@param s string 'YYYY-MM-DD'
---@return integer|nil y
---@return integer|nil m
---@return integer|nil d
function dates.parse(s) end

---@param s string 'YYYYMMDD'
---@return string|nil date
function dates.from_compact(s) end

---@param s string
---@return integer|nil
function dates.daynum(s) end

---@param n integer
---@return string
function dates.from_daynum(n) end

---@param a string
---@param b string
---@return integer|nil days b - a
function dates.days_between(a, b) end

---@param s string
---@param n integer
---@return string|nil
function dates.add_days(s, n) end

---@param birth string
---@param at string
---@return integer|nil whole years
function dates.age(birth, at) end

---@param s string
---@return integer|nil
function dates.year(s) end

-- ---- plugins/period.lua ---------------------------------------------------

---@class huikan.period
local period = {}

---@param a string
---@param b string
---@return integer|nil whole months from a to b
function period.months_between(a, b) end

---@param a string
---@param b string
---@return integer|nil whole years from a to b
function period.years_between(a, b) end

---@param a string
---@param b string
---@return integer|nil whole quarters from a to b
function period.quarters_between(a, b) end

---@param s string
---@param n integer
---@return string|nil
function period.add_months(s, n) end

---@param s string
---@param n integer
---@return string|nil
function period.add_years(s, n) end

---@param s string
---@return integer|nil 1-4
function period.quarter(s) end

---@param s string
---@param unit "year"|"quarter"|"month"
---@return string|nil key "2020", "2020Q3" or "2020-07"
function period.key(s, unit) end

---@param s string
---@param unit "year"|"quarter"|"month"
---@return string|nil first
---@return string|nil last
function period.bounds(s, unit) end

---@param s string
---@param unit "year"|"quarter"|"month"
---@return string|nil first of the previous period
---@return string|nil last of the previous period
function period.previous(s, unit) end

-- ---- plugins/region.lua ---------------------------------------------------

---@class huikan.region
local region = {}

---@param code string a county, town or village code
---@return string|nil county the 6-digit county code
function region.county(code) end

---@param codes string[]
---@return string[] counties distinct, sorted
function region.counties(codes) end

-- ---- plugins/idcard.lua ---------------------------------------------------

---@class huikan.idcard
local idcard = {}

---@param s17 string the first 17 digits
---@return string|nil check character 0-9 or X
function idcard.check_char(s17) end

---@param id string
---@return string|nil date 'YYYY-MM-DD'
function idcard.birth_date(id) end

---@param id string
---@param as_of? string
---@return string|nil problem in English (nil when valid)
---@return string|nil problem in Chinese
function idcard.problem(id, as_of) end

---@param id string
---@param as_of? string
---@return boolean
function idcard.valid(id, as_of) end

--- Calls fn(id) for each invalid number in s, a run of 18-byte numbers with no
--- separator (SQL `group_concat(id_number, '')`); returns how many.
---@param s string
---@param as_of? string
---@param fn fun(id: string)
---@return integer
function idcard.each_invalid(s, as_of, fn) end

---@param id string
---@return "M"|"F"|nil
function idcard.sex(id) end

---@param birth_date string|nil
---@param id string|nil
---@return string|nil
function idcard.person_birth(birth_date, id) end

---@param birth_date string|nil
---@param id string|nil
---@param at string
---@return integer|nil
function idcard.person_age(birth_date, id, at) end

---@param birth_col string SQL column
---@param id_col string SQL column
---@return string SQL expression
function idcard.sql_birth(birth_col, id_col) end

---@param birth_col string
---@param id_col string
---@param lo integer
---@param hi integer
---@param at string SQL expression, e.g. "?1"
---@return string SQL condition
function idcard.sql_age_maybe(birth_col, id_col, lo, hi, at) end

---@param col string
---@param at? string SQL expression
---@return string SQL condition
function idcard.sql_invalid(col, at) end

-- ---- plugins/benford.lua --------------------------------------------------

---@class huikan.benford
local benford = {}

---@param d integer 10..99
---@return number
function benford.expected(d) end

---@param n integer
---@return integer|nil
function benford.first_two(n) end

---@param counts table<integer, integer>
---@param n? integer
---@return number
function benford.mad(counts, n) end

---@param counts table<integer, integer>
---@param n integer
---@param k integer
---@return table[]
function benford.top_excess(counts, n, k) end

-- ---- plugins/say.lua ------------------------------------------------------

---A bilingual text: the Chinese and the English rendering of one message.
---@class huikan.Text
---@field zh string
---@field en string

---@class huikan.say
local say = {}

---@param zh any
---@param en? any
---@return huikan.Text
function say.text(zh, en) end

---@param x any
---@return boolean
function say.is(x) end

---@param x any
---@return string
function say.zh(x) end

---@param x any
---@return string
function say.en(x) end

---@param zh_fmt string
---@param en_fmt? string
---@return huikan.Text
function say.fmt(zh_fmt, en_fmt, ...) end

---@param list (string|huikan.Text)[]
---@param sep? string|huikan.Text
---@return huikan.Text
function say.join(list, sep) end

-- ---- plugins/terms.lua ----------------------------------------------------

---@class huikan.terms
---@field vocabularies table<string, table<string, string[]>> vocabulary -> code -> {Chinese, English}
local terms = {}

---@param vocab string
---@param code any
---@return huikan.Text
function terms.term(vocab, code) end

---@param vocab string
---@param code any
---@return string
function terms.zh(vocab, code) end

---@param vocab string
---@param code any
---@return string
function terms.en(vocab, code) end

---@param name string|nil
---@param code string
---@return huikan.Text
function terms.named(name, code) end

---@param ctx huikan.Ctx
---@param code string
---@return huikan.Text
function terms.place(ctx, code) end
