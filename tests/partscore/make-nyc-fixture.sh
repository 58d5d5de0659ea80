#!/bin/sh
# make-nyc-fixture.sh -- cut partscore's NYC real-data fixture from the shared
# public data, then recompute its golden results.  Run by hand, once; it is
# NOT run at test time (tests read only testdata/, never /work/shared).
#
# Usage: sh tests/partscore/make-nyc-fixture.sh [SOURCE_DIR] [BINDIR]
#   SOURCE_DIR  default /work/shared/data (its README.md gives provenance
#               and licences)
#   BINDIR      default build (run `make` first: it needs BINDIR/gridify)
#
# Writes (see testdata/partscore/README):
#   testdata/partscore/nyc311-events.csv     every 311 record of
#       nyc311_sample.csv whose point gridify places in a community district,
#       in partscore's participation schema
#       (id,at,area,channel,level,participant,responded_at,adopted)
#   testdata/partscore/nyc-cd-population.csv area,population,borough for
#       the 59 community districts (2010 census)
#   tests/partscore/nyc-expected-areas.csv, nyc-expected-inequality.csv
#       by tests/partscore/nyc-expected.py, from the two files above only
#
# The districts are testdata/nyc_cd.geojson, which must be byte-identical
# to SOURCE_DIR/nyc_community_districts.geojson (it is reused, not copied
# again).  gridify's join is checked against an independent pure-Python
# even-odd ray-casting join of every record, and against
# testdata/nyc311_expected_cd.csv (shapely's join, tests/nyc-fixtures.py)
# on the records the two cuts share; any disagreement stops the script.
# Rerunning on the same inputs rewrites byte-identical files.
set -eu
cd "$(dirname "$0")/../.."
src=${1:-/work/shared/data}
bin=${2:-build}
py=${PYTHON:-python3}

test -x "$bin/gridify" || { echo "$0: no $bin/gridify: run make" >&2; exit 2; }
cmp -s "$src/nyc_community_districts.geojson" testdata/nyc_cd.geojson || {
	echo "$0: testdata/nyc_cd.geojson differs from $src/nyc_community_districts.geojson" >&2
	exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

# The join: every record in no district, or without coordinates, goes to
# the reject file (with gridify's reason); the rest get a boro_cd column.
"$bin/gridify" -p testdata/nyc_cd.geojson --id-field boro_cd \
    -x Longitude -y Latitude --unmatched reject --reject "$tmp/rej.csv" \
    -o "$tmp/joined.csv" "$src/nyc311_sample.csv" 2>"$tmp/err" || {
	cat "$tmp/err" >&2; exit 1; }
cat "$tmp/err" >&2

"$py" - "$src" "$tmp" <<'PY'
import csv, datetime, json, os, sys

src, tmp = sys.argv[1], sys.argv[2]
OUT_EV = "testdata/partscore/nyc311-events.csv"
OUT_POP = "testdata/partscore/nyc-cd-population.csv"
TIME_FMT = "%m/%d/%Y %I:%M:%S %p"
CHANNELS = ("PHONE", "ONLINE", "MOBILE", "OTHER", "UNKNOWN")
BORO = {"MN": (1, "MANHATTAN"), "BX": (2, "BRONX"), "BK": (3, "BROOKLYN"),
        "QN": (4, "QUEENS"), "SI": (5, "STATEN ISLAND")}
p = lambda *a: print(*a, file=sys.stderr)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---- districts (for the independent join and the population check) ----
with open("testdata/nyc_cd.geojson", encoding="utf-8") as f:
    feats = json.load(f)["features"]
assert len(feats) == 59
polys = []
for ft in feats:
    g = ft["geometry"]
    assert g["type"] == "MultiPolygon"
    rings = [r for poly in g["coordinates"] for r in poly]
    xs = [pt[0] for r in rings for pt in r]
    ys = [pt[1] for r in rings for pt in r]
    polys.append((ft["properties"]["boro_cd"], ft["properties"]["borough"].upper(),
                  rings, (min(xs), min(ys), max(xs), max(ys))))
geo_boro = {cd: b for cd, b, _, _ in polys}


def ray_inside(x, y, rings):
    """Even-odd rule over every ring (outer rings and holes)."""
    inside = False
    for ring in rings:
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i][0], ring[i][1]
            xj, yj = ring[j][0], ring[j][1]
            if (yi > y) != (yj > y):
                if x < xi + (y - yi) * (xj - xi) / (yj - yi):
                    inside = not inside
            j = i
    return inside


def ray_join(lon, lat):
    x, y = float(lon), float(lat)
    for cd, _, rings, (x0, y0, x1, y1) in polys:
        if x0 <= x <= x1 and y0 <= y <= y1 and ray_inside(x, y, rings):
            return cd
    return None


