# Mutated inputs never crash the importer: 60 deterministic mutations of the
# small fixture (bytes flipped, inserted or deleted: quotes, commas, line ends,
# high bytes) must each give exit 0 or 2, never a sanitizer report or a crash,
# and exit 2 must leave the db as it was.
. "$(dirname "$0")/lib.bash"

FIX="$ROOT/tests/fixtures/small"
db="$T/reg.db"
run_hk "$T/out" "$T/err" import --quiet --db "$db" "$FIX/regions.csv"
before=$(sqlite3 "$db" .dump | sha256sum)
bad=0
for i in $(seq 1 60); do
	rm -rf "$T/case"; mkdir "$T/case"
	for f in households members plans cadres; do cp "$FIX/$f.csv" "$T/case/"; done
	# mutate one file with awk's seeded rand: 1-4 edits of one byte each
	f=$(echo households members plans cadres | awk -v s="$i" '{srand(s); print $(1 + int(rand() * 4))}')
	LC_ALL=C awk -v s="$i" 'BEGIN { RS = "^$"; srand(s * 7919) }
	{
		n = 1 + int(rand() * 4); split("\" , \n \r \377 \316 \"\" a 9 -", pool, " ")
		for (k = 0; k < n; k++) {
			p = 1 + int(rand() * length($0)); op = int(rand() * 3)
			c = pool[1 + int(rand() * 11)]; if (c == "") c = ","
			if (op == 0) $0 = substr($0, 1, p - 1) c substr($0, p + 1)
			else if (op == 1) $0 = substr($0, 1, p - 1) c substr($0, p)
			else $0 = substr($0, 1, p - 1) substr($0, p + 1)
		}
		printf "%s", $0
	}' "$FIX/$f.csv" >"$T/case/$f.csv"
	"$HUIKAN" import --db "$db" "$T/case" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
		not_ok "mutation $i of $f.csv: exit $rc: $(head -c 300 "$T/err")"
		bad=1
	elif grep -q 'Sanitizer\|runtime error' "$T/err"; then
		not_ok "mutation $i of $f.csv: sanitizer report"
		bad=1
	elif [ "$rc" -eq 2 ] && [ "$(sqlite3 "$db" .dump | sha256sum)" != "$before" ]; then
		not_ok "mutation $i of $f.csv: refused but the db changed"
		bad=1
	elif [ "$rc" -eq 0 ]; then # accepted: start over from the regions-only db
		rm -f "$db"
		"$HUIKAN" import --quiet --db "$db" "$FIX/regions.csv" >/dev/null
	fi
done
[ "$bad" -eq 0 ] && ok "60 mutated registries: no crash, exit 0 or 2, refused ones leave the db unchanged"
