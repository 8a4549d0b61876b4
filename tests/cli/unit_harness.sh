# The C unit-test harness (tests/unit/test.h): a failing check says what was
# expected and what came, and where two strings part; the unit tests of the
# build run from any working directory.
. "$(dirname "$0")/lib.bash"

CC=${CC:-cc}
cat >"$T/h.c" <<'EOF'
#include "test.h"
static void test_int(void) { CHECK_EQ_INT(2 + 2, 5); }
static void test_str(void) { CHECK_EQ_STR("abc\tdef", "abc def"); }
static void test_null(void) { const char *n = NULL; CHECK_EQ_STR(n, "x"); }
static void test_prefix(void) { CHECK_EQ_STR("汉字", "汉字!"); }
static void test_long(void)
{
	char a[400], b[400];
	for (int i = 0; i < 399; i++)
		a[i] = b[i] = i % 50 == 49 ? '\n' : (char)('a' + i % 26);
	a[399] = b[399] = '\0';
	b[300] = 'Z';
	CHECK_EQ_STR(a, b);
	CHECK(0);
	CHECK(0);
}
static void test_mem(void) { CHECK_EQ_MEM("a\0b", 3, "a\0c", 3); }
static void test_pass(void) { CHECK_EQ_MEM("a\0b", 3, "a\0b", 3); CHECK_EQ_STR("x", "x"); CHECK_EQ_INT(1, 1); CHECK(1); }
static void test_path(void) { CHECK_EQ_STR(TEST_PATH("tests"), "/src/tests"); }
int main(void)
{
	RUN(test_int); RUN(test_str); RUN(test_null); RUN(test_prefix);
	RUN(test_long); RUN(test_mem); RUN(test_pass); RUN(test_path);
	return TEST_DONE();
}
EOF
if (cd "$T" && "$CC" -std=c11 -Wall -Wextra -Werror -Wshadow -I"$ROOT/tests/unit" -DHK_SRCDIR='"/src"' -o h h.c) 2>"$T/cc.err"; then
	ok "a test file using every check compiles warning-free"
else
	not_ok "compiling the harness test: $(head -n 5 "$T/cc.err")"
fi
(cd "$T" && ./h) >"$T/out" 2>&1
rc=$?
check "a failing test makes the program exit 1" test "$rc" -eq 1

# expect NAME LINE...: passes when the output holds these lines in this order,
# one after another.
expect() {
	local name=$1; shift
	printf '%s\n' "$@" >"$T/want"
	if grep -qxF -f "$T/want" "$T/out" && grep -A$(($# - 1)) -xF "$1" "$T/out" | head -n $# | cmp -s - "$T/want"; then
		ok "$name"
	else
		not_ok "$name"
		sed 's/^/#   wanted: /' "$T/want"
		grep -A$(($# - 1)) -F "${1%%:*}:" "$T/out" | sed 's/^/#   got:    /'
	fi
}
expect "integers: expected and actual" \
	'not ok - test_int: h.c:2: CHECK_EQ_INT(2 + 2, 5)' \
	'#   expected: 5' \
	'#   actual  : 4'
expect "strings: both values, escaped, and the first difference" \
	'not ok - test_str: h.c:3: CHECK_EQ_STR("abc\tdef", "abc def")' \
	'#   expected: "abc def"' \
	'#   actual  : "abc\tdef"' \
	'#   first difference at byte 3 (line 1, column 4): expected 0x20, actual 0x09'
expect "a NULL string is named" \
	'not ok - test_null: h.c:4: CHECK_EQ_STR(n, "x")' \
	'#   expected: "x"' \
	'#   actual  : NULL'
expect "one string a prefix of the other: UTF-8 shown as text, lengths given" \
	'not ok - test_prefix: h.c:5: CHECK_EQ_STR("汉字", "汉字!")' \
	'#   expected: "汉字!"' \
	'#   actual  : "汉字"' \
	'#   the expected value is longer: they agree on the first 6 bytes (7 against 6)'
grep -qx '#   first difference at byte 300 (line 7, column 1): expected 0x5a, actual 0x6f' "$T/out" &&
	grep -q '^#   expected: \.\.\."abcdefghijklmnopqrstuvwxyzabcdefghijklm\\nZpqr.*" (399 bytes, bytes 260\.\.399 shown)$' "$T/out" &&
	ok "long strings: shown around the first difference, with its line and column" ||
	not_ok "long strings: $(grep -A4 test_long "$T/out")"
check "later failures of the same test are counted" grep -qxF '#   (and 2 more failed checks in test_long)' "$T/out"
expect "buffers: bytes escaped, first difference by offset" \
	'not ok - test_mem: h.c:17: CHECK_EQ_MEM("a\0b", "a\0c")' \
	'#   expected: "a\x00c"' \
	'#   actual  : "a\x00b"' \
	'#   first difference at byte 2 (line 1, column 3): expected 0x63, actual 0x62'
check "passing checks pass" grep -qx 'ok - test_pass' "$T/out"
check "TEST_PATH names a file from the source directory" grep -qx 'ok - test_path' "$T/out"

# The build's unit tests that read fixtures, run from a directory that is not
# the source tree.
for t in test_import test_pack; do
	bin=$(dirname "$HUIKAN")/tests/$t
	if [ ! -x "$bin" ]; then
		not_ok "$t is built beside $HUIKAN ($bin)"
		continue
	fi
	(cd "$T" && "$bin") >"$T/u.out" 2>&1
	rc=$?
	[ "$rc" -eq 0 ] && ! grep -q '^not ok' "$T/u.out" && ok "$t passes when run from $T" ||
		{ not_ok "$t run from $T: exit $rc"; grep -A3 '^not ok' "$T/u.out" | sed 's/^/#   /'; }
done
