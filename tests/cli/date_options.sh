# Every date option of every command reads dates one way (host/base/date.c):
# the forms the importer reads (YYYY-MM-DD, YYYY-M-D, YYYY/M/D, YYYYMMDD, YYYY.M.D, YYYY年M月D日) are
# accepted and mean the same day; an impossible date and garbage are usage
# errors (exit 2) naming the option, the value and the accepted forms; and the
# default "today" of every command is the same local calendar day.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/ledger_lib.bash"

L=$T/ledger.git
export HUIKAN_LEDGER=$L HUIKAN_USER=$ADMIN HUIKAN_NOW=2021-03-01T08:00:00Z TZ=UTC0
"$HUIKAN" import --quiet --db "$T/r.db" "$ROOT/tests/fixtures/small" >/dev/null &&
	new_ledger "$L" && write_findings "$T/f.jsonl" 3 &&
	"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack sample --as "$OLGA" >/dev/null &&
	"$HUIKAN" assign "$(fid precision.vehicle household:H1)" --unit "$UNIT" --allow-past-due --due 2020-02-28 --as "$OLGA" >/dev/null ||
	{ not_ok "date options: setup failed"; exit 1; }
F1=$(fid precision.vehicle household:H1)

# args OPTION VALUE: the command line of one date option, in $CMD (an array).
args() {
	case $1 in
	run) CMD=(run "$ROOT/tests/packs/sample" --db "$T/r.db" --format jsonl -o - --as-of "$2") ;;
	report) CMD=(report --html "$T/x.html" --as-of "$2") ;;
	stats) CMD=(stats --as-of "$2") ;;
	findings) CMD=(findings --as-of "$2") ;;
	assign) CMD=(assign "$F1" --unit "$UNIT" --allow-past-due --due "$2" --as "$OLGA") ;;
	# --history: these days are older than the setup's run (2021-03-01), which
	# a run of current data would be refused for (docs/ledger.md)
	record) CMD=(ledger record --findings "$T/f.jsonl" --pack sample --as-of "$2" --history --as "$OLGA") ;;
	demo) CMD=(demo-data --out "$T/demo" --households 3 --as-of "$2") ;;
	esac
}
declare -A OPT=([run]=--as-of [report]=--as-of [stats]=--as-of [findings]=--as-of [assign]=--due
	[record]=--as-of [demo]=--as-of)
COMMANDS="run report stats findings assign record demo"

# What an accepted date did, comparable across its forms: the day the command
# says it used and its output (stats and findings: F1, due 2020-02-28, is one
# day overdue on 2020-02-29), without commit and run ids.
effect() {
	local c=$1
	case $c in
	report | run) grep -o 'as of [0-9-]*' "$T/err" && cat "$T/out" ;;
	assign) "$HUIKAN" findings --format csv | grep "$F1" | cut -d, -f1-8 ;;
	record) local run; run=$(sed -n 's/^run \([^:]*\):.*/\1/p' "$T/out")
		git --git-dir="$L" show "HEAD:runs/$run.json" | grep -o '"as_of":"[^"]*"' ;;
	demo) cat "$T/demo"/*.csv | sha256sum ;;
	stats) grep '^total' "$T/out" ;;
	findings) grep "$F1" "$T/out" ;;
	esac
}

for c in $COMMANDS; do
	o=${OPT[$c]}
	# impossible dates and garbage: exit 2, the option, the value and the forms named
	for v in 2020-02-30 2021-02-31 1900-02-29 2020-13-01 2020/2/30 20200230 garbage 2020-06-30x 06/30/2020 \
		"2020-06-30 " ""; do
		args "$c" "$v"
		run_hk "$T/out" "$T/err" "${CMD[@]}"
		if [ "$rc" -eq 2 ] && grep -qF -- "$o '$v'" "$T/err" &&
			grep -qF 'YYYY-MM-DD, YYYY/M/D or YYYYMMDD' "$T/err"; then
			ok "$c $o '$v' refused"
		else
			not_ok "$c $o '$v': exit $rc, expected 2 naming $o, the value and the forms: $(head -c 300 "$T/err")"
		fi
	done
	# the accepted forms of one day: same effect as YYYY-MM-DD
	first=
	for v in 2020-02-29 2020-2-29 2020/2/29 2020/02/29 20200229 2020.2.29 2020年2月29日; do
		args "$c" "$v"
		run_hk "$T/out" "$T/err" "${CMD[@]}"
		if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
			not_ok "$c $o $v: exit $rc: $(head -c 300 "$T/err")"
			continue
		fi
		e=$(effect "$c")
		if [ -z "$first" ]; then
			first=$e
			case $c in
			run | report) want='as of 2020-02-29' ;;
			stats) want=$(printf 'all\t3\t3\t0\t0\t1\t') ;;
			findings) want=$(printf '2020-02-28\t1\t') ;;
			assign) want=',2020-02-29' ;;
			record) want='"as_of":"2020-02-29"' ;;
			demo) want=' ' ;;
			esac
			case $e in *"$want"*) ok "$c $o $v: read as 2020-02-29" ;;
			*) not_ok "$c $o $v: expected '$want' in '$e'" ;; esac
		elif [ "$e" = "$first" ]; then
			ok "$c $o $v means the same as 2020-02-29"
		else
			not_ok "$c $o $v differs from 2020-02-29: '$e' vs '$first'"
		fi
	done
done

# One today: the local calendar day, for every command. 20:00 UTC on March 1
# is March 2 in China (UTC+8). A finding due 2021-03-01 is overdue on March 2.
export TZ=CST-8 HUIKAN_NOW=2021-03-01T20:00:00Z
"$HUIKAN" assign "$F1" --unit "$UNIT" --allow-past-due --due 2021-03-01 --as "$OLGA" >/dev/null
"$HUIKAN" run "$ROOT/tests/packs/sample" --db "$T/r.db" -o /dev/null 2>"$T/err"
grep -q 'as of 2021-03-02' "$T/err" && ok "run: today is the local day" ||
	not_ok "run: today: $(head -1 "$T/err")"
"$HUIKAN" report --html "$T/x.html" 2>"$T/err" >/dev/null
grep -q 'as of 2021-03-02' "$T/err" && ok "report: today is the local day" ||
	not_ok "report: today: $(head -1 "$T/err")"
n=$("$HUIKAN" findings --overdue --format csv | grep -c "$F1")
[ "$n" -eq 1 ] && ok "findings --overdue: today is the local day" || not_ok "findings --overdue: $F1 not overdue on the local day"
n=$("$HUIKAN" stats --format csv | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "overdue") c = i } $1 == "total" { print $c }')
[ "$n" = 1 ] && ok "stats: today is the local day" || not_ok "stats: overdue '$n', expected 1"
"$HUIKAN" ledger record --findings "$T/f.jsonl" --pack sample --as "$OLGA" >"$T/out"
run=$(sed -n 's/^run \([^:]*\):.*/\1/p' "$T/out")
git --git-dir="$L" show "HEAD:runs/$run.json" | grep -q '"as_of":"2021-03-02"' && ok "ledger record: today is the local day" ||
	not_ok "ledger record: as_of $(git --git-dir="$L" show "HEAD:runs/$run.json" | grep -o '"as_of":"[^"]*"')"
