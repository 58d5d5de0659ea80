# tests/harness.sh - the shell test harness, and how to write a test.
#
# The command-line tests of each tool live in one folder, the cases and
# their expected output side by side:
#
#     tests/gridify/cases.sh      the checks, one line each
#     tests/gridify/NAME.out      the expected standard output of case NAME
#     tests/gridify/NAME.err      the expected standard error of case NAME
#
# (and so tests/caseflow/, tests/rankcity/).  Each folder runs alone:
#
#     sh tests/gridify/cases.sh [BINDIR]      BINDIR: the tools, default build
#
# and prints one line per failed check ("not ok gridify/NAME: why", then
# the difference), and last "gridify: N passed, N failed"; its exit status
# is 0 when nothing failed.  tests/run.sh runs every folder, on the normal
# build and on the sanitizer build, and adds the closing lines up.
# tests/realdata.sh and tests/manex.sh use this harness too.
#
#
# A CASE FILE
#
# starts from the repository root, sources this file and names its suite
# (the suite's name is also the folder of its golden files, tests/NAME):
#
#     #!/bin/sh
#     cd "$(dirname "$0")/../.." || exit 2
#     . tests/harness.sh
#     suite gridify "$@"
#
# then lists its checks, each with a comment saying what it pins and why
# the expected result is right, and ends with
#
#     finish
#
# Every command runs from the repository root (fixtures: testdata/TOOL/)
# with BINDIR first on PATH, LC_ALL=C, TZ unset (UTC), CHART_FONT set to
# "Droid Sans Fallback" (chart scripts name it), and an empty standard
# input.  A case file must not depend on another one.
#
#
# THE CHECKS
#
# t NAME STATUS COMMAND...
#     A golden-file case.  COMMAND's standard output must equal
#     tests/SUITE/NAME.out byte for byte, its standard error
#     tests/SUITE/NAME.err, and its exit status STATUS:
#
#         # Two layers in one pass, each with its own options.
#         t join-layers 0 gridify -p $d/multi.geojson --as zone \
#             -p $d/squares.csv --as cell -a name $d/points.csv
#
#     Pipes and redirections go through sh -c "...".  A command whose
#     output would hold a path under $tmp (it changes every run) must not
#     be a golden case; check its output with ok instead.
#
# f NAME FILE
#     FILE, written by an earlier command, must equal tests/SUITE/NAME.out
#     (NAME.err is not used):
#
#         t join-output 0 gridify -q -p $d/squares.csv -o "$tmp/j.csv" $d/points.csv
#         f join-output-file "$tmp/j.csv"
#
# ok NAME COMMAND...
#     Any other check: it passes when COMMAND exits 0.  ok returns
#     COMMAND's exit status, so details can follow a failure:
#
#         ok sorted-same-cases cmp -s "$tmp/a" "$tmp/b" ||
#             diff "$tmp/a" "$tmp/b"
#
# cmpref NAME KEY REFERENCE OURS [AWK-OPTIONS...]
#     Numbers: passes when tests/csvcmp.awk finds the CSV OURS equal to
#     the CSV REFERENCE, rows joined on column KEY, every shared column
#     within a tolerance (its header documents the options: -v tol=,
#     -v rel=, -v byrow=1, -v cols=, -v exact=, ...).  A mismatch prints
#     the first differences.  KEY may be "" with -v byrow=1.
#
#         cmpref rates-worked-out district "$tmp/rates.want" \
#             "$tmp/rates.out" -v rel=1e-12 -v cols=same -v byrow=1
#
# cmpexit NAME STATUS KEY REFERENCE OURS [AWK-OPTIONS...]
#     The comparator's own tests: passes when csvcmp.awk exits STATUS (1:
#     a mismatch, 2: unusable input); its report is left in
#     $tmp/csvcmp.txt, to look for the message.
#
# notok NAME WHY
#     A failed check found some other way (a helper that gives up).
#
# NAME is lower-case words joined by "-", unique in the suite, with no
# tool prefix (the folder says the tool); golden cases of a kind share a
# first word: bad-* (bad input, exit 1), usage-* (exit 2), dev-full* (a
# full disk), help, version.
#
#
# THE NAMES A CASE FILE MAY USE
#
#     $tmp      a scratch folder, removed when the suite ends
#     $golden   tests/SUITE, the folder of the golden files
#     $bindir   the tools under test (an absolute path)
#
# Names starting with _h_ belong to the harness.
#
#
# GOLDEN FILES
#
# A new case: write its line, run the suite with UPDATE=1 to write its
# golden files, read them (they are the specification: is every byte
# right?), then commit them with the case:
#
#     UPDATE=1 sh tests/gridify/cases.sh && git diff tests/gridify
#
# UPDATE=1 rewrites the golden files of every t and f it runs; read every
# diff it leaves.  finish fails a golden file that no t or f used (a
# renamed or deleted case leaves its files behind).  VERBOSE=1 prints
# "ok SUITE/NAME" for every check that passes, too.

