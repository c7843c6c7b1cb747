#!/usr/bin/env python3
"""Scores events (hajund's, or the reference pipeline's lines with the same keys) against the simulator's truth.

Dedup: pairwise precision and recall, as Tests/HajunEndToEndTests/SimulatorEndToEndTests.swift computes them: two
posts belong together when they share the truth's `incident`; events are grouped by `dedup.of`, or their own `id`
when it is null. Edits (`edited_at` not null) are left out. Category accuracy over the same posts.

Usage: score.py TRUTH.jsonl EVENTS.jsonl  -> one JSON object on stdout
"""

import json
import sys
from collections import Counter


def main():
    truth_path, events_path = sys.argv[1], sys.argv[2]
    truth = {}
    with open(truth_path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            truth["%s/%s" % (row["chat"], row["message_id"])] = (row["incident"], row["category"])
    cells, predicted, actual = Counter(), Counter(), Counter()
    matched = correct = 0
    with open(events_path, encoding="utf-8") as handle:
        for line in handle:
            event = json.loads(line)
            if event.get("edited_at") is not None:
                continue
            source = event["source"]
            row = truth.get("%s/%s" % (source["chat"], source["message_id"]))
            if row is None:
                continue
            incident, category = row
            matched += 1
            cluster = event["dedup"]["of"] or event["id"]
            cells[(cluster, incident)] += 1
            predicted[cluster] += 1
            actual[incident] += 1
            correct += event["category"] == category

    def pairs(counts):
        return sum(n * (n - 1) // 2 for n in counts.values())

    together = pairs(cells)
    precision = together / pairs(predicted) if pairs(predicted) else 1.0
    recall = together / pairs(actual) if pairs(actual) else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(json.dumps({
        "posts": matched,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "category_accuracy": correct / max(matched, 1),
    }))


if __name__ == "__main__":
    main()
