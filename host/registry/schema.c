/*
 * schema.c - the registry tables of docs/registry.md as data, and the DDL built
 * from them. Chinese names marked "alias" are not in the contract; they were
 * added so that every column has a Chinese header (adding is allowed, renaming
 * is not).
 */
#include "registry/schema.h"
#include "base/buf.h"
#include "base/error.h"
#include "base/i18n.h"

#include <stdlib.h>
#include <string.h>

#define T HK_COL_TEXT
#define I HK_COL_INT
#define R HK_COL_REAL
#define M HK_COL_MONEY
#define D HK_COL_DATE
#define B HK_COL_BOOL
#define C HK_COL_CODE
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct hk_code level_codes[] = {
	{"province", "省"}, {"city", "市"}, {"county", "县"}, {"town", "乡镇"}, {"village", "村"}, {NULL, NULL}};
static const struct hk_code status_codes[] = {
	{"poor", "未脱贫"}, {"exited", "已脱贫"}, {"removed", "已剔除"}, {NULL, NULL}};
static const struct hk_code htype_codes[] = {
	{"general", "一般贫困户"}, {"dibao", "低保贫困户"}, {"tekun", "特困供养贫困户"}, {NULL, NULL}};
static const struct hk_code cause_codes[] = {
	{"illness", "因病"}, {"disability", "因残"}, {"schooling", "因学"}, {"disaster", "因灾"},
	{"land", "缺土地"}, {"water", "缺水"}, {"skills", "缺技术"}, {"labor", "缺劳力"},
	{"funds", "缺资金"}, {"transport", "交通条件落后"}, {"motivation", "自身发展动力不足"},
	{"other", "其他"}, {NULL, NULL}};
static const struct hk_code grade_codes[] = { /* Chinese terms: alias */
	{"A", "A级"}, {"B", "B级"}, {"C", "C级"}, {"D", "D级"}, {NULL, NULL}};
static const struct hk_code relation_codes[] = {
	{"head", "户主"}, {"spouse", "配偶"}, {"child", "子女"}, {"parent", "父母"},
	{"grandchild", "孙子女"}, {"sibling", "兄弟姐妹"}, {"other", "其他"}, {NULL, NULL}};
static const struct hk_code sex_codes[] = {{"M", "男"}, {"F", "女"}, {NULL, NULL}};
static const struct hk_code education_codes[] = {
	{"none", "文盲或半文盲"}, {"primary", "小学"}, {"junior", "初中"}, {"senior", "高中"},
	{"vocational", "中专"}, {"college", "大专及以上"}, {NULL, NULL}};
static const struct hk_code stage_codes[] = {
	{"preschool", "学前"}, {"primary", "小学"}, {"junior", "初中"}, {"senior", "高中"},
	{"vocational", "中职"}, {"college", "高校"}, {NULL, NULL}};
static const struct hk_code health_codes[] = {
	{"healthy", "健康"}, {"chronic", "长期慢性病"}, {"serious", "大病"}, {"disabled", "残疾"}, {NULL, NULL}};
static const struct hk_code labor_codes[] = {
	{"normal", "普通劳动力"}, {"skilled", "技能劳动力"}, {"lost", "丧失劳动力"}, {"none", "无劳动力"}, {NULL, NULL}};
static const struct hk_code rank_codes[] = {
	{"county", "处级"}, {"section", "科级"}, {"staff", "一般干部"}, {NULL, NULL}};
static const struct hk_code source_codes[] = {
	{"central", "中央"}, {"province", "省级"}, {"city", "市级"}, {"county", "县级"}, {"other", "其他"}, {NULL, NULL}};
static const struct hk_code purpose_codes[] = {
	{"industry", "产业扶持"}, {"housing", "危房改造"}, {"education", "教育"}, {"medical", "医疗"},
	{"infrastructure", "基础设施"}, {"employment", "就业"}, {"loan_subsidy", "贴息"}, {"other", "其他"},
	{NULL, NULL}};
static const struct hk_code payee_codes[] = {
	{"household", "到户"}, {"person", "到人"}, {"project", "项目"}, {"cooperative", "合作社"},
	{"enterprise", "企业"}, {NULL, NULL}};
