#!/usr/bin/env bash
# bench/import.sh HUIKAN - import speed: `huikan import` (validating every
# field, into a new db) vs the sqlite3 shell's plain `.import --csv` of the
# same files into a new db (tables from the headers: no types, no indexes), on
# a ~20,000-household registry (made by `huikan demo-data` when it works, else
# by the awk generator below). Prints both, alternated (goal of issue 17:
# ratio <= 1.0).
set -eu
hk=$(realpath "${1:?usage: bench/import.sh HUIKAN}")
N=${HOUSEHOLDS:-20000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

gen_awk() { # a contract-format registry of $N households, deterministic
	mkdir -p "$1"
	awk -v N="$N" -v D="$1" 'BEGIN {
		srand(1)
		h = D "/households.csv"; m = D "/members.csv"; p = D "/pairings.csv"; v = D "/visits.csv"
		pl = D "/plans.csv"; pay = D "/payments.csv"; w = D "/welfare.csv"; r = D "/regions.csv"
		c = D "/cadres.csv"; f = D "/funds.csv"
		print "code,name,level,parent_code,poor_village,exit_year" > r
		print "id,village_code,head_id_number,size,status,type,registered_year,exit_year,main_cause,income_per_capita,wage_income,production_income,property_income,transfer_income,production_cost,housing_area,housing_grade,water_safe" > h
		print "id_number,household_id,name,relation,sex,birth_date,education,school_stage,school_exempt,health,labor,migrant_months,medical_insured,family_doctor" > m
		print "id,id_number,name,unit,rank,bank_account,start_date,end_date" > c
		print "cadre_id,household_id,start_date,end_date" > p
		print "id,cadre_id,household_id,visit_date" > v
		print "household_id,year,measures" > pl
		print "id,source,purpose,amount,allocated_date,holder" > f
		print "id,fund_id,payee_kind,payee_id,amount,paid_date,bank_account,purpose" > pay
		print "id_number,program,start_date,end_date,monthly_amount" > w
		split("illness,disability,schooling,disaster,land,water,skills,labor,funds,transport,motivation,other", cause, ",")
		split("head,spouse,child,parent,grandchild", rel, ",")
		nv = int(N / 100) + 1
		for (i = 1; i <= nv; i++)
			printf "450922%03d%03d,\"第%d村委会\",village,450922%03d,%d,%s\n", int(i / 50) + 100, i % 1000, i, int(i / 50) + 100, i % 3 == 0, (i % 3 == 0 ? 2019 : "") > r
		nc = int(N / 20) + 1
		for (i = 1; i <= nc; i++)
			printf "C%05d,4509221970%02d%02d%04d,干部%d,陆川县某局,%s,62284800%08d,2016-01-01,\n", i, i % 12 + 1, i % 28 + 1, i % 10000, i, (i % 10 == 0 ? "section" : "staff"), i > c
		for (i = 1; i <= 200; i++)
			printf "F%04d,central,industry,%d.50,2019-%02d-01,陆川县扶贫办\n", i, 100000 + i * 37, i % 12 + 1 > f
		for (i = 1; i <= N; i++) {
			size = 1 + int(rand() * 5)
			vc = int(rand() * nv) + 1
			printf "H%06d,450922%03d%03d,4509221970%02d%02d%04d,%d,%s,general,%d,%s,%s,%d.%02d,%d,%d,0,%d,%d,%d.5,%s,%d\n", i, int(vc / 50) + 100, vc % 1000, i % 12 + 1, i % 28 + 1, i % 10000, size, (i % 4 ? "exited" : "poor"), 2014 + i % 3, (i % 4 ? 2019 : ""), cause[i % 12 + 1], 3000 + int(rand() * 9000), int(rand() * 100), int(rand() * 40000), int(rand() * 9000), int(rand() * 3000), int(rand() * 2000), 40 + int(rand() * 80), substr("ABCD", i % 4 + 1, 1), i % 7 != 0 > h
			for (k = 1; k <= size; k++)
				printf "45092219%02d%02d%02d%04d,H%06d,成员%d,%s,%s,19%02d-%02d-%02d,primary,,0,healthy,normal,%d,1,1\n", 50 + k * 7, i % 12 + 1, k, i % 10000, i, k, rel[(k > 5 ? 5 : k)], (k % 2 ? "M" : "F"), 50 + k * 7, i % 12 + 1, k, int(rand() * 12) > m
			cd = int(rand() * nc) + 1
			printf "C%05d,H%06d,2016-01-01,\n", cd, i > p
			for (k = 1; k <= 3; k++)
				printf "V%07d,C%05d,H%06d,2019-%02d-%02d\n", i * 3 + k, cd, i, k * 3, i % 28 + 1 > v
			printf "H%06d,2019,\"产业扶持, 技能培训\"\n", i > pl
			printf "P%07d,F%04d,household,H%06d,%d,2019-%02d-15,62284800%08d,\n", i, i % 200 + 1, i, 500 + int(rand() * 3000), i % 12 + 1, i > pay
			if (i % 4 == 0)
				printf "45092219%02d%02d01%04d,dibao,2016-01-01,,%d\n", 57, i % 12 + 1, i % 10000, 300 + i % 50 > w
		}
	}'
}

