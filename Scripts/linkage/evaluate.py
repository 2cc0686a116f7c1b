"""Pairwise precision, recall and F1 of a clustering against the truth: a pair of records is
predicted when both are in one cluster, true when both are one entity."""
from collections import defaultdict
from itertools import combinations


def pairs_of(assignment):
    """All unordered record pairs that share a group, from record id -> group."""
    groups = defaultdict(list)
    for record, group in assignment.items():
        groups[group].append(record)
    result = set()
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            result.add((a, b))
    return result


def score(predicted, truth, only_across=None):
    """predicted, truth: record id -> cluster / entity. only_across: record id -> source; when
    given, pairs within one source are left out of both sides (linkage of two lists)."""
    p, t = pairs_of(predicted), pairs_of(truth)
    if only_across is not None:
        p = {x for x in p if only_across[x[0]] != only_across[x[1]]}
        t = {x for x in t if only_across[x[0]] != only_across[x[1]]}
    tp = len(p & t)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(t) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