static const struct hk_code use_codes[] = {{"household", "户借户用"}, {"enterprise", "户贷企用"}, {NULL, NULL}};
static const struct hk_code program_codes[] = {{"dibao", "低保"}, {"tekun", "特困"}, {"wubao", "五保"}, {NULL, NULL}};
static const struct hk_code vehicle_codes[] = { /* Chinese terms: alias */
	{"car", "小型汽车"}, {"truck", "货车"}, {"machinery", "农用机械"}, {NULL, NULL}};
static const struct hk_code property_codes[] = {{"commercial_housing", "商品房"}, {"shop", "商铺"}, {NULL, NULL}};
static const struct hk_code business_codes[] = {{"active", "存续"}, {"closed", "注销"}, {NULL, NULL}};

static const struct hk_column regions_cols[] = {
	{"code", "区划代码", T, 1, NULL},
	{"name", "名称", T, 1, NULL},
	{"level", "级别", C, 1, level_codes},
	{"parent_code", "上级代码", T, 0, NULL},
	{"poor_village", "贫困村", B, 0, NULL},
	{"exit_year", "出列年份", I, 0, NULL},
};
static const struct hk_column households_cols[] = {
	{"id", "户编号", T, 1, NULL},
	{"village_code", "村代码", T, 1, NULL},
	{"head_id_number", "户主身份证号", T, 0, NULL},
	{"size", "家庭人口", I, 1, NULL},
	{"status", "户状态", C, 1, status_codes},
	{"type", "贫困户属性", C, 0, htype_codes},
	{"registered_year", "识别年度", I, 1, NULL},
	{"exit_year", "脱贫年度", I, 0, NULL},
	{"main_cause", "主要致贫原因", C, 0, cause_codes},
	{"income_per_capita", "人均纯收入", M, 0, NULL},
	{"wage_income", "工资性收入", M, 0, NULL},
	{"production_income", "生产经营性收入", M, 0, NULL},
	{"property_income", "财产性收入", M, 0, NULL},
	{"transfer_income", "转移性收入", M, 0, NULL},
	{"production_cost", "生产经营性支出", M, 0, NULL},
	{"housing_area", "住房面积", R, 0, NULL},
	{"housing_grade", "住房安全等级", C, 0, grade_codes},
	{"water_safe", "饮水安全", B, 0, NULL},
};
static const struct hk_column members_cols[] = {
	{"id_number", "身份证号", T, 1, NULL},
	{"household_id", "户编号", T, 1, NULL},
	{"name", "姓名", T, 1, NULL},
	{"relation", "与户主关系", C, 1, relation_codes},
	{"sex", "性别", C, 0, sex_codes},
	{"birth_date", "出生日期", D, 0, NULL},
	{"education", "文化程度", C, 0, education_codes},
	{"school_stage", "在校生状况", C, 0, stage_codes},
	{"school_exempt", "免学原因", B, 0, NULL},
	{"health", "健康状况", C, 0, health_codes},
	{"labor", "劳动技能", C, 0, labor_codes},
	{"migrant_months", "务工时间", I, 0, NULL},
	{"medical_insured", "参加医保", B, 0, NULL},
	{"family_doctor", "家庭医生签约", B, 0, NULL},
};
static const struct hk_column cadres_cols[] = {
	{"id", "干部编号", T, 1, NULL},
	{"id_number", "身份证号", T, 0, NULL},
	{"name", "姓名", T, 1, NULL},
	{"unit", "单位", T, 0, NULL},
	{"rank", "职级", C, 1, rank_codes},
	{"bank_account", "银行账号", T, 0, NULL},
	{"start_date", "开始日期", D, 0, NULL},
	{"end_date", "结束日期", D, 0, NULL},
};
static const struct hk_column pairings_cols[] = { /* Chinese names: alias */
	{"cadre_id", "干部编号", T, 1, NULL},
	{"household_id", "户编号", T, 1, NULL},
	{"start_date", "开始日期", D, 1, NULL},
	{"end_date", "结束日期", D, 0, NULL},
};
static const struct hk_column task_forces_cols[] = {
	{"id", "工作队编号", T, 1, NULL}, /* alias */
	{"village_code", "村代码", T, 1, NULL}, /* alias */
	{"first_secretary_id", "第一书记", T, 0, NULL},
	{"members", "队员人数", I, 1, NULL},
	{"start_date", "开始日期", D, 1, NULL}, /* alias */
	{"end_date", "结束日期", D, 0, NULL}, /* alias */
};
static const struct hk_column visits_cols[] = { /* Chinese names: alias */
	{"id", "走访编号", T, 1, NULL},
	{"cadre_id", "干部编号", T, 1, NULL},
	{"household_id", "户编号", T, 1, NULL},
	{"visit_date", "走访日期", D, 1, NULL},
};
static const struct hk_column plans_cols[] = {
	{"household_id", "户编号", T, 1, NULL}, /* alias */
	{"year", "年度", I, 1, NULL}, /* alias */
	{"measures", "帮扶措施", T, 0, NULL},
};
static const struct hk_column funds_cols[] = {
	{"id", "资金编号", T, 1, NULL},
	{"source", "资金来源", C, 0, source_codes},
	{"purpose", "用途", C, 1, purpose_codes},
	{"amount", "金额", M, 1, NULL},
	{"allocated_date", "下达日期", D, 1, NULL},
	{"holder", "资金管理单位", T, 0, NULL},
};
static const struct hk_column payments_cols[] = { /* Chinese names: alias */
	{"id", "发放编号", T, 1, NULL},
	{"fund_id", "资金编号", T, 1, NULL},
	{"payee_kind", "发放对象类型", C, 1, payee_codes},
	{"payee_id", "发放对象", T, 1, NULL},
	{"amount", "金额", M, 1, NULL},
	{"paid_date", "发放日期", D, 1, NULL},
	{"bank_account", "银行账号", T, 0, NULL},
	{"purpose", "用途", C, 0, purpose_codes},
};
static const struct hk_column projects_cols[] = {
	{"id", "项目编号", T, 1, NULL}, /* alias */
	{"village_code", "村代码", T, 0, NULL}, /* alias */
	{"name", "项目名称", T, 1, NULL}, /* alias */
	{"fund_id", "资金编号", T, 0, NULL}, /* alias */
	{"budget", "预算", M, 0, NULL}, /* alias */
	{"start_date", "开工日期", D, 0, NULL}, /* alias */
	{"planned_end", "计划完工日期", D, 0, NULL}, /* alias */
	{"completed_date", "完工日期", D, 0, NULL}, /* alias */
	{"accepted", "验收", B, 0, NULL},
};
static const struct hk_column loans_cols[] = {
	{"id", "贷款编号", T, 1, NULL}, /* alias */
	{"household_id", "户编号", T, 0, NULL}, /* alias */
	{"borrower_id_number", "借款人身份证号", T, 1, NULL}, /* alias */
	{"amount", "金额", M, 1, NULL}, /* alias */
	{"issue_date", "发放日期", D, 1, NULL}, /* alias */
	{"term_months", "期限月数", I, 1, NULL}, /* alias */
	{"rate", "年利率", R, 0, NULL}, /* alias */
	{"use", "使用方式", C, 0, use_codes},
};
static const struct hk_column welfare_cols[] = { /* Chinese names: alias */
	{"id_number", "身份证号", T, 1, NULL},
	{"program", "救助类别", C, 1, program_codes},
	{"start_date", "开始日期", D, 0, NULL},
	{"end_date", "结束日期", D, 0, NULL},
	{"monthly_amount", "月发放金额", M, 0, NULL},
};
static const struct hk_column deaths_cols[] = { /* Chinese names: alias */
	{"id_number", "身份证号", T, 1, NULL},
	{"death_date", "死亡日期", D, 1, NULL},
};
static const struct hk_column vehicles_cols[] = { /* Chinese names: alias */
	{"owner_id_number", "车主身份证号", T, 1, NULL},
	{"plate", "号牌号码", T, 1, NULL},
	{"kind", "车辆类型", C, 0, vehicle_codes},
	{"price", "价格", M, 0, NULL},
	{"registered_date", "登记日期", D, 0, NULL},
};
static const struct hk_column properties_cols[] = { /* Chinese names: alias */
	{"owner_id_number", "产权人身份证号", T, 1, NULL},
	{"kind", "房屋类型", C, 1, property_codes},
	{"location", "坐落", T, 0, NULL},
	{"area", "面积", R, 0, NULL},
	{"purchase_date", "购买日期", D, 0, NULL},
};
static const struct hk_column businesses_cols[] = { /* Chinese names: alias */
	{"legal_rep_id_number", "法定代表人身份证号", T, 1, NULL},
	{"name", "名称", T, 1, NULL},
	{"capital", "注册资本", M, 0, NULL},
	{"status", "登记状态", C, 0, business_codes},
	{"registered_date", "成立日期", D, 0, NULL},
};
static const struct hk_column public_payroll_cols[] = { /* Chinese names: alias */
	{"id_number", "身份证号", T, 1, NULL},
	{"employer", "工作单位", T, 1, NULL},
	{"start_date", "开始日期", D, 0, NULL},
	{"end_date", "结束日期", D, 0, NULL},
};

