#!/usr/bin/env python3
"""Turns one run of bench/perf/run.sh into the Markdown report docs/performance.md quotes.

Reads WORK/results.tsv (name, posts, CPU seconds, wall seconds, peak RSS KiB), WORK/profile.txt (the stage costs
`hajund replay --profile` printed), WORK/quality-*.json (score.py) and WORK/machine.txt.

Usage: report.py WORK LARGE_CORPUS_BYTES ELAPSED_SECONDS
"""

import json
import os
import sys


def main():
    work, large_bytes, elapsed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rows = []
    with open(os.path.join(work, "results.tsv"), encoding="utf-8") as handle:
        for line in handle:
            name, posts, cpu, wall, rss = line.rstrip("\n").split("\t")
            rows.append((name, int(posts), float(cpu), float(wall), int(rss)))
    by_name = {row[0]: row for row in rows}

    def rate(row, seconds):
        return row[1] / seconds if seconds > 0 else 0.0

    def figure(value):
        return "{:,.0f}".format(value) if value > 0 else "—"

    out = []
    with open(os.path.join(work, "machine.txt"), encoding="utf-8") as handle:
        out.append(handle.read().rstrip("\n"))
    out.append("")
    out.append("| what | posts | CPU s | wall s | posts/s (CPU) | posts/s (wall) | peak RSS |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for name, posts, cpu, wall, rss in rows:
        out.append("| %s | %s | %.2f | %.2f | %s | %s | %d MiB |" % (
            name, "{:,}".format(posts), cpu, wall, figure(rate(by_name[name], cpu)),
            figure(rate(by_name[name], wall)), rss // 1024))
    out.append("")

    replay = by_name.get("hajund replay (1M corpus)")
    replay_small = by_name.get("hajund replay (100k corpus)")
    python = by_name.get("Python reference (100k corpus)")
    python_large = by_name.get("Python reference (1M corpus)")
    cat = by_name.get("cat (1M corpus)")
    jq = by_name.get("jq -c . (1M corpus)")
    if replay:
        out.append("Ratios (CPU time):")
        out.append("")
        if python_large:
            out.append("- hajund replay vs the Python reference on the same 1M corpus: **%.0f×**" % (
                rate(replay, replay[2]) / rate(python_large, python_large[2])))
        if python and replay_small:
            out.append("- hajund replay vs the Python reference on the same 100k corpus: **%.0f×** (hajund's 1M rate vs "
                       "the Python 100k rate: %.0f×)" % (rate(replay_small, replay_small[2]) / rate(python, python[2]),
                                                         rate(replay, replay[2]) / rate(python, python[2])))
        if jq:
            out.append("- hajund replay vs `jq -c .` over the 1M corpus: %.1f×" % (rate(replay, replay[2]) /
                                                                                 rate(jq, jq[2])))
        if cat:
            mib = large_bytes / 1048576
            out.append("- hajund replay reads %.0f MiB/s of input by CPU time; `cat` %.0f MiB/s by wall time" % (
                mib / replay[2], mib / max(cat[3], 0.005)))
        out.append("")

    quality = {}
    for key in ("hajund", "python", "hajund-1m", "python-1m"):
        path = os.path.join(work, "quality-%s.json" % key)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                quality[key] = json.load(handle)
    if quality:
        out.append("Quality against the generator's truth (edits left out):")
        out.append("")
        out.append("| pipeline | corpus | posts scored | dedup precision | dedup recall | dedup F1 | category accuracy |")
        out.append("|---|---|---:|---:|---:|---:|---:|")
        for key, label, corpus in (("hajund", "hajund replay", "100k"), ("python", "Python reference", "100k"),
                                   ("hajund-1m", "hajund replay", "1M"), ("python-1m", "Python reference", "1M")):
            if key in quality:
                q = quality[key]
                out.append("| %s | %s | %s | %.1f%% | %.1f%% | %.1f%% | %.1f%% |" % (
                    label, corpus, "{:,}".format(q["posts"]), 100 * q["precision"], 100 * q["recall"],
                    100 * q["f1"], 100 * q["category_accuracy"]))
        out.append("")

    profile = os.path.join(work, "profile.txt")
    if os.path.exists(profile):
        out.append("Stage costs (`hajund replay --profile`, 1M corpus):")
        out.append("")
        out.append("```")
        with open(profile, encoding="utf-8") as handle:
            out.append(handle.read().rstrip("\n"))
        out.append("```")
        out.append("")
    out.append("Whole benchmark: %d s." % elapsed)
    print("\n".join(out))


if __name__ == "__main__":
    main()
