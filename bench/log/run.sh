#!/bin/sh
# Event log throughput: `hajund log-bench` from a release build writes ~600-byte events through EventLogWriter
# with the default log settings (64 MiB rotation, gzip of all backups but the newest), once with `fsync: interval`
# (the default: group commit once a second on a thread of its own) and once with `fsync: always` (fdatasync after
# every line), and prints lines per second. CPU seconds are printed too: wall time on a shared machine includes
# waiting for the CPU and the disk.
# Usage: bench/log/run.sh [lines with interval, default 1000000] [lines with always, default 20000]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
scratch=${HAJUND_BENCH_SCRATCH:-$root/.build}
swift build -c release --product hajund --scratch-path "$scratch" >&2
bin=$(swift build -c release --show-bin-path --scratch-path "$scratch")/hajund
out=$(mktemp -d "${TMPDIR:-/tmp}/hajund-bench-log.XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM

run() {
    policy=$1
    count=$2
    rm -rf "$out/log"
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "  cpu: %U s user, %S s sys, %e s wall" \
            "$bin" log-bench --log "$out/log/events.jsonl" --count "$count" --fsync "$policy"
    else
        "$bin" log-bench --log "$out/log/events.jsonl" --count "$count" --fsync "$policy"
    fi
}

echo "hajund log-bench, release build, $(nproc) cores, log under $out"
run interval "${1:-1000000}"
run always "${2:-20000}"