static const char *const regions_pk[] = {"code", NULL};
static const char *const id_pk[] = {"id", NULL};
static const char *const members_pk[] = {"household_id", "id_number", NULL};
static const char *const pairings_pk[] = {"cadre_id", "household_id", "start_date", NULL};
static const char *const plans_pk[] = {"household_id", "year", NULL};

#define TABLE(n, zh, pk) {#n, zh, n##_cols, NCOLS(n##_cols), pk}

const struct hk_table hk_schema_tables[HK_SCHEMA_NTABLES] = {
	TABLE(regions, "行政区划", regions_pk),
	TABLE(households, "贫困户", id_pk),
	TABLE(members, "家庭成员", members_pk),
	TABLE(cadres, "帮扶干部", id_pk),
	TABLE(pairings, "结对帮扶", pairings_pk),
	TABLE(task_forces, "驻村工作队", id_pk),
	TABLE(visits, "入户走访", id_pk),
	TABLE(plans, "帮扶计划", plans_pk),
	TABLE(funds, "扶贫资金", id_pk),
	TABLE(payments, "资金发放", id_pk),
	TABLE(projects, "扶贫项目", id_pk),
	TABLE(loans, "扶贫小额信贷", id_pk),
	TABLE(welfare, "低保特困五保", NULL),
	TABLE(deaths, "死亡登记", NULL),
	TABLE(vehicles, "车辆登记", NULL),
	TABLE(properties, "不动产登记", NULL),
	TABLE(businesses, "市场主体登记", NULL),
	TABLE(public_payroll, "财政供养人员", NULL),
};

