#!/usr/bin/env python3
"""nyc-expected.py -- the results partscore must give on the NYC 311 fixture.

Reads ONLY the two fixture files (paths relative to the repository root):

    testdata/partscore/nyc311-events.csv      id,at,area,channel,level,
                                              participant,responded_at,adopted
    testdata/partscore/nyc-cd-population.csv  area,population,borough

and writes, next to this script, the golden references

    tests/partscore/nyc-expected-areas.csv
    tests/partscore/nyc-expected-inequality.csv

Python 3, standard library only (csv to read and write, math.log and math.sqrt);
every statistic is written out here from its definition, nothing comes from a
statistics library, and nothing here shares code with partscore.  Run it from
anywhere:

    python3 tests/partscore/nyc-expected.py

Rerunning on the same fixture rewrites byte-identical files.

Definitions
-----------
Channels: the fixture's channel column holds NYC Open Data Channel Types, mapped
to partscore's canonical channels as PHONE -> hotline, ONLINE -> web,
MOBILE -> app, OTHER -> other, UNKNOWN -> other (so UNKNOWN and OTHER are ONE
channel, "other").  Any other value stops the script.

Per area (one row per area of the population file, in its order, zero-event
areas included):
    events                 rows of the events file with that area
    per_10k                events / population * 10000 (in that order)
    channel_X_share        events on canonical channel X / events, X in hotline,
                           web, app, other
    channels               number of canonical channels with at least one event
    channel_entropy        H = -sum_X q_X ln q_X over the canonical shares,
                           0 ln 0 = 0 (natural log, not normalised)
    channel_hhi            sum_X q_X^2
    response_rate          events with a non-empty responded_at / events
A row whose responded_at is before its at (two in this fixture) is a bad
record for partscore (--reject): it is left out of every count here too.
An area with no events has per_10k 0.0, channels 0, and empty shares, entropy,
HHI and response rate (0/0 is not a number).  None of the 59 districts is such
an area in this fixture, but the rule is here for a recut.

Inequality (one row), population-weighted across the areas with population > 0
(an area with population 0 would be left out and named on standard error; the
59 districts all have population > 0):
    y_i = events_i / pop_i, w_i = pop_i / sum pop, mu = sum events / sum pop
    areas         areas in the computation
    zero_areas    of those, areas with no events (they are kept: data)
    gini          sum_i sum_j w_i w_j |y_i - y_j| / (2 mu), the double loop,
                  no small-sample correction
    theil_t       sum_i w_i (y_i/mu) ln(y_i/mu), 0 ln 0 = 0
    theil_t_within   sum_g S_g T_g, T_g the Theil T of borough g's areas with
                  their weights pop_i / pop_g and mean mu_g = events_g / pop_g
    theil_t_between  sum_g S_g ln(S_g / W_g)
                  (S_g, W_g borough g's shares of all events and of all people;
                  the borough is the population file's borough column)
    cv            sqrt(sum_i w_i (y_i - mu)^2) / mu

Sums run in file order with plain + (no compensated summation): partscore's
results should match to a relative 1e-12 or so, not bit for bit.  Floats are
written with repr(): the shortest decimal that reads back as the same double
(at most 17 significant digits).

Self-checks, not written: the Gini again from the Lorenz curve (areas sorted by
rate, trapezoids), Theil T again as sum_i s_i ln(s_i / w_i) with s_i the area's
share of events, within + between = Theil T, the CV again as
sqrt(sum w_i y_i^2 - mu^2) / mu, and channel shares summing to 1.  The script
stops if any disagrees beyond rounding.
"""

import csv
from datetime import datetime
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EVENTS = os.path.join(ROOT, "testdata", "partscore", "nyc311-events.csv")
POPULATION = os.path.join(ROOT, "testdata", "partscore", "nyc-cd-population.csv")
OUT_AREAS = os.path.join(HERE, "nyc-expected-areas.csv")
OUT_INEQ = os.path.join(HERE, "nyc-expected-inequality.csv")

