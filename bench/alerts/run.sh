#!/bin/sh
# Alert latency benchmark: from a post being read by `hajund run` (release build) to its webhook being received on
# loopback, p50/p99 over at least 1,000 alerts.
# Usage: bench/alerts/run.sh [posts, default 1400] [milliseconds between posts, default 20]
# HAJUND=/path/to/hajund skips the release build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${TMPDIR:-/tmp}/hajund-bench-alerts
mkdir -p "$out"
if [ -z "${HAJUND:-}" ]; then
    swift build -c release --product hajund --package-path "$root" --scratch-path "$root/.build-bench-alerts" >&2
    HAJUND="$root/.build-bench-alerts/release/hajund"
fi
swiftc -O -wmo "$here/main.swift" -o "$out/bench-alerts"
"$out/bench-alerts" "$HAJUND" "$@"