static const char *const indexes[] = { /* "table(col, ...)" */
	"members(id_number)", "households(village_code)", "pairings(household_id)",
	"pairings(cadre_id)", "visits(household_id, visit_date)", "visits(cadre_id, visit_date)",
	/* payments: wide enough to cover the rules that group them (by fund, payee, account) */
	"payments(fund_id, paid_date, amount)", "payments(payee_kind, payee_id, amount, paid_date)",
	"payments(bank_account, paid_date, amount, payee_kind, payee_id)",
	"welfare(id_number)", "deaths(id_number)", "vehicles(owner_id_number)",
	"properties(owner_id_number)", "businesses(legal_rep_id_number)",
	"public_payroll(id_number)", "loans(borrower_id_number)", "task_forces(village_code)",
	"regions(parent_code)", "projects(fund_id)",
};

const char *hk_schema_index_def(size_t i)
{
	return i < NCOLS(indexes) ? indexes[i] : NULL;
}

const struct hk_table *hk_schema_table(const char *name)
{
	for (size_t i = 0; i < HK_SCHEMA_NTABLES; i++)
		if (strcmp(hk_schema_tables[i].name, name) == 0)
			return &hk_schema_tables[i];
	return NULL;
}

size_t hk_schema_table_index(const struct hk_table *t)
{
	return (size_t)(t - hk_schema_tables);
}

static int name_is(const char *name, const char *s, size_t len)
{
	return strncmp(name, s, len) == 0 && name[len] == '\0';
}

int hk_schema_column_find(const struct hk_table *t, const char *name, size_t len)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (name_is(t->cols[i].name, name, len) || name_is(t->cols[i].zh, name, len))
			return (int)i;
	return -1;
}

int hk_schema_column_index(const struct hk_table *t, const char *name)
{
	return hk_schema_column_find(t, name, strlen(name));
}

const char *hk_schema_code_lookup(const struct hk_column *col, const char *s, size_t len)
{
	if (!col->codes)
		return NULL;
	for (const struct hk_code *c = col->codes; c->en; c++)
		if (name_is(c->en, s, len) || name_is(c->zh, s, len))
			return c->en;
	return NULL;
}

