#!/usr/bin/python3
"""nyc-fixtures.py -- cut the NYC real-data test fixtures and their expected join.

Run once (from anywhere) with Debian's interpreter; the outputs are committed as data,
so tests never read ../shared and never need shapely:

    /usr/bin/python3 tests/nyc-fixtures.py [SOURCE_DIR]

SOURCE_DIR defaults to /work/shared/data (see its README.md for provenance/licences).
Rerunning on the same inputs rewrites byte-identical outputs.

What it writes (paths relative to the repository root):

  testdata/nyc311.csv
      Header plus a deterministic subset of nyc311_sample.csv (4,999 NYC 311 records,
      Feb 2023, 46 columns).  Records are copied byte-for-byte: Python's csv module is
      used only to find record boundaries (reader.line_num), and the original bytes of
      those physical lines are written unchanged (all 46 columns, quoting, mojibake,
      line endings).  Records keep their original order.  Selection rule, applied to
      the 0-based data-record index i (header excluded):
        (a) every 7th record: i % 7 == 0;
        (b) plus EVERY record whose `Community Board` is not a regular
            "NN BOROUGH" with NN inside that borough's range (MANHATTAN 01-12,
            BRONX 01-12, BROOKLYN 01-18, QUEENS 01-14, STATEN ISLAND 01-03), e.g.
            "Unspecified QUEENS", "27 BRONX", "83 QUEENS", "64 MANHATTAN", "0 Unspecified";
        (c) plus records with empty Latitude/Longitude, taken in file order, until the
            subset holds 20 such records.
      The script asserts the subset has >= 15 no-coordinate rows, mojibake rows
      (UTF-8 text that was mis-decoded and re-encoded: "â" + C1 controls, "Â\xa0",
      or cp1252-style "â€™"), odd Community Board rows, and all five boroughs.

  testdata/nyc_cd.geojson
      Byte-identical copy of nyc_community_districts.geojson (59 MultiPolygon
      community districts, EPSG:4326, integer property boro_cd).  It is only checked
      (parses, 59 features, MultiPolygon, closed rings, shapely is_valid), not altered.

  testdata/nyc311_expected_cd.csv
      Header "Unique Key,boro_cd", one row per data row of testdata/nyc311.csv, same
      order, LF line endings.  boro_cd = boro_cd of the first feature, in GeoJSON
      feature order, whose polygon COVERS the point (x = Longitude, y = Latitude),
      boundary included; empty when the row has no coordinates or no district covers
      the point.
      Computed with shapely (Debian package python3-shapely, GEOS backend:
      prepared geometry .covers(Point)), independently of the project's own `gridify`.
      Cross-checked with a pure-Python even-odd ray-casting point-in-polygon over ALL
      rings of the MultiPolygon (outer rings and holes); the script fails if the two
      methods disagree on any row.

It also prints a summary: row counts, points in no district, agreement between the two
methods, and agreement with the city's own `Community Board` column
("04 MANHATTAN" -> 104 with MN=1, BX=2, BK=3, QN=4, SI=5).
"""

import csv
import io
import json
import os
import re
import shutil
import sys

from shapely.geometry import Point, shape
from shapely.prepared import prep

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"

SRC_CSV = os.path.join(SRC, "nyc311_sample.csv")
SRC_GEO = os.path.join(SRC, "nyc_community_districts.geojson")
OUT_CSV = os.path.join(ROOT, "testdata", "nyc311.csv")
OUT_GEO = os.path.join(ROOT, "testdata", "nyc_cd.geojson")
OUT_EXP = os.path.join(ROOT, "testdata", "nyc311_expected_cd.csv")

EVERY = 7
WANT_NOCOORD = 20
MIN_NOCOORD = 15

