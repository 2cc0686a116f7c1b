"""The strict oracle the linkage figures are read against: it knows every record's true name in
Hangul (which no linker does: it sees romanisations and typos) and links two records of one true
name whose birth dates are both given to the day and agree (the same, or one slip apart: a year
off, day and month swapped) and whose sexes, where both are given, agree. Records without a full
date stay alone: the oracle does not guess between namesakes. What it misses and joins wrongly is what the data make hard, not what a linker does."""
import csv
from collections import defaultdict


def parse(text):
    """(first year, last year, month, day) or None."""
    text = text.strip()
    if not text:
        return None
    if "/" in text:
        a, b = text.split("/")
        return int(a), int(b), None, None
    parts = [int(x) for x in text.split("-")]
    year, month, day = parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None
    return year, year, month, day


def agree(a, b):
    """Both dates to the day, and the same or one slip apart."""
    if a is None or b is None or a[3] is None or b[3] is None:
        return False
    (a0, a1, am, ad), (b0, b1, bm, bd) = a, b
    if a0 != a1 or b0 != b1:
        return a0 <= b1 + 1 and b0 <= a1 + 1
    if a0 != b0:
        # A slip: the same day and month with the year one off.
        return am is not None and am == bm and ad is not None and ad == bd and abs(a0 - b0) == 1
    if am is None or bm is None or am == bm:
        return ad is None or bd is None or ad == bd or am is None or bm is None
    return ad is not None and am == bd and ad == bm


def clusters(records_csv, truth_csv):
    truth = {r["record_id"]: r for r in csv.DictReader(open(truth_csv))}
    records = list(csv.DictReader(open(records_csv)))
    parent = {r["record_id"]: r["record_id"] for r in records}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_name = defaultdict(list)
    for r in records:
        by_name[truth[r["record_id"]]["true_name"]].append((r["record_id"], parse(r["birth_date"]), r["sex"] or None))
    sex = {"여": "F", "남": "M", "F": "F", "M": "M"}
    for group in by_name.values():
        for i, (x, dx, sx) in enumerate(group):
            for y, dy, sy in group[i + 1:]:
                if agree(dx, dy) and (sx is None or sy is None or sex[sx] == sex[sy]):
                    parent[root(x)] = root(y)
    return {x: root(x) for x in parent}