# ---- the join ----
sample = rows(os.path.join(src, "nyc311_sample.csv"))
joined = rows(os.path.join(tmp, "joined.csv"))
rejected = rows(os.path.join(tmp, "rej.csv"))
keys = [r["Unique Key"] for r in sample]
assert len(set(keys)) == len(keys), "duplicate Unique Key"
by_key = {r["Unique Key"]: r for r in sample}
jk = [r["Unique Key"] for r in joined]
rk = [r["Unique Key"] for r in rejected]
assert set(jk).isdisjoint(rk) and set(jk) | set(rk) == set(keys)
jk_set = set(jk)
assert jk == [k for k in keys if k in jk_set], "join changed the record order"

nocoord = [k for k in keys if by_key[k]["Latitude"] == "" or by_key[k]["Longitude"] == ""]
nocoord_set = set(nocoord)
outside = [k for k in rk if k not in nocoord_set]
assert nocoord_set <= set(rk)

# gridify versus the ray-casting join, on every record with coordinates
got = {r["Unique Key"]: int(r["boro_cd"]) for r in joined}
bad = []
for k in keys:
    r = by_key[k]
    if k in nocoord_set:
        continue
    want = ray_join(r["Longitude"], r["Latitude"])
    if got.get(k) != want:
        bad.append((k, r["Longitude"], r["Latitude"], got.get(k), want))
if bad:
    sys.exit("gridify and ray casting disagree: %r" % bad)
# ... and versus shapely's join of the 757-record cut (tests/nyc-fixtures.py)
shared = 0
for r in rows("testdata/nyc311_expected_cd.csv"):
    k = r["Unique Key"]
    if k in by_key:
        shared += 1
        want = int(r["boro_cd"]) if r["boro_cd"] else None
        assert got.get(k) == want, (k, got.get(k), want)

# ---- population: boro_cd checked against cd_code and the polygons ----
pop = rows(os.path.join(src, "nyc_cd_population_2010.csv"))
assert len(pop) == 59
for r in pop:
    code, boro = r["cd_code"][:2], r["borough"]
    digit, name = BORO[code]
    assert int(r["boro_cd"]) == digit * 100 + int(r["cd_code"][2:]), r
    assert boro == name == geo_boro[int(r["boro_cd"])], r
    assert int(r["population"]) > 0 and str(int(r["population"])) == r["population"], r
assert sorted(int(r["boro_cd"]) for r in pop) == sorted(geo_boro)
assert sum(int(r["population"]) for r in pop) == 8171680
pop.sort(key=lambda r: int(r["boro_cd"]))
with open(OUT_POP, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["area", "population", "borough"])
    for r in pop:
        w.writerow([r["boro_cd"], r["population"], r["borough"]])

# ---- events ----
chan, closed, before, same, times = {}, 0, 0, 0, []
with open(OUT_EV, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "at", "area", "channel", "level", "participant",
                "responded_at", "adopted"])
    for r in joined:
        c = r["Open Data Channel Type"]
        assert c in CHANNELS, c
        chan[c] = chan.get(c, 0) + 1
        at = datetime.datetime.strptime(r["Created Date"], TIME_FMT)
        times.append(at)
        if r["Closed Date"] != "":
            closed += 1
            cl = datetime.datetime.strptime(r["Closed Date"], TIME_FMT)
            before += cl < at
            same += cl == at
        w.writerow([r["Unique Key"], r["Created Date"], r["boro_cd"], c, "", "",
                    r["Closed Date"], ""])

n_area = {}
for r in joined:
    n_area[r["boro_cd"]] = n_area.get(r["boro_cd"], 0) + 1
zero = [r["boro_cd"] for r in pop if r["boro_cd"] not in n_area]
p("records in nyc311_sample.csv: %d" % len(sample))
p("  without coordinates: %d" % len(nocoord))
p("  with coordinates in no community district: %d (Community Board: %s)" % (
    len(outside), ", ".join(sorted(set(by_key[k]["Community Board"] for k in outside)))))
p("  joined (rows of %s): %d; channels %s" % (OUT_EV, len(joined), sorted(chan.items())))
p("  Closed Date set: %d, empty: %d; closed before created: %d; closed = created: %d"
  % (closed, len(joined) - closed, before, same))
p("  Created Date from %s to %s" % (min(times), max(times)))
p("join checks: gridify = ray casting on all %d records with coordinates; "
  "= shapely (testdata/nyc311_expected_cd.csv) on the %d records both cuts hold"
  % (len(sample) - len(nocoord), shared))
p("districts: %d, population %d; with no events: %d %s" % (
    len(pop), sum(int(r["population"]) for r in pop), len(zero), zero))
PY

"$py" tests/partscore/nyc-expected.py