BORO_CODE = {"MANHATTAN": 1, "BRONX": 2, "BROOKLYN": 3, "QUEENS": 4, "STATEN ISLAND": 5}
BORO_MAX = {"MANHATTAN": 12, "BRONX": 12, "BROOKLYN": 18, "QUEENS": 14, "STATEN ISLAND": 3}
CB_RE = re.compile(r"^(\d\d) (MANHATTAN|BRONX|BROOKLYN|QUEENS|STATEN ISLAND)$")
MOJIBAKE_RE = re.compile("â[\u0080-\u009f€]|Â[\u00a0-\u00bf]|Ã[\u0080-\u00bf]")


def cb_code(cb):
    """'04 MANHATTAN' -> 104; None for odd values ('Unspecified X', '27 BRONX', ...)."""
    m = CB_RE.match(cb)
    if not m:
        return None
    n, boro = int(m.group(1)), m.group(2)
    if not 1 <= n <= BORO_MAX[boro]:
        return None
    return BORO_CODE[boro] * 100 + n


def read_records(path):
    """Return (header_bytes, header_fields, [(raw_bytes, fields), ...]).

    csv.reader finds record boundaries; reader.line_num tells how many physical lines
    each record consumed, so the original bytes (quotes, embedded newlines, CRLF) are
    kept verbatim."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.splitlines(keepends=True)  # bytes: splits on \n, \r\n, \r only
    text_lines = [ln.decode("utf-8") for ln in lines]
    reader = csv.reader(iter(text_lines))
    out, prev = [], 0
    for fields in reader:
        raw = b"".join(lines[prev:reader.line_num])
        prev = reader.line_num
        out.append((raw, fields))
    assert prev == len(lines), "trailing lines not consumed"
    assert b"".join(r for r, _ in out) == data, "record split does not reproduce the file"
    (hraw, header), records = out[0], out[1:]
    return hraw, header, records


def select(header, records):
    lat, lon = header.index("Latitude"), header.index("Longitude")
    cb = header.index("Community Board")
    keep = [i % EVERY == 0 or cb_code(f[cb]) is None for i, (_, f) in enumerate(records)]
    nocoord = lambda f: f[lat] == "" or f[lon] == ""
    have = sum(1 for k, (_, f) in zip(keep, records) if k and nocoord(f))
    for i, (_, f) in enumerate(records):
        if have >= WANT_NOCOORD:
            break
        if not keep[i] and nocoord(f):
            keep[i] = True
            have += 1
    return [r for k, r in zip(keep, records) if k]


# ---------- independent method 2: pure-Python even-odd ray casting ----------
def ray_inside(x, y, rings):
    """Even-odd rule over every ring (outer rings and holes of all polygons)."""
    inside = False
    for ring in rings:
        n = len(ring)
        j = n - 1
        for i in range(n):
            xi, yi = ring[i][0], ring[i][1]
            xj, yj = ring[j][0], ring[j][1]
            if (yi > y) != (yj > y):
                xc = xi + (y - yi) * (xj - xi) / (yj - yi)
                if x < xc:
                    inside = not inside
            j = i
    return inside


def main():
    hraw, header, records = read_records(SRC_CSV)
    assert len(header) == 46 and all(len(f) == 46 for _, f in records)
    lat, lon = header.index("Latitude"), header.index("Longitude")
    cb, boro, key = header.index("Community Board"), header.index("Borough"), header.index("Unique Key")

    subset = select(header, records)
    with open(OUT_CSV, "wb") as f:
        f.write(hraw)
        for raw, _ in subset:
            f.write(raw)

    # sanity checks on the cut
    nocoord = [f for _, f in subset if f[lat] == "" or f[lon] == ""]
    moj = [f for _, f in subset if any(MOJIBAKE_RE.search(c) for c in f)]
    odd = [f for _, f in subset if cb_code(f[cb]) is None]
    boros = {f[boro] for _, f in subset}
    assert len(nocoord) >= MIN_NOCOORD, len(nocoord)
    assert moj, "no mojibake rows"
    assert odd, "no odd Community Board rows"
    assert set(BORO_CODE) <= boros, boros
    assert len({f[key] for _, f in subset}) == len(subset), "duplicate Unique Key"

    # GeoJSON: check, then copy unchanged
    with open(SRC_GEO, "rb") as f:
        gj = json.loads(f.read().decode("utf-8"))
    feats = gj["features"]
    assert gj["type"] == "FeatureCollection" and len(feats) == 59
    polys = []
    for ft in feats:
        g = ft["geometry"]
        assert g["type"] == "MultiPolygon"
        rings = [ring for poly in g["coordinates"] for ring in poly]
        assert all(len(r) >= 4 and r[0] == r[-1] for r in rings), ft["properties"]
        shp = shape(g)
        assert shp.is_valid, ft["properties"]["boro_cd"]
        polys.append((ft["properties"]["boro_cd"], prep(shp), rings, shp.bounds))
    shutil.copyfile(SRC_GEO, OUT_GEO)

    # the expected join, two ways
    rows, disagree, multi = [], [], []
    for _, f in subset:
        a = b = ""
        if f[lat] != "" and f[lon] != "":
            x, y = float(f[lon]), float(f[lat])
            pt = Point(x, y)
            hits = [cd for cd, pp, _, _ in polys if pp.covers(pt)]
            if len(hits) > 1:
                multi.append((f[key], hits))
            a = str(hits[0]) if hits else ""
            for cd, _, rings, (x0, y0, x1, y1) in polys:
                if x0 <= x <= x1 and y0 <= y <= y1 and ray_inside(x, y, rings):
                    b = str(cd)
                    break
        if a != b:
            disagree.append((f[key], f[lon], f[lat], a, b))
        rows.append((f[key], a, f[cb]))

    with open(OUT_EXP, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["Unique Key", "boro_cd"])
        for k, a, _ in rows:
            w.writerow([k, a])

    # summary
    n = len(rows)
    nocoord_keys = {f[key] for f in nocoord}
    in_none = [k for k, a, _ in rows if a == "" and k not in nocoord_keys]
    joined = [(k, int(a), c) for k, a, c in rows if a != ""]
    agree = sum(1 for _, a, c in joined if cb_code(c) == a)
    known = [(k, a, c) for k, a, c in joined if cb_code(c) is not None]
    agree_known = sum(1 for _, a, c in known if cb_code(c) == a)
    p = lambda *s: print(*s, file=sys.stderr)
    p(f"coordinate columns: {header[lon]!r} (x), {header[lat]!r} (y); "
      f"community board column: {header[cb]!r}")
    p(f"cut: {n} data rows (+ header) from {len(records)}; no coordinates: {len(nocoord)}; "
      f"mojibake rows: {len(moj)}; odd Community Board rows: {len(odd)}; boroughs: {sorted(boros)}")
    p(f"points in no district: {len(in_none)} {in_none}")
    p(f"points covered by >1 district: {len(multi)} {multi}")
    p(f"shapely vs ray casting: {n - len(disagree)}/{n} rows agree; disagreements: {disagree}")
    p(f"vs Community Board, odd values counted as disagreement: {agree}/{len(joined)} joined rows agree")
    p(f"vs Community Board, odd values as unknown (excluded): {agree_known}/{len(known)} agree; "
      f"{len(joined) - len(known)} joined rows have odd Community Board")
    for k, a, c in known:
        if cb_code(c) != a:
            p(f"  mismatch: Unique Key {k}: joined {a}, Community Board {c!r}")
    for k, a, c in joined:
        if cb_code(c) is None:
            p(f"  odd CB: Unique Key {k}: joined {a}, Community Board {c!r}")
    for k, a, c in rows:
        if a == "" and k not in nocoord_keys:
            p(f"  no district: Unique Key {k}, Community Board {c!r}")
    if disagree:
        sys.exit("shapely and ray casting disagree")


if __name__ == "__main__":
    main()
