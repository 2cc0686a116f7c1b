#!/usr/bin/env python3
"""Privacy-preserving matching: Haven's `haven pprl` beside clkhash + anonlink (PyPI) and beside
Haven's own linkage with the names in the clear, on a two-organisation split of the seeded
Korean set. Prints a Markdown table; judges nothing.

The split: every generated person's first record from an NGO (Hangul) on the left, their first
record from any other source (passport, press, North Korean spellings) on the right; the truth is
the people on both sides. clkhash gets the schema its documentation starts from: the name as
2-grams, sex exactly, the birth date as 2-grams, 1,024 bits."""
import argparse
import csv
import os
import subprocess
import tempfile
import time

import anonlink
from clkhash import clk
from clkhash.schema import from_json_dict

SCHEMA = {
    "version": 3,
    "clkConfig": {"l": 1024, "kdf": {"type": "HKDF", "hash": "SHA256", "info": "", "salt": "", "keySize": 64}},
    "features": [
        {"identifier": "record_id", "ignored": True},
        {"identifier": "name", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerFeature": 200}, "hash": {"type": "doubleHash"}}},
        {"identifier": "sex", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": {"comparison": {"type": "exact"}, "strategy": {"bitsPerFeature": 50}, "hash": {"type": "doubleHash"}}},
        {"identifier": "birth_date", "format": {"type": "string", "encoding": "utf-8"},
         "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerFeature": 100}, "hash": {"type": "doubleHash"}}},
    ],
}


def split(records_path, truth_path):
    person = {row["record_id"]: row["person"] for row in csv.DictReader(open(truth_path, encoding="utf-8"))}
    left, right = {}, {}
    for row in csv.DictReader(open(records_path, encoding="utf-8")):
        side = left if row["source"].startswith("ngo") else right
        side.setdefault(person[row["record_id"]], row)
    fields = ("record_id", "name", "sex", "birth_date")
    to_rows = lambda side: [tuple(side[p][f] for f in fields) for p in sorted(side)]
    truth = {(left[p]["record_id"], right[p]["record_id"]) for p in left.keys() & right.keys()}
    return to_rows(left), to_rows(right), truth


def score(pairs, truth):
    correct = len(set(pairs) & truth)
    precision = correct / len(pairs) if pairs else 1.0
    recall = correct / len(truth) if truth else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall or 1)


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(("record_id", "name", "sex", "birth_date"))
        writer.writerows(rows)


def haven(binary, left, right, folder, thresholds):
    for name, rows in (("left.csv", left), ("right.csv", right)):
        write(os.path.join(folder, name), rows)
    run = lambda *args: subprocess.run([binary, "pprl", *args], check=True, capture_output=True)
    started = time.perf_counter()
    run("secret", "--output", os.path.join(folder, "s"))
    for side in ("left", "right"):
        run("encode", "--input", os.path.join(folder, side + ".csv"), "--secret-file", os.path.join(folder, "s"),
            "--output", os.path.join(folder, side + ".enc"))
    encoded = time.perf_counter() - started
    results = []
    for threshold in thresholds:
        output = os.path.join(folder, f"pairs-{threshold}.csv")
        started = time.perf_counter()
        run("match", "--left", os.path.join(folder, "left.enc"), "--right", os.path.join(folder, "right.enc"),
            "--output", output, "--threshold", str(threshold))
        pairs = [(row["left_id"], row["right_id"]) for row in csv.DictReader(open(output, encoding="utf-8"))]
        results.append((threshold, pairs, encoded + time.perf_counter() - started))
    return results


def haven_link(binary, left, right, folder):
    """Haven's own linkage with the names in the clear (`haven link --across-sources`), as the
    ceiling a private encoding can approach: a cluster with one record from each side is a pair."""
    path, output = os.path.join(folder, "both.csv"), os.path.join(folder, "clusters.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(("record_id", "source", "name", "sex", "birth_date"))
        writer.writerows([(r[0], "left", *r[1:]) for r in left] + [(r[0], "right", *r[1:]) for r in right])
    started = time.perf_counter()
    subprocess.run([binary, "link", "--input", path, "--output", output, "--across-sources", "--quiet"], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    side = {r[0]: "left" for r in left} | {r[0]: "right" for r in right}
    clusters = {}
    for row in csv.DictReader(open(output, encoding="utf-8")):
        clusters.setdefault(row["cluster_id"], []).append(row["record_id"])
    pairs = []
    for members in clusters.values():
        lefts = [m for m in members if side[m] == "left"]
        rights = [m for m in members if side[m] == "right"]
        if len(lefts) == 1 and len(rights) == 1:
            pairs.append((lefts[0], rights[0]))
    return pairs, seconds


def clkhash_anonlink(left, right, threshold):
    schema = from_json_dict(SCHEMA)
    started = time.perf_counter()
    clks = [clk.generate_clks(rows, schema, "a project secret") for rows in (left, right)]
    candidates = anonlink.candidate_generation.find_candidate_pairs(
        clks, anonlink.similarities.dice_coefficient_accelerated, threshold)
    solution = anonlink.solving.greedy_solve(candidates)
    seconds = time.perf_counter() - started
    pairs = []
    for group in solution:
        ends = {dataset: record for dataset, record in group}
        if 0 in ends and 1 in ends:
            pairs.append((left[ends[0]][0], right[ends[1]][0]))
    return pairs, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--haven", required=True)
    parser.add_argument("--data", required=True, help="haven-linkage-data")
    parser.add_argument("--persons", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        records, truth_path = os.path.join(folder, "records.csv"), os.path.join(folder, "truth.csv")
        subprocess.run([args.data, "--persons", str(args.persons), "--seed", "7", "--output", records, "--truth", truth_path],
                       check=True, capture_output=True)
        left, right, truth = split(records, truth_path)
        print(f"{len(left)} records on the left (NGO, Hangul), {len(right)} on the right (other spellings), {len(truth)} people on both")
        print("| matcher | threshold | precision | recall | F1 | seconds |")
        print("|---|---:|---:|---:|---:|---:|")
        for threshold, pairs, seconds in haven(args.haven, left, right, folder, (0.6, 0.65, 0.7, 0.75, 0.8)):
            print("| Haven `pprl` | %.2f | %.3f | %.3f | %.3f | %.2f |" % (threshold, *score(pairs, truth), seconds))
        pairs, seconds = haven_link(args.haven, left, right, folder)
        print("| Haven `link`, names in the clear (not private: the ceiling) | default | %.3f | %.3f | %.3f | %.2f |" % (*score(pairs, truth), seconds))
        for threshold in (0.4, 0.5, 0.6, 0.7):
            pairs, seconds = clkhash_anonlink(left, right, threshold)
            print("| clkhash 0.18.3 + anonlink 0.15.3, 2-gram names | %.2f | %.3f | %.3f | %.3f | %.2f |" % (threshold, *score(pairs, truth), seconds))


if __name__ == "__main__":
    main()