const char *hk_schema_code_zh(const struct hk_column *col, const char *en)
{
	if (!col->codes)
		return NULL;
	for (const struct hk_code *c = col->codes; c->en; c++)
		if (strcmp(c->en, en) == 0)
			return c->zh;
	return NULL;
}

static const char *sql_type(enum hk_col_type type)
{
	switch (type) {
	case HK_COL_INT:
	case HK_COL_MONEY:
	case HK_COL_BOOL: return "INTEGER";
	case HK_COL_REAL: return "REAL";
	default: return "TEXT";
	}
}

/* Appends the CREATE TABLE statement of `t` to `b`. */
static int put_create_table(hk_buf *b, const struct hk_table *t)
{
	int err = hk_buf_printf(b, "CREATE TABLE IF NOT EXISTS %s (", t->name);
	for (size_t i = 0; i < t->ncols && !err; i++)
		err = hk_buf_printf(b, "%s%s %s%s", i ? ", " : "", t->cols[i].name,
				    sql_type(t->cols[i].type), t->cols[i].required ? " NOT NULL" : "");
	if (!err && t->pk) {
		err = hk_buf_puts(b, ", PRIMARY KEY (");
		for (size_t i = 0; t->pk[i] && !err; i++)
			err = hk_buf_printf(b, "%s%s", i ? ", " : "", t->pk[i]);
		if (!err)
			err = hk_buf_putc(b, ')');
	}
	if (!err)
		err = hk_buf_puts(b, ");\n");
	return err;
}

/* Creates the tables, and the secondary indexes when with_indexes. */
static int create(sqlite3 *db, int with_indexes)
{
	hk_buf sql = HK_BUF_INIT;
	char *msg = NULL;
	int err = hk_buf_puts(&sql, "CREATE TABLE IF NOT EXISTS huikan_meta (key TEXT PRIMARY KEY, value TEXT);\n"
				    "INSERT OR IGNORE INTO huikan_meta VALUES ('schema_version', '" HK_SCHEMA_VERSION "');\n");

	for (size_t i = 0; i < HK_SCHEMA_NTABLES && !err; i++)
		err = put_create_table(&sql, &hk_schema_tables[i]);
	for (size_t i = 0; with_indexes && i < NCOLS(indexes) && !err; i++) {
		const char *paren = strchr(indexes[i], '(');
		hk_buf name = HK_BUF_INIT;
		/* index name: table_col1_col2 */
		for (const char *p = indexes[i]; *p && !err; p++)
			if (*p != ' ' && *p != ')')
				err = hk_buf_putc(&name, (*p == '(' || *p == ',') ? '_' : *p);
		if (!err)
			err = hk_buf_printf(&sql, "CREATE INDEX IF NOT EXISTS ix_%s ON %.*s%s;\n", name.ptr,
					    (int)(paren - indexes[i]), indexes[i], paren);
		hk_buf_free(&name);
	}
	if (err)
		goto done;
	if (sqlite3_exec(db, sql.ptr, NULL, NULL, &msg) != SQLITE_OK)
		err = hk_error_setc(HK_EINTERNAL, "cannot create the registry schema: %s",
				    msg ? msg : sqlite3_errmsg(db));
done:
	sqlite3_free(msg);
	hk_buf_free(&sql);
	return err;
}

int hk_schema_create(sqlite3 *db)
{
	return create(db, 1);
}

int hk_schema_create_tables(sqlite3 *db)
{
	return create(db, 0);
}

/* Runs `sql` (one statement, no parameters) and gives the first column of
 * its first row as a number (0 when no row), or -1 on an SQLite error. */
static long long first_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		int rc = sqlite3_step(st);
		v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	return v;
}

/* Checks that table t exists in db with every column of the contract;
 * returns 0 or HK_EINPUT naming what is missing. */