CANONICAL = {"PHONE": "hotline", "ONLINE": "web", "MOBILE": "app",
             "OTHER": "other", "UNKNOWN": "other"}
CHANNELS = ("hotline", "web", "app", "other")  # partscore's order of these four


def fail(msg):
    sys.exit("nyc-expected.py: " + msg)


def close(a, b, rel=1e-12):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    return repr(v)


# ---------------------------------------------------------------- reading
def read_population():
    areas, pop, borough = [], {}, {}
    with open(POPULATION, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        if next(rd) != ["area", "population", "borough"]:
            fail(POPULATION + ": header is not area,population,borough")
        for row in rd:
            a, p, b = row
            if a in pop:
                fail("area %s twice in the population file" % a)
            n = int(p)
            if n < 0:
                fail("area %s: negative population" % a)
            areas.append(a)
            pop[a] = n
            borough[a] = b
    return areas, pop, borough


TIME_FORMAT = "%m/%d/%Y %I:%M:%S %p"


def read_events(pop):
    n, by_channel, responded = {}, {}, {}
    for a in pop:
        n[a] = 0
        by_channel[a] = {c: 0 for c in CHANNELS}
        responded[a] = 0
    rows = rejected = 0
    with open(EVENTS, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        if next(rd) != ["id", "at", "area", "channel", "level", "participant",
                        "responded_at", "adopted"]:
            fail(EVENTS + ": not partscore's default participation header")
        for row in rd:
            rows += 1
            _id, _at, area, channel, _lvl, _who, responded_at, _adopted = row
            if area not in pop:
                fail("event %s: area %r has no population row" % (_id, area))
            if channel not in CANONICAL:
                fail("event %s: channel %r is not an Open Data Channel Type" % (_id, channel))
            # partscore rejects a response dated before its event (two
            # rows of the sample were closed before they were created):
            # they are bad records, in no count.
            if responded_at != "" and (
                    datetime.strptime(responded_at, TIME_FORMAT) <
                    datetime.strptime(_at, TIME_FORMAT)):
                rejected += 1
                continue
            n[area] += 1
            by_channel[area][CANONICAL[channel]] += 1
            if responded_at != "":
                responded[area] += 1
    return rows - rejected, n, by_channel, responded


# ---------------------------------------------------------------- per area
def area_rows(areas, pop, n, by_channel, responded):
    out = []
    for a in areas:
        e = n[a]
        if pop[a] > 0:
            per_10k = e / pop[a] * 10000
        else:
            per_10k = None
        if e == 0:
            out.append([a, e, 0.0 if per_10k is not None else None,
                        None, None, None, None, 0, None, None, None])
            continue
        shares = [by_channel[a][c] / e for c in CHANNELS]
        used = 0
        plogp = 0.0
        hhi = 0.0
        total = 0.0
        for q in shares:
            total += q
            hhi += q * q
            if q > 0:
                used += 1
                plogp += q * math.log(q)
        entropy = -plogp
        if entropy == 0:
            entropy = 0.0  # one channel: not -0.0
        if not close(total, 1.0, 1e-14):
            fail("area %s: channel shares sum to %r" % (a, total))
        out.append([a, e, per_10k] + shares +
                   [used, entropy, hhi, responded[a] / e])
    return out


# ---------------------------------------------------------------- inequality
def inequality(areas, pop, n, borough):
    kept = [a for a in areas if pop[a] > 0]
    for a in areas:
        if pop[a] == 0:
            print("nyc-expected.py: area %s has population 0: left out of the "
                  "inequality measures (%d events)" % (a, n[a]), file=sys.stderr)
    P = 0
    E = 0
    for a in kept:
        P += pop[a]
        E += n[a]
    mu = E / P
    w = [pop[a] / P for a in kept]
    y = [n[a] / pop[a] for a in kept]
    k = len(kept)
    zero = 0
    for a in kept:
        if n[a] == 0:
            zero += 1

    # Gini: the double loop
    s = 0.0
    for i in range(k):
        for j in range(k):
            s += w[i] * w[j] * abs(y[i] - y[j])
    gini = s / (2 * mu)

    # Theil T
    theil = 0.0
    for i in range(k):
        if y[i] > 0:
            r = y[i] / mu
            theil += w[i] * r * math.log(r)

    # decomposition by borough (groups in order of first appearance)
    groups = []
    members = {}
    for i, a in enumerate(kept):
        g = borough[a]
        if g not in members:
            groups.append(g)
            members[g] = []
        members[g].append(i)
    within = 0.0
    between = 0.0
    for g in groups:
        Pg = 0
        Eg = 0
        for i in members[g]:
            Pg += pop[kept[i]]
            Eg += n[kept[i]]
        Sg = Eg / E
        Wg = Pg / P
        if Eg == 0:
            continue  # S_g = 0: both of its terms are 0 ln 0 = 0
        mug = Eg / Pg
        Tg = 0.0
        for i in members[g]:
            if y[i] > 0:
                r = y[i] / mug
                Tg += (pop[kept[i]] / Pg) * r * math.log(r)
        within += Sg * Tg
        between += Sg * math.log(Sg / Wg)

    # coefficient of variation
    v = 0.0
    for i in range(k):
        d = y[i] - mu
        v += w[i] * d * d
    cv = math.sqrt(v) / mu

    # ---- self-checks by other routes ----
    order = sorted(range(k), key=lambda i: y[i])
    cx = cy = 0.0
    area_under = 0.0
    for i in order:
        nx = cx + w[i]
        ny = cy + n[kept[i]] / E
        area_under += (nx - cx) * (ny + cy)
        cx, cy = nx, ny
    gini_lorenz = 1.0 - area_under
    if not close(gini, gini_lorenz, 1e-12):
        fail("Gini: double loop %r, Lorenz %r" % (gini, gini_lorenz))
    theil2 = 0.0
    for i in range(k):
        si = n[kept[i]] / E
        if si > 0:
            theil2 += si * math.log(si / w[i])
    if not close(theil, theil2, 1e-12):
        fail("Theil T: %r by rates, %r by shares" % (theil, theil2))
    if not close(theil, within + between, 1e-12):
        fail("Theil T %r != within %r + between %r" % (theil, within, between))
    m2 = 0.0
    for i in range(k):
        m2 += w[i] * y[i] * y[i]
    cv2 = math.sqrt(m2 - mu * mu) / mu
    if not close(cv, cv2, 1e-9):
        fail("CV: %r by deviations, %r by moments" % (cv, cv2))

    return [k, zero, gini, theil, within, between, cv]


def main():
    areas, pop, borough = read_population()
    rows, n, by_channel, responded = read_events(pop)
    total = 0
    for a in areas:
        total += n[a]
    if total != rows:
        fail("events counted %d of %d rows" % (total, rows))

    per_area = area_rows(areas, pop, n, by_channel, responded)
    with open(OUT_AREAS, "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["area", "events", "per_10k"] +
                    ["channel_%s_share" % c for c in CHANNELS] +
                    ["channels", "channel_entropy", "channel_hhi", "response_rate"])
        for r in per_area:
            wr.writerow([fmt(v) for v in r])

    ineq = inequality(areas, pop, n, borough)
    head = ["areas", "zero_areas", "gini", "theil_t", "theil_t_within",
            "theil_t_between", "cv"]
    with open(OUT_INEQ, "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(head)
        wr.writerow([fmt(v) for v in ineq])

    print("%d events in %d areas (%d with none); population %d" % (
        rows, len(areas), sum(1 for a in areas if n[a] == 0),
        sum(pop[a] for a in areas)), file=sys.stderr)
    print(",".join(head))
    print(",".join(fmt(v) for v in ineq))


if __name__ == "__main__":
    main()