reg="$T/reg"
if "$hk" demo-data --help >/dev/null 2>&1 &&
	"$hk" demo-data --out "$T/demo" --households "$N" --seed 1 >/dev/null 2>&1; then
	source="demo-data"
	src="$T/demo"
else
	source="awk generator"
	gen_awk "$T/gen"
	src="$T/gen"
fi
# Both importers read the same files in table column order: huikan's export.
"$hk" import --quiet --db "$T/first.db" "$src" >/dev/null
"$hk" export --db "$T/first.db" --out "$reg" >/dev/null
rows=$(sqlite3 "$T/first.db" "SELECT (SELECT count(*) FROM regions)+(SELECT count(*) FROM households)+(SELECT count(*) FROM members)+(SELECT count(*) FROM cadres)+(SELECT count(*) FROM pairings)+(SELECT count(*) FROM task_forces)+(SELECT count(*) FROM visits)+(SELECT count(*) FROM plans)+(SELECT count(*) FROM funds)+(SELECT count(*) FROM payments)+(SELECT count(*) FROM projects)+(SELECT count(*) FROM loans)+(SELECT count(*) FROM welfare)+(SELECT count(*) FROM deaths)+(SELECT count(*) FROM vehicles)+(SELECT count(*) FROM properties)+(SELECT count(*) FROM businesses)+(SELECT count(*) FROM public_payroll)")
bytes=$(cat "$reg"/*.csv | wc -c)
# The anchor (issue 17): the sqlite3 shell's plain `.import --csv` of the same
# files into a fresh db, tables made from the headers (no types, no indexes,
# no checks), against `huikan import` validating every field into a fresh db
# (bulk load, indexes after, renamed into place; its tables shared out over
# as many processes as cores, at most 4, and -j 1: one process). Alternated,
# 5 rounds.
script="$T/import.sql"
{
	echo "BEGIN;"
	for f in "$reg"/*.csv; do echo ".import --csv '$f' $(basename "$f" .csv)"; done
	echo "COMMIT;"
} >"$script"
: >"$T/times"
for run in 1 2 3 4 5; do
	rm -f "$T/h.db" "$T/s.db"
	rm -f "$T/h1.db"
	/usr/bin/time -f "huikan %e %U %S" -a -o "$T/times" "$hk" import --quiet --db "$T/h.db" "$reg" >/dev/null
	/usr/bin/time -f "sqlite3 %e %U %S" -a -o "$T/times" sqlite3 "$T/s.db" <"$script" >/dev/null
	if "$hk" import --help | grep -q -- '--jobs'; then
		/usr/bin/time -f "huikan-j1 %e %U %S" -a -o "$T/times" "$hk" import -j 1 --quiet --db "$T/h1.db" "$reg" >/dev/null
	fi
done
echo "import: registry from $source, $N households, $rows rows, $bytes bytes of CSV; load: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v r="$rows" '{w[$1] += $2; c[$1] += $3 + $4; n[$1]++; if (!($1 in b) || $2 < b[$1]) b[$1] = $2}
	END {
		printf "import: huikan import      best %.3f s, mean %.3f s wall, %.3f s CPU (validating every field, indexes)\n", b["huikan"], w["huikan"] / n["huikan"], c["huikan"] / n["huikan"]
		if (n["huikan-j1"])
			printf "import: huikan import -j 1 best %.3f s, mean %.3f s wall, %.3f s CPU (one process)\n", b["huikan-j1"], w["huikan-j1"] / n["huikan-j1"], c["huikan-j1"] / n["huikan-j1"]
		printf "import: sqlite3 .import    best %.3f s, mean %.3f s wall, %.3f s CPU (plain: tables from headers)\n", b["sqlite3"], w["sqlite3"] / n["sqlite3"], c["sqlite3"] / n["sqlite3"]
		printf "import: ratio huikan/sqlite3: wall (mean) %.2f, CPU (mean) %.2f (goal <= 1.0)\n", w["huikan"] / w["sqlite3"], c["huikan"] / c["sqlite3"]
	}' "$T/times"
