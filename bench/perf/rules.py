#!/usr/bin/env python3
"""Prints N alert rules (the items of a `rules:` list, docs/alerts.md) for the rule-scaling benchmark.

The rules cycle through the kinds a duty desk writes: `any` on a category (and a severity), `frequency` per
region, `corroborated`, `any` on a place, on equipment and on a text pattern, and `spike` per category; every
rule gets its own name and its own condition, so none is a copy another could share work with.

Usage: rules.py N
"""

import sys

CATEGORIES = ["troop_movement", "aviation", "missile_launch", "rail_sabotage", "cyber_attack", "arrest",
              "mobilization", "exercise", "protest"]
PLACES = ["mazyr", "machulishchy", "homiel", "brest", "hrodna", "vitsebsk", "mahiliou", "baranavichy", "luninets",
          "lida", "babrujsk", "pruzhany", "minsk"]
EQUIPMENT = ["su-34", "su-25", "mi-8", "ka-52", "a-50", "mig-31k", "il-76", "iskander", "s-400", "pantsir", "t-72"]
PATTERNS = ["пуск|launch", "колонн|convoy", "эшелон|эшалон|train", "борт|aircraft", "задержа|затрыма|detain",
            "повестк|summons", "учени|вучэнн|exercise"]
SEVERITIES = ["medium", "high", "critical"]


def rule(index):
    name = "rule-%03d" % index
    category = CATEGORIES[index % len(CATEGORIES)]
    kind = index % 7
    if kind == 0:
        body = ["type: any", "match: { category: %s, severity: %s }" % (category, SEVERITIES[index % 3])]
    elif kind == 1:
        body = ["type: frequency", "count: %d" % (3 + index % 5), "window: 30m", "group_by: region",
                "match: { category: %s }" % category]
    elif kind == 2:
        body = ["type: corroborated", "sources: %d" % (2 + index % 3), "match: { category: %s }" % category]
    elif kind == 3:
        body = ["type: any", "match: { place: %s }" % PLACES[index % len(PLACES)]]
    elif kind == 4:
        body = ["type: any", "match: { equipment: %s }" % EQUIPMENT[index % len(EQUIPMENT)]]
    elif kind == 5:
        # index // 7: the text rules are every 7th, and index % 7 would give them all the same pattern.
        body = ["type: any", "match: { text: '%s' }" % PATTERNS[(index // 7) % len(PATTERNS)]]
    else:
        body = ["type: spike", "factor: 3", "window: 1h", "reference: 6h", "match: { category: %s }" % category]
    lines = ["  - name: %s" % name] + ["    " + line for line in body] + ["    receiver: bench-file"]
    return "\n".join(lines)


def main():
    count = int(sys.argv[1])
    for index in range(count):
        print(rule(index))


if __name__ == "__main__":
    main()
