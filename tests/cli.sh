#!/bin/sh
# CLI tests for caseflow (tests/cli-caseflow.sh), with golden files;
# gridify's and rankcity's are in tests/gridify/ and tests/rankcity/
# (tests/harness.sh), where these are moving.
#
# Each test is one line:  t NAME STATUS COMMAND...
# The command runs from the repository root with the tools under test first
# on PATH; its standard output must equal tests/golden/NAME.out, its
# standard error tests/golden/NAME.err, and its exit status STATUS.
# UPDATE=1 rewrites the golden files instead (then read every diff).
#
# Usage: tests/cli.sh [BINDIR]   (default: build)
# Prints "cli: N passed, N failed" last.

bindir=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
PATH="$root/$bindir:$PATH"
export PATH
unset TZ
LC_ALL=C
export LC_ALL
golden=tests/golden
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# t NAME STATUS COMMAND...
t() {
	name=$1
	want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$golden/$name.out"
		cp "$tmp/err" "$golden/$name.err"
	fi
	ok=1
	if [ "$got" != "$want" ]; then
		echo "not ok $name: exit status $got, want $want"
		ok=0
	fi
	if ! cmp -s "$tmp/out" "$golden/$name.out"; then
		echo "not ok $name: standard output differs:"
		diff "$golden/$name.out" "$tmp/out" | head -20
		ok=0
	fi
	if ! cmp -s "$tmp/err" "$golden/$name.err"; then
		echo "not ok $name: standard error differs:"
		diff "$golden/$name.err" "$tmp/err" | head -20
		ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

# f NAME FILE: the file (written by the previous test) must equal
# tests/golden/NAME.out.
f() {
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$2" "$golden/$1.out"
	fi
	if cmp -s "$2" "$golden/$1.out"; then
		pass=$((pass + 1))
	else
		echo "not ok $1: $2 differs:"
		diff "$golden/$1.out" "$2" | head -20
		fail=$((fail + 1))
	fi
}

. tests/cli-caseflow.sh

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
