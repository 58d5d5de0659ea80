#!/bin/sh
# The shape of the tree, checked on the built objects (what the linker
# sees, not what the includes suggest):
#   - lib/core depends on nothing of ours but lib/core;
#   - an engine folder (lib/geo, lib/caseflow, lib/rankcity,
#     lib/partscore) on lib/core
#     and itself, never on another engine;
#   - cmd/cli/*.o on lib/core; cmd/TOOL.o on the cli, lib/core and its own
#     engine;
#   - no circle between object files (tsort finds none);
#   - GEOS only in lib/geo, jansson only where JSON is read (lib/geo,
#     core's holiday calendars, lib/core/workcal.c), core/testhooks.h only
#     in the unit tests and the modules that define what it declares
#     (csvio.c, num.c);
#   - each tool links only the libraries it uses (readelf): rankcity no
#     GEOS and no jansson, partscore no GEOS, caseflow no GEOS, gridify
#     no GSL.
# Usage: tests/layers.sh [BUILDDIR]    Prints "layers: N passed, N failed".
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/layers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() {
	if [ "$1" = ok ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "not ok layers: $2"
	fi
}

# The objects of the sources there are now (a stale object of a removed
# source would speak for code that is gone).
objs=$(cd "$build/obj" && find lib cmd -name '*.o' | sort |
    while read -r o; do [ -f "$root/${o%.o}.c" ] && echo "$o"; done)
if [ -z "$objs" ]; then
	echo "not ok layers: no objects under $build/obj (build first)"
	echo "layers: 0 passed, 1 failed"
	exit 1
fi
# Who defines what, then who needs what: "user definer" pairs.
for o in $objs; do
	nm -g --defined-only "$build/obj/$o" | awk -v o="$o" 'NF == 3 { print $3, o }'
done | sort >"$tmp/defs"
for o in $objs; do
	nm -g --undefined-only "$build/obj/$o" | awk -v o="$o" '{ print $NF, o }'
done | sort >"$tmp/uses"
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 { print $2, $3 }' | sort -u \
    >"$tmp/edges"
[ -s "$tmp/edges" ] && check ok || check no "no dependencies found"

# The allowed folder of each dependency.
awk '
function part(o) {
	if (o ~ /^lib\/core\//) return "core"
	if (o ~ /^lib\//) { split(o, p, "/"); return "engine:" p[2] }
	if (o ~ /^cmd\/cli/) return "cli"
	split(o, p, "/"); sub(/\.o$/, "", p[2]); return "tool:" p[2]
}
{
	a = part($1); b = part($2); ok = 0
	if (b == "core") ok = 1
	else if (a == b) ok = 1
	else if (a ~ /^tool:/ && b == "cli") ok = 1
	else if (a ~ /^tool:/ && b ~ /^engine:/) {
		t = substr(a, 6); g = substr(b, 8)
		ok = (t == "gridify" && g == "geo") || t == g
	}
	if (!ok) { print "  " $1 " -> " $2 " (" a " may not use " b ")"; bad++ }
}
END { exit bad > 0 }' "$tmp/edges" >"$tmp/bad"
if [ -s "$tmp/bad" ]; then
	check no "a part depends on one it may not:"
	cat "$tmp/bad"
else
	check ok
fi

# No circle: tsort orders the graph or names a loop.
if tsort "$tmp/edges" >/dev/null 2>"$tmp/loop"; then
	check ok
else
	check no "a circle between files:"
	sed 's/^/  /' "$tmp/loop"
fi

# External libraries stay where they belong.
geos=$(grep -l 'geos_c\.h' lib/*/*.[ch] cmd/*.[ch] | grep -v '^lib/geo/')
[ -z "$geos" ] && check ok || check no "GEOS outside lib/geo: $geos"
jansson=$(grep -l 'jansson\.h' lib/*/*.[ch] cmd/*.[ch] |
    grep -v '^lib/geo/layer\.c$' | grep -v '^lib/core/workcal\.c$')
[ -z "$jansson" ] && check ok || check no "jansson outside its readers: $jansson"
hooks=$(grep -l 'core/testhooks\.h' lib/*/*.[ch] cmd/*.[ch] |
    grep -v '^lib/core/csvio\.c$' | grep -v '^lib/core/num\.c$')
[ -z "$hooks" ] && check ok || check no "a test hook used outside the tests: $hooks"

# What each tool links: the libraries its binary names (readelf's NEEDED
# entries, not ldd's whole tree, and whether or not the linker drops
# unused ones by default).
needed() {
	readelf -d "$build/$1" 2>/dev/null |
	    sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' >"$tmp/needed.$1"
	[ -s "$tmp/needed.$1" ]
}
if command -v readelf >/dev/null 2>&1; then
	for t in gridify caseflow rankcity partscore; do
		needed $t || check no "readelf $build/$t gave no libraries"
	done
	# has TOOL LIBRARY: does TOOL name libLIBRARY?
	has() { grep -q "^lib$2[.-]" "$tmp/needed.$1"; }
	has rankcity geos_c && check no "rankcity links GEOS" || check ok
	has rankcity jansson && check no "rankcity links jansson" || check ok
	has partscore geos_c && check no "partscore links GEOS" || check ok
	has caseflow geos_c && check no "caseflow links GEOS" || check ok
	has gridify gsl && check no "gridify links GSL" || check ok
	has gridify geos_c && check ok ||
	    check no "gridify does not link GEOS (readelf is not reading it)"
	has caseflow gsl && check ok ||
	    check no "caseflow does not link GSL (readelf is not reading it)"
else
	echo "# readelf not found: the linked libraries are not checked"
fi

echo "layers: $pass passed, $fail failed"
[ "$fail" = 0 ]
