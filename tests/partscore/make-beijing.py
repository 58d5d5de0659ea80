#!/usr/bin/env python3
"""make-beijing.py -- write the SYNTHETIC participation fixture of the demo.

    testdata/partscore/beijing_events.csv      id,at,area,channel,level,
                                               participant,responded_at,
                                               adopted,group
    testdata/partscore/beijing_population.csv  area,population,zone,外来人口

Made-up but plausible events for Beijing's 16 districts in October 2026
(the districts and zones of testdata/rankcity/districts.csv; populations
from its pop column, in people; the migrant counts are invented).  The
words are the ones a Chinese export has: channels 12345, 市长信箱, 微博,
微信, 网上听证, 征求意见, 监督员上报; levels 公示, 咨询, 听证, 共同决策;
adopted 是/否; group 外来人口 or 户籍.  Not official statistics.

Python's random with a fixed seed, so rerunning writes the same bytes:

    python3 tests/partscore/make-beijing.py
"""
import csv
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DISTRICTS = os.path.join(ROOT, "testdata", "rankcity", "districts.csv")
EVENTS = os.path.join(ROOT, "testdata", "partscore", "beijing_events.csv")
POP = os.path.join(ROOT, "testdata", "partscore", "beijing_population.csv")

CHANNELS = [("12345", 50), ("市长信箱", 8), ("微博", 6), ("微信", 20),
            ("网上听证", 3), ("征求意见", 5), ("监督员上报", 8)]
LEVELS = [("公示", 40), ("咨询", 35), ("听证", 15), ("共同决策", 6), ("", 4)]


def pick(rng, table):
    total = sum(w for _, w in table)
    x = rng.uniform(0, total)
    for v, w in table:
        x -= w
        if x <= 0:
            return v
    return table[-1][0]


def main():
    rng = random.Random(20261001)
    with open(DISTRICTS, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    pops = []
    for r in rows:
        people = int(round(float(r["pop"]) * 10000))
        migrant = int(people * rng.uniform(0.15, 0.45))
        pops.append((r["district"], people, r["zone"], migrant))
    with open(POP, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["area", "population", "zone", "外来人口"])
        w.writerows(pops)
    n = 0
    with open(EVENTS, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "at", "area", "channel", "level", "participant",
                    "responded_at", "adopted", "group"])
        for area, people, zone, migrant in pops:
            # Participation per head differs by zone, and more so within.
            rate = {"核心区": 6, "中心城区": 4, "平原新城": 2.5,
                    "生态涵养区": 1.5}[zone] * rng.uniform(0.5, 1.5)
            k = int(people / 10000 * rate)
            residents = max(5, k // 3)
            for _ in range(k):
                n += 1
                day = rng.randint(1, 31)
                at = "2026-10-%02dT%02d:%02d:00" % (
                    day, rng.randint(8, 21), rng.randint(0, 59))
                who = rng.randint(1, residents)
                # Migrants take part less than their share.
                grp = "外来人口" if rng.random() < 0.6 * migrant / people \
                    else "户籍"
                resp = ""
                if rng.random() < 0.85:
                    h = rng.expovariate(1 / 30.0)
                    t = day * 24 + int(at[11:13]) + h
                    if t < 32 * 24:
                        d, hh = int(t // 24), t % 24
                        resp = "2026-10-%02dT%02d:%02d:00" % (
                            d, int(hh), int((hh % 1) * 60))
                        if resp < at:
                            resp = at
                adopted = "" if not resp else (
                    "是" if rng.random() < 0.3 else "否")
                w.writerow([n, at, area, pick(rng, CHANNELS),
                            pick(rng, LEVELS), "%s-%04d" % (area, who), resp,
                            adopted, grp])


if __name__ == "__main__":
    main()
