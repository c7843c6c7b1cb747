#!/bin/sh
# Event log throughput: `hajund log-bench` from a release build writes ~600-byte events through EventLogWriter
# with the default log settings (64 MiB rotation, gzip of all backups but the newest), once with `fsync: interval`
# (the default: group commit once a second on a thread of its own) and once with `fsync: always` (fdatasync after
# every line), pinned to one core, and prints lines per second. CPU seconds and lines per CPU second are printed
# too: wall time on a shared machine includes waiting for the CPU and the disk. Needs /usr/bin/time (Debian: time).
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
    # One core: the writer, its group-commit thread and the backup compression share it, as on a small VM.
    taskset -c 0 /usr/bin/time -o "$out/time" -f "%U %S %e" \
        "$bin" log-bench --log "$out/log/events.jsonl" --count "$count" --fsync "$policy"
    read -r user sys wall < "$out/time"
    awk -v n="$count" -v u="$user" -v s="$sys" -v w="$wall" 'BEGIN {
        printf "  cpu: %.2f s user, %.2f s sys, %.2f s wall: %.0f lines per CPU second\n", u, s, w, n / (u + s) }'
}

echo "hajund log-bench, release build, pinned to one core (taskset -c 0) of $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), log under $out"
run interval "${1:-1000000}"
run always "${2:-20000}"
