#!/bin/sh
# scripts/deps.sh, the first step of make check, make demo and make bench,
# on a machine like one where the libraries are installed some other way:
# a PATH without apt-get, apt, dpkg, dpkg-query and sudo.  With everything
# there it must pass silently, without a package manager; with a library
# missing (a packager's library flag that names none) it must fail and
# say which Debian package to install; a wrong set is a usage error.
# The checks are written as tests/harness.sh describes.
#
# Usage: sh tests/deps.sh    Prints "deps: N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
. tests/harness.sh
suite deps build

# A PATH of every program this machine has but the package managers.
nopkg=$tmp/bin
mkdir "$nopkg"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
	[ -d "$dir" ] || continue
	for prog in "$dir"/*; do
		name=${prog##*/}
		case $name in
		apt | apt-get | apt-cache | dpkg | dpkg-* | sudo) continue ;;
		esac
		[ -e "$nopkg/$name" ] || ln -s "$prog" "$nopkg/$name"
	done
done
ok no-apt-get-here sh -c "PATH=$nopkg; ! command -v apt-get && ! command -v dpkg-query" >/dev/null

# Everything there: exit 0, nothing said, nothing needed.
PATH=$nopkg sh scripts/deps.sh build >"$tmp/out" 2>"$tmp/err"
ok all-there-no-apt test $? = 0
ok all-there-silent test ! -s "$tmp/out" -a ! -s "$tmp/err"

# A library that is not there (the Makefile's CSV_LIBS, overridden):
# exit 1, the package named, nothing installed.
PATH=$nopkg CSV_LIBS=-lno-such-library sh scripts/deps.sh build \
    >"$tmp/out" 2>"$tmp/err"
ok missing-fails test $? = 1
ok missing-named grep -q '^deps.sh: missing, and no apt-get to install them: libcsv-dev$' "$tmp/err" ||
    cat "$tmp/err"

# A compiler that is not there: the compiler's packages.
PATH=$nopkg CC=no-such-cc sh scripts/deps.sh build >"$tmp/out" 2>"$tmp/err"
ok no-compiler-fails test $? = 1
ok no-compiler-named grep -q 'gcc libc6-dev' "$tmp/err" || cat "$tmp/err"

# A set that does not exist.
sh scripts/deps.sh everything >"$tmp/out" 2>"$tmp/err"
ok unknown-set test $? = 2

finish