# suite NAME [BINDIR]: set up; the case file's own arguments go in "$@".
suite() {
	suite=$1
	bindir=${2:-build}
	golden=tests/$suite
	pass=0
	fail=0
	_h_used=
	case $bindir in
	/*) ;;
	*) bindir=$(pwd)/$bindir ;;
	esac
	if [ ! -d "$bindir" ]; then
		echo "not ok $suite: no folder $bindir (build the tools first)"
		echo "$suite: 0 passed, 1 failed"
		exit 1
	fi
	PATH=$bindir:$PATH
	LC_ALL=C
	CHART_FONT="Droid Sans Fallback"
	export PATH LC_ALL CHART_FONT
	unset TZ
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/$suite.XXXXXX") || exit 2
	mkdir "$tmp/.h" || exit 2
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

_h_pass() {
	pass=$((pass + 1))
	if [ "${VERBOSE:-}" = 1 ]; then
		echo "ok $suite/$1"
	fi
}

notok() {
	fail=$((fail + 1))
	echo "not ok $suite/$1${2:+: $2}"
}

t() {
	_h_name=$1
	_h_want=$2
	shift 2
	_h_used="$_h_used $_h_name"
	"$@" </dev/null >"$tmp/.h/out" 2>"$tmp/.h/err"
	_h_got=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/.h/out" "$golden/$_h_name.out"
		cp "$tmp/.h/err" "$golden/$_h_name.err"
	fi
	_h_ok=1
	if [ "$_h_got" != "$_h_want" ]; then
		echo "not ok $suite/$_h_name: exit status $_h_got, want $_h_want"
		_h_ok=0
	fi
	for _h_s in out err; do
		if ! cmp -s "$tmp/.h/$_h_s" "$golden/$_h_name.$_h_s"; then
			case $_h_s in
			out) echo "not ok $suite/$_h_name: standard output differs:" ;;
			err) echo "not ok $suite/$_h_name: standard error differs:" ;;
			esac
			diff "$golden/$_h_name.$_h_s" "$tmp/.h/$_h_s" 2>&1 | head -20
			_h_ok=0
		fi
	done
	if [ $_h_ok = 1 ]; then
		_h_pass "$_h_name"
	else
		fail=$((fail + 1))
	fi
}

f() {
	_h_used="$_h_used $1"
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$2" "$golden/$1.out"
	fi
	if cmp -s "$2" "$golden/$1.out"; then
		_h_pass "$1"
	else
		notok "$1" "$2 differs:"
		diff "$golden/$1.out" "$2" 2>&1 | head -20
	fi
}

ok() {
	_h_name=$1
	shift
	"$@"
	_h_st=$?
	if [ "$_h_st" = 0 ]; then
		_h_pass "$_h_name"
	else
		notok "$_h_name"
	fi
	return "$_h_st"
}

cmpref() {
	_h_cn=$1
	_h_ck=$2
	_h_cr=$3
	_h_co=$4
	shift 4
	ok "$_h_cn" awk -v key="$_h_ck" "$@" -f tests/csvcmp.awk "$_h_cr" "$_h_co"
}

cmpexit() {
	_h_cn=$1
	_h_cs=$2
	_h_ck=$3
	_h_cr=$4
	_h_co=$5
	shift 5
	awk -v key="$_h_ck" "$@" -f tests/csvcmp.awk "$_h_cr" "$_h_co" \
	    >"$tmp/csvcmp.txt"
	_h_st=$?
	if [ "$_h_st" = "$_h_cs" ]; then
		_h_pass "$_h_cn"
	else
		notok "$_h_cn" "csvcmp exit status $_h_st, want $_h_cs"
		cat "$tmp/csvcmp.txt"
	fi
}

# finish: fail the golden files no check used, print the closing line and
# exit 0 when nothing failed, 1 otherwise.
finish() {
	if [ -d "$golden" ]; then
		for _h_f in "$golden"/*.out "$golden"/*.err; do
			[ -e "$_h_f" ] || continue
			_h_n=${_h_f##*/}
			_h_n=${_h_n%.*}
			case "$_h_used " in
			*" $_h_n "*) ;;
			*) notok "$_h_n" "$_h_f: no t or f uses it" ;;
			esac
		done
	fi
	echo "$suite: $pass passed, $fail failed"
	if [ "$fail" = 0 ]; then
		exit 0
	fi
	exit 1
}