static int check_table(sqlite3 *db, const char *path, const struct hk_table *t)
{
	hk_buf sql = HK_BUF_INIT;
	sqlite3_stmt *st = NULL;
	unsigned char *seen = calloc(t->ncols + 1, 1);
	int err = 0, rows = 0, rc;

	if (!seen)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	if ((err = hk_buf_printf(&sql, "PRAGMA main.table_info(\"%s\")", t->name)) != 0)
		goto done;
	if (sqlite3_prepare_v2(db, sql.ptr, -1, &st, NULL) != SQLITE_OK) {
		err = hk_error_setc(HK_EINPUT, "%s: cannot read the tables: %s", path, sqlite3_errmsg(db));
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		int k = name ? hk_schema_column_index(t, name) : -1;
		rows++;
		if (k >= 0)
			seen[k] = 1;
	}
	if (rc != SQLITE_DONE) {
		err = hk_error_setc(HK_EINPUT, "%s: cannot read the tables: %s", path, sqlite3_errmsg(db));
		goto done;
	}
	if (rows == 0) {
		err = hk_error_setc(HK_EINPUT,
				    "%s: not a complete huikan registry: it has no table '%s' (%s); import the CSV "
				    "exports into a new db: huikan import --db NEW.sqlite DIR",
				    path, t->name, t->zh);
		goto done;
	}
	for (size_t k = 0; k < t->ncols; k++) {
		if (!seen[k]) {
			err = hk_error_setc(HK_EINPUT,
					    "%s: not a complete huikan registry: table '%s' has no column '%s'; import "
					    "the CSV exports into a new db: huikan import --db NEW.sqlite DIR",
					    path, t->name, t->cols[k].name);
			goto done;
		}
	}
done:
	free(seen);
	sqlite3_finalize(st);
	hk_buf_free(&sql);
	return err;
}

static const char count_tables[] = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";

int hk_schema_check_target(sqlite3 *db, const char *path)
{
	return first_int(db, count_tables) == 0 ? 0 : hk_schema_check(db, path);
}

int hk_schema_check(sqlite3 *db, const char *path)
{
	static const char has_meta[] =
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'huikan_meta'";
	static const char version[] = "SELECT value FROM huikan_meta WHERE key = 'schema_version'";
	sqlite3_stmt *st = NULL;
	char *v = NULL;
	long long n = first_int(db, has_meta), mine = atoll(HK_SCHEMA_VERSION), theirs;
	int err = 0;

	if (n < 0)
		return hk_error_setc(HK_EINPUT,
				     "%s: not a huikan registry (cannot read it as a SQLite db: %s); make one from the "
				     "CSV exports: huikan import --db NEW.sqlite DIR",
				     path, sqlite3_errmsg(db));
	if (n == 0) {
		long long tables = first_int(db, count_tables);
		if (tables <= 0)
			return hk_error_setc(HK_EINPUT,
					     "%s: not a huikan registry: an empty db; make a registry from the CSV "
					     "exports: huikan import --db NEW.sqlite DIR",
					     path);
		return hk_error_setc(HK_EINPUT,
				     "%s: not a huikan registry: a SQLite db with %lld table(s) but no huikan_meta; make "
				     "a registry from the CSV exports: huikan import --db NEW.sqlite DIR",
				     path, tables);
	}
	if (sqlite3_prepare_v2(db, version, -1, &st, NULL) != SQLITE_OK) {
		err = hk_error_setc(HK_EINPUT, "%s: cannot read huikan_meta: %s", path, sqlite3_errmsg(db));
		goto done;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = strdup((const char *)sqlite3_column_text(st, 0));
	if (!v) {
		err = hk_error_setc(HK_EINPUT,
				    "%s: not a huikan registry: huikan_meta has no schema_version; make one from the "
				    "CSV exports: huikan import --db NEW.sqlite DIR",
				    path);
		goto done;
	}
	theirs = strspn(v, "0123456789") == strlen(v) && *v && strlen(v) < 10 ? atoll(v) : -1;
	if (theirs != mine) {
		err = hk_error_setc(HK_EINPUT,
				    "%s: a huikan registry of schema version '%s', %s this huikan reads (%s): %s "
				    "import the CSV exports again with this huikan: huikan import --db NEW.sqlite DIR",
				    path, v, theirs < 0 ? _("not the version") : theirs > mine ? _("newer than the version") :
				    _("older than the version"), HK_SCHEMA_VERSION,
				    theirs > mine ? _("use a newer huikan, or") : "");
		goto done;
	}
	for (size_t i = 0; i < HK_SCHEMA_NTABLES && !err; i++)
		err = check_table(db, path, &hk_schema_tables[i]);
done:
	free(v);
	sqlite3_finalize(st);
	return err;
}
